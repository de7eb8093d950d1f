#!/usr/bin/env bash
# approval-tui.sh: with approval: review in a project's own config.yaml,
# each reply of the loop stops in the review view before anything is
# written: a comment sends it back as feedback, accepting applies and runs
# it, and a file rejected is left out and the model is told.
# Keys of the review view: c comment, ] next file, x reject the file, Enter
# apply the choices, a accept all.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

R=tests/integration/replies
P="$XDG_DATA_HOME/faos-codex/projects/demo"
"$BIN" project new demo >/dev/null
printf 'approval: review\n' >"$P/config.yaml"
start_fakellm URL --reply-file $R/calc-broken.txt --reply-file $R/calc-broken-notes.txt \
	--reply-file $R/calc-fixed.txt --delay-ms 5 --log "$TMP/fake.log"
start_tui 160 50 "$TMP" -e "$URL"
check_screen "the projects screen lists demo" "demo"
tm send-keys -t t Enter
check_screen "Enter opens it" "demo · IDLE 0/4 · v0"

tm send-keys -t t "a calculator module with tests" C-s
check_screen "the reply stops in the review view" "reply of iteration 1 against the workspace"
check_screen "its files are listed" "test_calc.py"
check_eq "nothing is written before the decision" "$(ls "$P/workspace")" ""
tm send-keys -t t c
tm send-keys -t t "use integers please" Enter
check_screen "the second reply is reviewed" "reply of iteration 2 against the workspace"
check_eq "the comment is journaled as the decision" \
	"$(grep -c '"type":"review_decision".*"comment":"use integers please"' "$P/journal.jsonl")" 1
check_contains "the comment reached the next generation" \
	"$(grep '"method":"POST"' "$TMP/fake.log" | sed -n 2p)" 'use integers please'
check_eq "still nothing written" "$(ls "$P/workspace")" ""

tm send-keys -t t ] ]
check_screen "the third file is shown" "# Notes"
tm send-keys -t t x Enter
check_screen "a rejected file is left out" "version 1: calc.py, test_calc.py"
check_screen "the rest runs" "✗ exit 1"
check_eq "the decision names the rejected file" \
	"$(grep -c '"type":"review_decision","accepted":\["calc.py","test_calc.py"\],"rejected":\["NOTES.md"\]' "$P/journal.jsonl")" 1
check_eq "it is not in the workspace" "$(ls "$P/workspace")" "calc.py
test_calc.py"
check_screen "the fix is reviewed" "reply of iteration 3 against the workspace"
check_contains "the model was told which file was rejected" \
	"$(grep '"method":"POST"' "$TMP/fake.log" | sed -n 3p)" "The user rejected your changes to NOTES.md"
tm send-keys -t t a
check_screen "accepting all applies the fix" "version 2: calc.py"
check_screen "the run passes" "✓ exit 0"
check_screen "the loop ends" "demo · DONE 3/4 · v2"
check_eq "the workspace holds the fix" "$(tail -n 1 "$P/workspace/calc.py")" "    return a + b"
tm send-keys -t t C-q
check_screen "Ctrl-Q quits cleanly" "EXIT=0"

# A reply under review when faos-codex is killed is shown again by :resume.
"$BIN" project new again >/dev/null
printf 'approval: review\n' >"$XDG_DATA_HOME/faos-codex/projects/again/config.yaml"
start_fakellm URL2 --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt --log "$TMP/fake2.log"
start_tui 160 50 "$TMP" -e "$URL2"
check_screen "the projects screen lists again" "again"
tm send-keys -t t Enter
check_screen "again is open" "again · IDLE 0/4 · v0"
tm send-keys -t t "a calculator module with tests" C-s
check_screen "its reply waits in the review view" "reply of iteration 1 against the workspace"
pkill -KILL -f "$BIN -e $URL2"
start_tui 160 50 "$TMP" -e "$URL2"
check_screen "after the kill: the projects screen" "again"
tm send-keys -t t Enter
check_screen "the loop is offered again" "The last loop stopped at REVIEWING"
tm send-keys -t t M-x
tm send-keys -t t "resume" Enter
check_screen "resume shows the same reply for review" "reply of iteration 1 against the workspace"
check_eq "from the journal: the model was asked once" "$(grep -c '"method":"POST"' "$TMP/fake2.log")" 1
tm send-keys -t t a
check_screen "accepting it applies it" "version 1: calc.py, test_calc.py"
tm send-keys -t t C-q
check_screen "quits after the resume" "EXIT=0"

# A reply the guards would refuse is not offered for review: it goes to
# APPLY, which refuses it and tells the model; the next reply is reviewed.
"$BIN" project new hostile >/dev/null
printf 'approval: review\n' >"$XDG_DATA_HOME/faos-codex/projects/hostile/config.yaml"
start_fakellm URL3 --reply-file $R/escape.txt --reply-file $R/calc-broken.txt
start_tui 160 50 "$TMP" -e "$URL3"
check_screen "the projects screen lists hostile" "hostile"
tm send-keys -t t Enter
check_screen "hostile is open" "hostile · IDLE 0/4 · v0"
tm send-keys -t t "anything" C-s
check_screen "the next reply is reviewed" "reply of iteration 2 against the workspace"
H="$XDG_DATA_HOME/faos-codex/projects/hostile/journal.jsonl"
check_eq "the refused reply skipped the review" \
	"$(grep -c '"from":"REVIEWING","to":"APPLYING","trigger":"ACCEPTED","cause":"no review: the reply would be refused' "$H")" 1
check_eq "and was refused by APPLY" "$(grep -c '"from":"APPLYING","to":"EVALUATING","trigger":"REFUSED"' "$H")" 1
check_eq "only the second reply was shown for review" "$(grep -c '"type":"review"' "$H")" 1
tm send-keys -t t C-q
check_screen "quits after the refused reply" "EXIT=0"
