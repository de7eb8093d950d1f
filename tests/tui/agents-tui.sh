#!/usr/bin/env bash
# agents-tui.sh: a loop with a planner, two coders and a reviewer in the
# TUI. The output pane gets a tab row (loop, planner, coder 1, coder 2,
# reviewer; the shown one in brackets, "•" on those with output not seen
# yet); [ and ] go through the tabs, each with its agent's own transcript;
# the loop's tab keeps the story (the plan's files, each verdict, the
# states); the status bar shows each agent's state. The reviewer requests a
# change, coder 1 fixes it, the reviewer approves, the run passes. Then,
# with approval: review and agents: in a project's own config.yaml, the
# plan waits for the user: :plan shows it, :plan accept starts the coders.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

A=tests/integration/agents
DATA=$XDG_DATA_HOME/faos-codex
ROW='[loop]│ planner• │ coder 1• │ coder 2• │ reviewer•'
"$BIN" project new plain >/dev/null
sleep 1.1 # team is the newest: the projects screen lists it first
"$BIN" project new team >/dev/null
start_fakellm URL --log "$TMP/fake.log" --delay-ms 5 --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-broken.txt --reply-when "coder 1 of 2"=$A/coder1-fixed.txt \
	--reply-when "coder 2 of 2"=$A/coder2.txt \
	--replies-for review-m=$A/review-changes.txt --replies-for review-m=$A/review-approve.txt
start_tui 160 50 "$TMP" -e "$URL" --agent planner=plan-m --agent coder=code-m \
	--agent reviewer=review-m --coders 2
check_screen "the projects screen lists team" "team"
tm send-keys -t t Enter
check_screen "Enter opens it" "team · IDLE 0/4 · v0"
check_eq "no tab row before a loop with agents" "$(settled_screen | grep -c 'planner')" 0

tm send-keys -t t "a calculator and a greeter" C-s
check_screen "the loop ends" "[EVALUATING → DONE]"
check_screen "the run passed" "✓ exit 0"
check_screen "the tab row: loop shown, every agent's tab with unseen output" "$ROW"
check_screen "the loop's tab: the second verdict" "reviewer: APPROVE (1 comment)"
check_screen "the status bar: every agent done" "team · DONE 2/4 · v2 | P✓ C1✓ C2✓ R✓ |"
check_eq "the loop's tab has no agent's tokens" "$(settled_screen | grep -c 'return a + b')" 0
tm send-keys -t t M-3 g
check_screen "the loop's tab: the plan's files and their coders" \
	"plan: calc.py (coder 1), test_calc.py (coder 1), greet.py (coder 2), test_greet.py (coder 2); run: python3 -m unittest -q"
check_screen "the loop's tab: the first verdict" "reviewer: REQUEST CHANGES (1 comment: calc.py:2)"

tm send-keys -t t G ]
check_screen "] shows the planner's tab" " loop │[planner]│ coder 1• │ coder 2• │ reviewer•"
check_screen "the plan as the coders get it, at the tail" "The plan (iteration 1), as the coders get it:"
tm send-keys -t t g
check_screen "above it, the planner's request" "asks plan-m at $URL"
check_screen "and its reply" "Here is the plan."
check_screen "the tab's own view is scrolled: the title says so" "scrolled, End follows"

tm send-keys -t t ]
check_screen "coder 1's tab" " loop │ planner │[coder 1]│ coder 2• │ reviewer•"
check_screen "coder 1's share of the plan" "for calc.py, test_calc.py"
check_screen "coder 1's broken reply" "return a - b"
check_screen "and its fix after the review" "return a + b"

tm send-keys -t t ]
check_screen "coder 2's tab" "[coder 2]"
check_screen "coder 2's share" "for greet.py, test_greet.py"
check_screen "coder 2's reply" 'return "hello " + name'
check_eq "coder 2 never saw coder 1's text" "$(settled_screen | grep -c 'return a')" 0

tm send-keys -t t ]
check_screen "the reviewer's tab" " loop │ planner │ coder 1 │ coder 2 │[reviewer]"
check_screen "its first reply" "- calc.py:2: add subtracts; it must return a + b"
check_screen "its verdicts" "reviewer: APPROVE"
check_eq "both verdicts are there" "$(settled_screen | grep -c 'reviewer: \(APPROVE\|REQUEST CHANGES\)')" 2

