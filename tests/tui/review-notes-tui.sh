#!/usr/bin/env bash
# review-notes-tui.sh: the reviewer agent's comments in the review. A
# multi-agent run (planner, one coder, reviewer on the fake server) makes
# version 1, which the reviewer sends back (a comment on calc.py line 3,
# one on calc.py as a whole, one on README.md, which the fix leaves alone,
# and one on no file), and version 2, which it approves. In the TUI,
# `:review 1 2` shows version 1 as the new side: the verdict over the
# diff, the comments on files it does not show in the header, the line's
# comment right below line 3 of the new side (side by side, unified, and
# wrapped on a narrow terminal), the file's comment above it; n/p and Tab
# still go by hunks and files. `:review 1` shows version 1 against the
# empty start; `:review 2 1` shows the approval.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

F=$TMP/fixtures
mkdir -p "$F"
printf '%s\n' '## Files' '- calc.py: total(items) returns the sum of the items' \
	'- test_calc.py: unittest tests of calc.py' '- README.md: what calc.py does' '' \
	'## Run' '```run' 'python3 -m unittest -q' '```' >"$F/plan.txt"
calc() { # calc STOP: calc.py whose loop stops at STOP
	printf 'calc.py\n```python\ndef total(items):\n    s = 0\n'
	printf '    for i in range(%s):\n        s += items[i]\n    return s\n```\n\n' "$1"
}
tests() { # tests EXTRA: test_calc.py, with a test of the empty list when EXTRA is 1
	printf 'test_calc.py\n```python\nimport unittest\nfrom calc import total\n\n\n'
	printf 'class TestTotal(unittest.TestCase):\n    def test_total(self):\n'
	printf '        self.assertEqual(total([1, 2, 3]), 6)\n'
	if [ "$1" = 1 ]; then printf '\n    def test_empty(self):\n        self.assertEqual(total([]), 0)\n'; fi
	printf '```\n\n'
}
{ calc "len(items) - 1"; tests 0; printf 'README.md\n```\ntotal(items) adds them up.\n```\n'; } \
	>"$F/coder-broken.txt"
{ calc "len(items)"; tests 1; } >"$F/coder-fixed.txt"
printf '%s\n' 'REQUEST CHANGES' '' \
	'- calc.py:3: the loop skips the last item, so total() misses one value' \
	'- calc.py: add a docstring' '- README.md: say what total() returns for an empty list' \
	'- Please keep the tests short.' >"$F/review-changes.txt"
printf '%s\n' 'APPROVE' '' '- README.md: fine as it is' >"$F/review-approve.txt"

start_fakellm URL --replies-for plan-m="$F/plan.txt" \
	--replies-for code-m="$F/coder-broken.txt" --replies-for code-m="$F/coder-fixed.txt" \
	--replies-for review-m="$F/review-changes.txt" --replies-for review-m="$F/review-approve.txt"
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --agent reviewer=review-m \
	-p "a total function" --project team >"$TMP/run.out" 2>&1
check_eq "the run passes after one round of review" "$?" 0
check_eq "versions 1 and 2" "$("$BIN" project versions team | awk '{print $1}' | tr '\n' ' ')" "1 2 "

row() { screen | sed -n "${1}p"; }
# check_row NAME N TEXT: TEXT is on screen line N (2 s at most).
check_row() {
	local got
	for _ in $(seq 1 40); do
		got=$(row "$2")
		case $got in *"$3"*) pass "$1"; return ;; esac
		sleep 0.05
	done
	fail "$1" "[$3] not on line $2: [$got]"
}
# line_of TEXT: the first screen line holding TEXT, or 0.
line_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | grep . || echo 0; }
# command TEXT: a : command, typed from the Files pane.
command() {
	tm send-keys -t t M-2
	sleep 0.2
	tm send-keys -t t -l ":$1"
	tm send-keys -t t Enter
}
close_review() {
	tm send-keys -t t q
	for _ in $(seq 1 40); do screen | grep -q "Review ·" || return 0; sleep 0.05; done
}

