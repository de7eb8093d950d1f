#!/usr/bin/env bash
# loop-tui.sh: with a project open, a prompt in the TUI runs the whole
# loop: the output pane shows each transition and version, the Sandbox pane
# each run's output and result, the status bar the project, the state, the
# iteration and the version. A prompt sent while the loop runs is feedback
# for its next generation.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

R=tests/integration/replies
"$BIN" project new demo >/dev/null
start_fakellm URL --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt --delay-ms 20 --log "$TMP/fake.log"
start_tui 140 60 "$TMP" -e "$URL"
check_screen "the projects screen lists it" "demo"
tm send-keys -t t Enter
check_screen "Enter opens the last project" "Project demo (workspace $XDG_DATA_HOME/faos-codex/projects/demo/workspace)"
check_screen "the status bar names the project" "demo · IDLE 0/4 · v0"
tm send-keys -t t "a calculator module with tests" C-s
check_screen "the loop starts" "[IDLE → GENERATING] a new description"
tm send-keys -t t "use integers" C-s
check_screen "the first version is shown" "version 1: calc.py, test_calc.py"
check_screen "the failing run is in the Sandbox pane" "✗ exit 1"
check_screen "its stderr is there, marked" "!AssertionError: -1 != 5"
check_screen "the loop refines" "[EVALUATING → REFINING] iteration 1 of 4 did not pass"
check_screen "the second version" "version 2: calc.py"
check_screen "the passing run" "✓ exit 0"
check_screen "the loop ends" "[EVALUATING → DONE]"
check_screen "the status bar: done at iteration 2, version 2" "demo · DONE 2/4 · v2"
check_screen "the tree shows the workspace, calc.py marked modified in v2" "M   calc.py"
check_eq "test_calc.py is unmarked in v2" "$(settled_screen | grep -c 'A test_calc.py')" 0
check_contains "the feedback went into the next generation" \
	"$(grep '"method":"POST"' "$TMP/fake.log" | sed -n 2p)" 'Feedback from the user, to follow:\nuse integers'
check_eq "and is in the journal" "$(grep -c '"type":"feedback","text":"use integers"' "$XDG_DATA_HOME/faos-codex/projects/demo/journal.jsonl")" 1
check_eq "the workspace holds the fix" "$(tail -n 1 "$XDG_DATA_HOME/faos-codex/projects/demo/workspace/calc.py")" "    return a + b"
tm send-keys -t t C-q
check_screen "Ctrl-Q quits cleanly" "EXIT=0"