tm send-keys -t t ]
check_screen "] wraps around to the loop" "[loop]│ planner │"
tm send-keys -t t [
check_screen "[ goes back to the reviewer" "[reviewer]"

WS=$DATA/projects/team/workspace
check_eq "the fixed file on disk" "$(cat "$WS/calc.py")" "def add(a, b):
    return a + b"
check_eq "coder 2's files on disk" "$(ls "$WS" | grep -v __pycache__ | tr '\n' ' ')" \
	"calc.py greet.py test_calc.py test_greet.py "
# Another project: the agents' tabs and status go with the one closed.
tm send-keys -t t -l ":open plain"
tm send-keys -t t Enter
check_screen "another project opens" "plain · IDLE 0/4 · v0"
check_eq "its output has no tab row" "$(settled_screen | grep -c '│ planner')" 0
check_eq "its status bar no agents" "$(settled_screen | grep -c 'P✓ C1✓')" 0
tm send-keys -t t C-q
check_screen "Ctrl-Q quits cleanly" "EXIT=0"

# approval: review and agents: from the project's own config.yaml: the plan
# waits; :plan shows it in the planner's tab; :plan accept starts coding.
"$BIN" project new solo >/dev/null
P=$DATA/projects/solo
cat >"$P/config.yaml" <<'YAML'
approval: review
agents:
  planner: { model: plan-m }
  coder: { model: code-m, count: 2 }
YAML
start_fakellm URL2 --delay-ms 5 --log "$TMP/fake2.log" --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder-all.txt --reply-when "coder 2 of 2"=$A/coder2.txt
# $VISUAL edits the plan: the first time into one without files (refused:
# the plan still waits), then without the greeter.
cat >"$TMP/edit-plan.sh" <<'EOF'
#!/bin/sh
if [ ! -e "$TMPDIR/edited-once" ]; then
	touch "$TMPDIR/edited-once"
	echo "no files here" >"$1"
else
	grep -v greet "$1" >"$1.new" && mv "$1.new" "$1"
fi
EOF
chmod +x "$TMP/edit-plan.sh"
export VISUAL="$TMP/edit-plan.sh" TMPDIR="$TMP"
start_tui 160 50 "$TMP" -e "$URL2"
check_screen "the projects screen lists solo" "solo"
tm send-keys -t t Enter
check_screen "Enter opens solo" "solo · IDLE 0/4 · v0"
tm send-keys -t t "a calculator and a greeter" C-s
check_screen "the plan waits for the user" \
	"The plan waits for your review: :plan edit opens it in \$EDITOR, :plan accept starts the coders."
check_screen "the status bar says so" "solo · REVIEWING_PLAN 1/4 · v0 | P✓"
check_eq "no coder was asked yet" "$(grep '"method":"POST"' "$TMP/fake2.log" | grep -c 'You are coder')" 0
tm send-keys -t t M-3
tm send-keys -t t -l ":plan"
tm send-keys -t t Enter
check_screen ":plan shows the plan in the planner's tab" "The plan, waiting for your review (:plan edit, :plan accept):"
check_screen "the planner's tab is shown" "[planner]"
tm send-keys -t t -l ":plan accept"
tm send-keys -t t Enter
check_screen "accepting it starts the coders; their reply is reviewed" "reply of iteration 1 against the workspace"
tm send-keys -t t a
check_screen "the loop ends" "solo · DONE 1/4 · v1"
tm send-keys -t t M-3 [
check_screen "the loop's tab: accepting all applied it" "version 1: calc.py, test_calc.py, greet.py, test_greet.py"
check_eq "the coders' files on disk" "$(ls "$P/workspace" | grep -v __pycache__ | tr '\n' ' ')" \
	"calc.py greet.py test_calc.py test_greet.py "
tm send-keys -t t M-1 "a calculator only" C-s
check_screen "a new loop's plan waits" "solo · REVIEWING_PLAN 1/4 · v1"
tm send-keys -t t M-3
tm send-keys -t t -l ":plan edit"
tm send-keys -t t Enter
check_screen "an edited plan without files is refused in one line" \
	"plan: the plan was refused: the plan lists no files; fix the plan and save it again (it still waits)"
tm send-keys -t t Escape
check_screen "and the plan still waits" "solo · REVIEWING_PLAN 1/4 · v1"
tm send-keys -t t -l ":plan edit"
tm send-keys -t t Enter
check_screen "the edited plan goes to the coders; their reply is reviewed" \
	"reply of iteration 1 against the workspace"
check_contains "coder 1 got the edited plan" "$(grep '"method":"POST"' "$TMP/fake2.log" | tail -n 1)" \
	"calc.py: add(a, b) returns the sum"
check_eq "without the greeter" \
	"$(grep '"method":"POST"' "$TMP/fake2.log" | tail -n 1 | grep -c 'greet.py: greet(name)')" 0
tm send-keys -t t a
check_screen "that loop ends" "solo · DONE 1/4 · v2"
tm send-keys -t t M-3
tm send-keys -t t -l ":plan accept"
tm send-keys -t t Enter
check_screen "nothing waits any more: a one-line error" "plan accept: no plan waits for review"
tm send-keys -t t C-q
check_screen "Ctrl-Q quits cleanly" "EXIT=0"
