# lib-tmux.sh: driving a program in tmux for the screen tests (sourced after
# lib.sh). Each session gets its own tmux server: a server that is still
# shutting down must never receive the next test's session.
RUNS=0
SOCK="faos-test-$$-0"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t t; }
trap 'tm kill-server 2>/dev/null; cleanup' EXIT

# wait_for TEXT: until TEXT is on the screen (5 s at most); 1 if never.
wait_for() {
	for _ in $(seq 1 100); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# settled_screen: the screen once two captures 50 ms apart agree (2 s at
# most). A capture can fall in the middle of a frame, while rows are
# being rewritten (a row moving up shows at both places); counting checks
# read this instead.
settled_screen() {
	local a b
	a=$(screen)
	for _ in $(seq 1 40); do
		sleep 0.05
		b=$(screen)
		[ "$a" = "$b" ] && break
		a=$b
	done
	printf '%s\n' "$a"
}

# check_screen NAME TEXT: TEXT appears on the screen.
check_screen() {
	if wait_for "$2"; then pass "$1"; else fail "$1" "[$2] not on screen:
$(screen)"; fi
}

# new_session COLS ROWS DIR COMMAND: COMMAND in a fresh server's window,
# started in DIR.
new_session() {
	tm kill-server 2>/dev/null
	RUNS=$((RUNS + 1))
	SOCK="faos-test-$$-$RUNS"
	tm new-session -d -s t -x "$1" -y "$2" -c "$3" "$4"
}

# start_tui COLS ROWS DIR ARGS...: the TUI; on exit it prints its status.
start_tui() {
	local cols=$1 rows=$2 dir=$3
	shift 3
	new_session "$cols" "$rows" "$dir" "env TERM=xterm-256color LANG=C.UTF-8 $BIN $*; echo EXIT=\$?; sleep 60"
}
