#!/usr/bin/env bash
# sync-output.sh: synchronized output (DEC mode 2026) is used only once the
# terminal answers the query that it has it. A pseudo-terminal driven by a
# small Python program plays the terminal: it answers the query (or not),
# types a key, and records every byte the TUI wrote.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

# play ANSWER OUT: runs the TUI on a pty; ANSWER is what the "terminal"
# replies to the DECRQM query ("" for nothing); OUT gets what the TUI wrote.
play() {
	python3 - "$BIN" "$1" "$2" <<'PY'
import os, pty, select, sys, time
binary, answer, out = sys.argv[1], sys.argv[2].encode().decode("unicode_escape").encode(), sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", COLUMNS="100", LINES="30")
    os.execv(binary, [binary, "-e", "http://127.0.0.1:9"])
seen, answered, typed, start = b"", False, False, time.time()
while time.time() - start < 5:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if not answered and b"\x1b[?2026$p" in seen:
        answered = True
        if answer:
            os.write(fd, answer)
    if answered and not typed and b"C-q quit" in seen:
        time.sleep(0.2)
        os.write(fd, b"abc")
        typed = time.time()
    if typed and time.time() - typed > 0.5:
        os.write(fd, b"\x11")  # Ctrl-Q
        typed = 1e12
os.waitpid(pid, 0)
open(out, "wb").write(seen)
PY
}

count() { grep -aoF -- "$1" "$2" | wc -l; }

play '\x1b[?2026;2$y' "$TMP/yes.out"
check_eq "the TUI asks the terminal once" "$(count $'\e[?2026$p' "$TMP/yes.out")" 1
check_eq "the typed keys were drawn" "$(grep -ac 'abc' "$TMP/yes.out")" 1
n=$(count $'\e[?2026h' "$TMP/yes.out")
[ "$n" -ge 1 ] && pass "a terminal that has mode 2026: frames are synchronized ($n)" ||
	fail "a terminal that has mode 2026: frames are synchronized" "no ESC[?2026h written"
check_eq "each synchronized frame is closed" "$(count $'\e[?2026l' "$TMP/yes.out")" "$n"

play '' "$TMP/silent.out"
check_eq "a terminal that does not answer: never synchronized" "$(count $'\e[?2026h' "$TMP/silent.out")" 0
check_eq "the typed keys were drawn there too" "$(grep -ac 'abc' "$TMP/silent.out")" 1

play '\x1b[?2026;0$y' "$TMP/no.out"
check_eq "a terminal that says it has not: never synchronized" "$(count $'\e[?2026h' "$TMP/no.out")" 0
