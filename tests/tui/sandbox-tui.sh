#!/usr/bin/env bash
# sandbox-tui.sh: F5 runs the project's command in the sandbox and the
# Sandbox pane streams it live (stderr marked "!"), sanitised, then the
# result line; Ctrl-C stops a run. Also: `faos-codex sandbox` on a terminal
# cannot change the terminal's title or clipboard.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

title() { tm display-message -p -t t '#{pane_title}'; }

PROJ=$TMP/proj
mkdir -p "$PROJ"
printf 'test:\n\t@echo building; echo "warning: on stderr" >&2\n\t@printf "\\033]2;PWNED\\007\\033]52;c;SGVsbG8=\\007title-attempt\\n"\n\t@exit 2\n' > "$PROJ/Makefile"
cat > "$TMP/slow.yaml" <<'YAML'
run_command: "echo tick 1; sleep 30; echo tick 2"
YAML

# start DIR ARGS...: the TUI in a 120x70 window (room for the Sandbox pane),
# with tmux's own title setting off so only the program could change it.
start() {
	local dir=$1
	shift
	start_tui 120 70 "$dir" "$@"
	tm set-option -t t set-titles off >/dev/null
}

start "$PROJ" -e http://127.0.0.1:9
wait_for "idle |"
before=$(title)
tm send-keys -t t F5
check_screen "the command is shown" '$ make test'
check_screen "the layers are shown" "sandbox: namespaces landlock seccomp cgroup uid rlimits"
check_screen "stdout streams into the Sandbox pane" " building"
check_screen "stderr is marked" "!warning: on stderr"
check_screen "escape sequences are made visible" "^[]2;PWNED^G^[]52;c;SGVsbG8=^Gtitle-attempt"
check_screen "the result line" "✗ exit 2"
check_screen "the status bar shows the run's result" "run: exit 2"
check_eq "the terminal title did not change" "$(title)" "$before"
log=$(screen | sed -n 's/.*log: \([^ ]*output.log\).*/\1/p' | head -n 1)
check_contains "the run's log is named" "$log" "/runs/"
if [ -n "$log" ] && [ -f "$log" ]; then
	check_eq "the log file holds the raw output" "$(head -n 1 "$log")" "building"
else
	fail "the log file holds the raw output" "no log file [$log]"
fi

start "$PROJ" -e http://127.0.0.1:9 -c "$TMP/slow.yaml"
wait_for "idle |"
tm send-keys -t t F5
check_screen "output arrives while the run goes on" " tick 1"
check_screen "the status bar says it runs" "run: running"
tm send-keys -t t C-c
if wait_for "✗ cancelled"; then pass "Ctrl-C stops the run"; else
	# Once seen in CI only (an empty screen): say what was still there.
	fail "Ctrl-C stops the run" "[✗ cancelled] not on screen: [$(screen)] sessions: [$(tm list-sessions 2>&1)] processes: [$(pgrep -af 'faos-codex|tmux' | grep -v pgrep)] kernel: [$(dmesg 2>/dev/null | tail -n 5)]"
fi
check_eq "the stopped run printed no more" "$(settled_screen | grep -cE "x tick 2 *$")" 0
if pgrep -f "sleep 30" >/dev/null; then fail "nothing of the run is left" "$(pgrep -af 'sleep 30')"; else pass "nothing of the run is left"; fi

start "$TMP" -e http://127.0.0.1:9
wait_for "idle |"
tm send-keys -t t F5
check_screen "no run command: one line says what to do" "no run command: set run_command in the configuration (nothing to detect in $TMP)"

# The headless command on a real terminal: sanitised, title untouched.
new_session 120 10 "$PROJ" \
	"$BIN sandbox -- printf '\\033]2;PWNED\\007\\033[6n\\033]52;c;SGVsbG8=\\007done\\n'; echo EXIT=\$?; sleep 60"
tm set-option -t t set-titles off >/dev/null
check_screen "faos-codex sandbox on a terminal shows escapes as text" "^[]2;PWNED^G^[[6n^[]52;c;SGVsbG8=^Gdone"
check_screen "and exits as the command did" "EXIT=0"
case "$(title)" in *PWNED*) fail "the title cannot be set from the sandbox" "title is $(title)" ;;
*) pass "the title cannot be set from the sandbox" ;; esac
