# FAOS Codex: build, test, install.  `make help` lists the targets.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/faos-codex
DATADIR ?= $(PREFIX)/share/faos-codex
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0

PKGS := ncursesw libcurl libcjson yaml-0.1 libbsd-overlay libseccomp libmd
# Recursive (=) so that pkg-config runs after `deps` has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

OPT ?= -O2 -g
SAN ?=
WARN := -Wall -Wextra -Werror -Wformat-security -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(OPT) $(SAN) -MMD -MP \
	-Isrc -Iui -DFAOS_VERSION='"$(VERSION)"' -DFAOS_DATADIR='"$(DATADIR)"' -DFAOS_LIBEXECDIR='"$(LIBEXECDIR)"' \
	$(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LDLIBS = $(PKG_LIBS) -lpthread -lm

CORE_SRC := $(filter-out src/main.c src/sbx-helper.c,$(wildcard src/*.c src/*/*.c))
UI_SRC := $(wildcard ui/*.c)
THEMES := $(wildcard themes/*.yaml)
TEMPLATES := $(wildcard templates/*.txt)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/src/templates-embedded.o
UI_OBJ := $(UI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/ui/themes-embedded.o
UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
FAKELLM_SRC := $(wildcard tests/fakellm/*.c)
BIN := $(BUILD)/faos-codex
# The sandbox helper, found beside the binary (or in LIBEXECDIR once installed).
SBX := $(BUILD)/faos-codex-sbx

.PHONY: all run test check asan tsan fuzz bench install uninstall clean deps tests memcheck help

all: $(BIN) $(SBX)

help:
	@echo "make [all]     build $(BIN)"
	@echo "make run       install missing dependencies, build, open the TUI"
	@echo "make test      install missing dependencies, build, run the test suite"
	@echo "make check     lint: no curses in src/, man page lint, config example up to date"
	@echo "make asan      the test suite built with AddressSanitizer + UBSan"
	@echo "make tsan      the threaded tests built with ThreadSanitizer"
	@echo "make memcheck  the unit tests under valgrind"
	@echo "make fuzz      build the libFuzzer harnesses with clang (build-fuzz/fuzz/)"
	@echo "make bench     print the benchmark figures"
	@echo "make install   PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)"

deps:
	@build-aux/deps.sh

run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	./$(BIN)

test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all tests
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory fuzz
	BUILD=$(BUILD) tests/run.sh

tests: $(BIN) $(UNIT_BIN) $(BUILD)/fakellm

$(BIN): $(BUILD)/src/main.o $(UI_OBJ) $(BUILD)/libcore.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/src/main.o $(UI_OBJ) $(BUILD)/libcore.a $(LDLIBS)

$(SBX): $(BUILD)/src/sbx-helper.o $(BUILD)/libcore.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/src/sbx-helper.o $(BUILD)/libcore.a \
		$(shell pkg-config --libs libseccomp)

$(BUILD)/libcore.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Themes are compiled in, so the program never starts without one; files in
# the user's themes directory override them by name.
$(BUILD)/ui/themes-embedded.c: $(THEMES) build-aux/embed.sh
	@mkdir -p $(dir $@)
	build-aux/embed.sh theme-embedded.h embedded_theme embedded_themes $(THEMES) > $@

$(BUILD)/ui/themes-embedded.o: $(BUILD)/ui/themes-embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Prompt templates likewise, into the core (src/gateway/template.c looks in
# the user's and the installed templates directories first).
$(BUILD)/src/templates-embedded.c: $(TEMPLATES) build-aux/embed.sh
	@mkdir -p $(dir $@)
	build-aux/embed.sh gateway/template-embedded.h embedded_template embedded_templates \
		$(TEMPLATES) > $@

$(BUILD)/src/templates-embedded.o: $(BUILD)/src/templates-embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(UI_OBJ) $(BUILD)/libcore.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(UI_OBJ) $(BUILD)/libcore.a $(LDLIBS)

$(BUILD)/fakellm: $(FAKELLM_SRC)
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) $(OPT) $(SAN) $(FAKELLM_SRC) \
		$(shell pkg-config --cflags --libs libcjson) -lpthread -o $@

$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libcore.a $(LDLIBS) -lutil

# tree-files measures the tree pane's model, which lives in ui/.
$(BUILD)/bench/tree-files: $(BUILD)/tests/bench/tree-files.o $(UI_OBJ) $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(UI_OBJ) $(BUILD)/libcore.a $(LDLIBS)

check: $(BIN)
	@if grep -rlE '#include *[<"](n?curses|ncursesw/)' src; then \
		echo "check: src/ must not include curses (only ui/ may)"; exit 1; fi
	@mandoc -Tlint -Wwarning man/faos-codex.1
	@./$(BIN) --dump-config --defaults | cmp -s - config.yaml.example || \
		{ echo "check: config.yaml.example is stale: run 'make config.yaml.example'"; exit 1; }
	@echo "check: ok"

config.yaml.example: $(BIN)
	./$(BIN) --dump-config --defaults > $@

asan:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all tests
	# NCURSES_GPM_TERMS empty: for TERM=linux ncurses loads libgpm, which
	# leaks 10 bytes once and is unloaded before LeakSanitizer can name it.
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		NCURSES_GPM_TERMS= BUILD=build-asan tests/run.sh

tsan:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT="-O1 -g" SAN="-fsanitize=thread" all tests
	TSAN_OPTIONS=halt_on_error=1 BUILD=build-tsan tests/run.sh --threaded

# libFuzzer harnesses (tests/fuzz/fuzz-*.c), built with clang against a core
# compiled with fuzzing instrumentation in build-fuzz/. `make test` runs each
# briefly (tests/fuzz/fuzz.sh); run one longer with
#   build-fuzz/fuzz/fuzz-sse -max_total_time=600 build-fuzz/corpus-sse
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="-O1 -g" \
		SAN="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" build-fuzz/libcore.a
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
		$(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/fuzz/%)

build-fuzz/fuzz/%: tests/fuzz/%.c build-fuzz/libcore.a
	@mkdir -p $(dir $@)
	clang -std=c17 -D_GNU_SOURCE $(WARN) -O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc \
		$(PKG_CFLAGS) -o $@ $< build-fuzz/libcore.a $(LDLIBS)

memcheck: all tests
	BUILD=$(BUILD) tests/run.sh --valgrind

# tests/bench/sandbox.c finds the helper beside itself, like faos-codex does.
$(BUILD)/bench/faos-codex-sbx: $(SBX)
	@mkdir -p $(dir $@)
	install -m 755 $< $@

bench: all tests $(BENCH_BIN) $(BUILD)/bench/faos-codex-sbx
	BUILD=$(BUILD) tests/bench/run.sh

install: $(BIN) $(SBX)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/templates \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(LIBEXECDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/faos-codex
	install -m 755 $(SBX) $(DESTDIR)$(LIBEXECDIR)/faos-codex-sbx
	install -m 644 $(THEMES) $(DESTDIR)$(DATADIR)/themes/
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	# Project scaffolds, directories and all (project new --template).
	cp -R templates/scaffold $(DESTDIR)$(DATADIR)/templates/
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/templates/scaffold
	install -m 644 man/faos-codex.1 $(DESTDIR)$(MANDIR)/man1/faos-codex.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/faos-codex $(DESTDIR)$(MANDIR)/man1/faos-codex.1
	rm -rf $(DESTDIR)$(LIBEXECDIR)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-tsan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
