#!/usr/bin/env bash
# log-tui.sh: the Sandbox pane. A run's stdout and stderr told apart ("!"
# for stderr), its result line, the pager key ("o") opening the run's whole
# log in $PAGER and the screen coming back, scrolling, and memory staying
# flat while a run prints 55 MB.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

PROJ=$TMP/proj
mkdir -p "$PROJ"
cat > "$TMP/mixed.yaml" <<'YAML'
run_command: "echo out one; echo err one >&2; echo out two; exit 3"
YAML
cat > "$TMP/flood.yaml" <<'YAML'
run_command: "yes 'flood line' | head -n 5000000; echo err at the end >&2"
YAML
cat > "$TMP/long.yaml" <<'YAML'
run_command: 'echo before; head -c 300000 /dev/zero | tr "\000" x; echo; echo after the long line'
YAML
cat > "$TMP/late.yaml" <<'YAML'
run_command: 'seq -f "row %g" 101 120; sleep 1; echo late line; sleep 2'
YAML
# The pager copies the file it is given, so the test can see what it got,
# and clears the screen, so the TUI has to draw itself again.
printf '#!/bin/sh\ncat "$1" > "%s/paged"\nprintf "\\033[2J\\033[Hthe pager was here\\n"\n' \
	"$TMP" > "$TMP/pager"
chmod +x "$TMP/pager"
export PAGER=$TMP/pager

# rss: the TUI's resident memory in kB.
rss() {
	local sh pid
	sh=$(tm display-message -p -t t '#{pane_pid}')
	pid=$(pgrep -P "$sh" -x faos-codex | head -n 1)
	awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null
}
# logfile: the run's log file named on the screen.
logfile() { screen | sed -n 's/.*log: \([^ ]*output.log\).*/\1/p' | head -n 1; }
# paged_file: until the pager has written its copy (5 s at most).
paged_file() { for _ in $(seq 1 100); do [ -s "$TMP/paged" ] && return 0; sleep 0.05; done; return 1; }

start_tui 100 40 "$PROJ" -e http://127.0.0.1:9 -c "$TMP/mixed.yaml"
wait_for "idle |"
tm send-keys -t t M-4 o
check_screen "o before any run says there is no log yet" "no run log yet"
tm send-keys -t t Escape
for _ in $(seq 1 100); do screen | grep -qF "no run log yet" || break; sleep 0.05; done
tm send-keys -t t F5
check_screen "stdout lines have a blank gutter" " out one"
check_screen "stderr lines are marked with !" "!err one"
check_screen "the result line" "✗ exit 3"
check_screen "the title offers the full log" "Sandbox  o: full log"
log=$(logfile)
tm send-keys -t t o
paged_file
if [ -n "$log" ] && [ -f "$log" ]; then
	check_eq "o opens the run's log in \$PAGER" "$(cat "$TMP/paged" 2>/dev/null)" "$(cat "$log")"
else
	fail "o opens the run's log in \$PAGER" "no log file named on screen [$log]"
fi
check_contains "the paged log holds stdout and stderr" "$(cat "$TMP/paged" 2>/dev/null)" "err one"
for _ in $(seq 1 100); do screen | grep -qF "the pager was here" || break; sleep 0.05; done
check_screen "the screen comes back after the pager" "✗ exit 3"
check_screen "the panes come back after the pager" "Prompt"
rm -f "$TMP/paged"
tm send-keys -t t Enter
paged_file
check_eq "Enter opens the pager too" "$(cat "$TMP/paged" 2>/dev/null)" "$(cat "$log" 2>/dev/null || echo no log)"

start_tui 100 40 "$PROJ" -e http://127.0.0.1:9 -c "$TMP/long.yaml"
wait_for "idle |"
tm send-keys -t t F5
check_screen "a line of 300,000 bytes: what follows it shows" " after the long line"
wait_for "✓ exit 0"
check_eq "the long line is kept as one line, cut" "$(settled_screen | grep -c ' xxxxxxxxxx')" 1

start_tui 100 40 "$PROJ" -e http://127.0.0.1:9 -c "$TMP/late.yaml"
wait_for "idle |"
tm send-keys -t t M-4 F5
wait_for " row 120"
tm send-keys -t t k
check_screen "scrolled up during a run: the title says so" "Sandbox  scrolled up (End follows)"
check_screen "a line arriving below is counted, not shown" "Sandbox  1 new ↓ (End follows)"
check_eq "the scrolled view stays still" "$(settled_screen | grep -c ' late line')" 0
tm send-keys -t t G
check_screen "G follows the tail again" " late line"

# Under AddressSanitizer freed memory waits in a quarantine (256 MB by
# default); the bound is about the program's own memory.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
start_tui 100 40 "$PROJ" -e http://127.0.0.1:9 -c "$TMP/flood.yaml"
wait_for "idle |"
before=$(rss)
tm send-keys -t t M-4 F5
for _ in $(seq 1 1200); do screen | grep -qF "✓ exit 0" && break; sleep 0.05; done
check_screen "55 MB of output: the run ends with its result" "✓ exit 0"
check_screen "the last stdout lines are shown" " flood line"
check_screen "the title says only the last lines are kept" "last 2000 lines; o: full log"
after=$(rss)
flog=$(logfile)
check_eq "the whole output is in the log file" "$(head -n 5000000 "$flog" 2>/dev/null | wc -c)" 55000000
check_eq "with the stderr line printed after it" "$(tail -n 1 "$flog" 2>/dev/null)" "err at the end"
# Flat: the 55 MB are not kept. The growth allowed (20 MB) is far below
# what keeping them would take.
bound=20480
if [ -n "$after" ] && [ -n "$before" ] && [ $((after - before)) -lt "$bound" ]; then
	pass "memory stays bounded: RSS ${before} kB before, ${after} kB after 55 MB of output (growth bound $bound kB)"
else
	fail "memory stays bounded" "RSS ${before} kB before, [${after}] kB after 55 MB of output (growth bound $bound kB)"
fi

tm send-keys -t t g
check_screen "g goes to the oldest line kept and says so" "Sandbox  scrolled up (End follows)"
tm send-keys -t t G
check_screen "G follows the flood's tail again" "Sandbox  last 2000 lines"
tm send-keys -t t q
check_screen "quits cleanly" "EXIT=0"

# What a program prints is shown, never obeyed: a tab is expanded within
# the pane, a byte that is not UTF-8 and an escape sequence show visibly.
cat > "$TMP/odd.yaml" <<'YAML'
run_command: 'printf "tab\there\n"; printf "bad \377 byte\n"; printf "esc \033[2J here\n"'
YAML
start_tui 100 40 "$PROJ" -e http://127.0.0.1:9 -c "$TMP/odd.yaml"
wait_for "idle |"
tm send-keys -t t F5
check_screen "a tab is expanded in place" " tab     here"
check_screen "a byte that is not UTF-8 shows as \\xNN" " bad \\xff byte"
check_screen "an escape sequence shows visibly" " esc ^[[2J here"
check_screen "and the screen was not cleared by it" "Sandbox"
tm send-keys -t t C-q
check_screen "quits after the odd output" "EXIT=0"
