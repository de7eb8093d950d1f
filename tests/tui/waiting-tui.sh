#!/usr/bin/env bash
# waiting-tui.sh: the loop waits for the user and the TUI answers it. When
# nothing says how to run the project, the next prompt is the run command;
# F6 pauses the loop at its next decision, and a prompt goes on with it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

R=tests/integration/replies
P="$XDG_DATA_HOME/faos-codex/projects"
"$BIN" project new norun >/dev/null
start_fakellm URL --reply-file $R/no-run.txt --log "$TMP/fake.log"
start_tui 140 45 "$TMP" -e "$URL"
check_screen "the projects screen" "norun"
tm send-keys -t t Enter
check_screen "the project is open" "norun · IDLE 0/4 · v0"
tm send-keys -t t "a notes file" C-s
check_screen "the loop asks how to run it" "Nothing says how to run this project"
check_screen "and waits" "norun · WAITING_FOR_USER 1/4 · v1"
tm send-keys -t t "test -f notes.txt" C-s
check_screen "the prompt was the run command: it runs" "✓ exit 0"
check_screen "and the loop ends" "norun · DONE 1/4 · v1"
check_eq "the command is journaled" "$(grep -c '"type":"run_command","command":"test -f notes.txt"' "$P/norun/journal.jsonl")" 1
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"

"$BIN" project new calm >/dev/null
start_fakellm URL2 --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt --delay-ms 60 --log "$TMP/fake2.log"
start_tui 140 45 "$TMP" -e "$URL2"
check_screen "the projects screen again" "calm"
tm send-keys -t t Enter
check_screen "calm is open" "calm · IDLE 0/4 · v0"
tm send-keys -t t "a calculator module with tests" C-s
check_screen "the first generation streams" "GENERATING 1/4"
tm send-keys -t t F6
check_screen "F6 says when the loop will stop" "The loop stops for you after this run"
check_screen "it stops after the failing run" "[EVALUATING → WAITING_FOR_USER] paused by the user"
check_screen "the status bar says it waits" "calm · WAITING_FOR_USER 1/4 · v1"
check_eq "no second request while paused" "$(grep -c '"method":"POST"' "$TMP/fake2.log")" 1
tm send-keys -t t "keep the tests as they are" C-s
check_screen "a prompt goes on with it" "[WAITING_FOR_USER → REFINING] feedback from the user"
check_screen "to the end" "calm · DONE 2/4 · v2"
check_contains "the feedback reached the second request" \
	"$(grep '"method":"POST"' "$TMP/fake2.log" | sed -n 2p)" "keep the tests as they are"
tm send-keys -t t F6
check_screen "F6 with no loop running says so" "no loop is running to pause"
tm send-keys -t t C-q
check_screen "quits again" "EXIT=0"