start_tui 200 60 "$TMP" -e "$URL"
wait_for "Enter open" && tm send-keys -t t Enter
wait_for "team ·"
command "review 1 2"
check_row ":review 1 2: version 1 as the new side" 1 "Review · team: v2 → v1 · calc.py (file 1/2) · hunk 1/1 · side by side"
check_row "the verdict over the diff" 2 "┆ reviewer: REQUEST CHANGES (4 comments)"
check_row "a comment on a file the diff does not show" 3 "┆ README.md: say what total() returns for an empty list"
check_row "a comment on no file" 4 "┆ Please keep the tests short."
check_row "then the sides are named" 5 "+++ new: calc.py"
check_row "the comment on the whole file: above it" 6 "│    ┆ reviewer: add a docstring"
check_row "line 1" 7 "│  1   def total(items):"
check_row "line 3 of the new side" 9 "│  3 +     for i in range(len(items) - 1):"
check_row "its comment right below it" 10 "│    ┆ reviewer: the loop skips the last item, so total() misses one value"
check_row "line 4 after the comment" 11 "│  4           s += items[i]"
check_eq "the comment leaves the old side empty" "$(row 10 | awk -F'│' '{print $2}' | tr -d ' ')" ""

tm send-keys -t t u
check_row "u: unified" 1 "hunk 1/1 · unified"
check_row "unified: the file's comment above the hunk" 6 "┆ reviewer: add a docstring"
check_row "unified: the hunk header" 7 "@@ -1,5 +1,5 @@"
check_row "unified: the new line 3" 11 "      3 +     for i in range(len(items) - 1):"
check_row "unified: its comment below it" 12 "┆ reviewer: the loop skips the last item"
check_row "unified: line 4 after it" 13 "  4   4           s += items[i]"
tm send-keys -t t Tab
check_row "Tab: the next file, its hunk as before" 1 "test_calc.py (file 2/2) · hunk 1/1 · unified"
check_eq "no comment on this file" "$(line_of 'reviewer: add a docstring')" 0
check_row "the verdict stays" 2 "reviewer: REQUEST CHANGES (4 comments)"
tm send-keys -t t p
check_row "p: back to calc.py's hunk" 1 "calc.py (file 1/2) · hunk 1/1 · unified"
check_row "p: its comment in place" 12 "┆ reviewer: the loop skips the last item"
tm send-keys -t t n
check_row "n: on to the next file's hunk" 1 "test_calc.py (file 2/2) · hunk 1/1"
tm send-keys -t t p u
check_row "side by side again" 10 "│    ┆ reviewer: the loop skips the last item"

# A narrow terminal: unified on its own, the comment wrapped at a space.
tm resize-window -t t -x 60 -y 24
check_screen "60x24: unified on its own" "@@ -1,5 +1,5 @@"
check_screen "60x24: the line" "      3 +     for i in range(len(items) - 1):"
n=$(line_of "      3 +     for i in range(len(items) - 1):")
check_eq "60x24: the comment below it, wrapped" "$(row $((n + 1)) | sed 's/ *$//')" \
	"        ┆ reviewer: the loop skips the last item, so total()"
check_eq "60x24: its second row" "$(row $((n + 2)) | sed 's/ *$//')" "        ┆           misses one value"
tm resize-window -t t -x 200 -y 60
check_row "200x60 again: side by side" 1 "side by side"
close_review

command "review 1"
check_row ":review 1: version 1 against nothing (the workspace started empty)" 1 "Review · team: v0 → v1 · README.md (file 1/3)"
check_row "the critique of version 1" 2 "┆ reviewer: REQUEST CHANGES (4 comments)"
check_row "every file is in this diff: only the comment on no file above it" 3 "┆ Please keep the tests short."
check_row "README.md's comment above its file" 5 "│    ┆ reviewer: say what total() returns for an empty list"
tm send-keys -t t Tab
check_row "Tab: calc.py" 1 "calc.py (file 2/3)"
check_row "an added file: the comment below its line 3" 9 "│    ┆ reviewer: the loop skips the last item"
close_review

command "review 2 1"
check_row ":review 2 1: the fix" 1 "Review · team: v1 → v2 · calc.py (file 1/2)"
check_row "the reviewer approved it" 2 "┆ reviewer: APPROVE (1 comment)"
check_row "its comment on the file the fix left alone" 3 "┆ README.md: fine as it is"
check_row "the fixed line" 7 "│  3 +     for i in range(len(items)):"
check_eq "no comment among the rows" "$(line_of '┆ reviewer: the loop')" 0
close_review
tm send-keys -t t C-q
check_screen "quits cleanly" "EXIT=0"
