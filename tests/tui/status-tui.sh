#!/usr/bin/env bash
# status-tui.sh: the status bar in tmux. A finished request shows who
# answered and its figures; narrower terminals leave whole parts out (the
# last row is always made of complete parts); an error is one line that
# stays until Escape; a sandbox run adds its result and layers.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

# last_row: the status bar (the window's last row), trailing spaces cut.
last_row() { screen | tail -n 1 | sed 's/ *$//'; }

# check_row NAME REGEX: the status bar matches REGEX (extended, anchored).
check_row() {
	local row
	for _ in $(seq 1 60); do
		row=$(last_row)
		printf '%s\n' "$row" | grep -qE -- "^$2\$" && { pass "$1"; return; }
		sleep 0.05
	done
	fail "$1" "status bar [$row] does not match [$2]"
}

N='[0-9]+'
F='[0-9]+\.[0-9]'
KEYS='C-s send  F5 run  C-c cancel  F1 help  C-q quit'

cat >"$TMP/run.yaml" <<'YAML'
run_command: "echo hello from the run"
YAML

start_fakellm URL --delay-ms 20 --reply "Hello from the fake model."
EP=${URL#http://}
start_tui 200 40 "$TMP" -e "$URL" -c "$TMP/run.yaml"
wait_for "idle |"
check_row "idle at 200 columns: state, endpoint and the keys" " idle \| $EP +$KEYS"

tm send-keys -t t "hi" C-s
check_screen "the answer arrives" "Hello from the fake model."
WHO="$EP openai( [^|]+)?" # the fake server names no model
FIGURES="ttft $N ms \| $F tok/s \| in $N out 5( \| ctx [^|]+)?" # ctx: when the server says its context
check_row "done at 200 columns: every figure, and the keys" " done \| $WHO \| $FIGURES \| $F s +$KEYS"

tm send-keys -t t F5
check_screen "the run's output" "hello from the run"
check_row "a run adds its result and the sandbox layers" \
	" done \| $WHO \| run: exit 0 \| $FIGURES \| sandbox: (all layers|no [a-z, ]+) \| $F s( +$KEYS)?"

tm resize-window -t t -x 80 -y 24
check_row "80 columns: the less important parts are left out whole" \
	" done \| $WHO( \| run: exit 0)?( \| ttft $N ms)?( \| $F tok/s)?( \| in $N out 5)?( \| ctx [^|]+)?( \| sandbox: [^|]+)?( \| $F s)?"
check_eq "80 columns: the line fits" "$(( $(last_row | wc -m) - 1 <= 80 ))" 1

tm resize-window -t t -x 40 -y 12
check_row "40 columns: still whole parts" " done( \| [^|]+)*"
row=$(last_row)
case "$row" in
*"…"*) fail "40 columns: no part is cut" "[$row]" ;;
*) pass "40 columns: no part is cut" ;;
esac

tm resize-window -t t -x 100 -y 30
start_tui 100 30 "$TMP" -m fake:error-401 -e "$URL"
wait_for "idle |"
tm send-keys -t t "hi" C-s
check_row "an error is one line with the way out" " ✗ .*answered HTTP 401.*  \(Esc( dismisses)?\)"
sleep 1.2
check_row "it stays" " ✗ .*answered HTTP 401.*  \(Esc( dismisses)?\)"
tm send-keys -t t Escape
check_row "Escape dismisses it" " failed \| $WHO( \| [^|]+)*"
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"
