#!/usr/bin/env bash
# review-tui.sh: the side-by-side review of two versions. A project gets a
# version 1 from the fake model (notes.txt: line 3 changed, line 5 deleted,
# line 150 changed; todo.txt added); Alt-R in the TUI shows version 0
# against version 1: the two columns aligned row by row, changes marked
# "-"/"+", n to the next hunk, u to the unified view and back, Tab to the
# next file, the unified view on its own at 80x24, q to close.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

WS=$TMP/ws
mkdir -p "$WS"
note() { case $1 in 2) printf '\tkanji 漢字 here\n' ;; *) echo "line $1 of the notes" ;; esac; }
for i in $(seq 1 300); do note "$i"; done >"$WS/notes.txt"
{
	printf 'Here is the update.\n\nnotes.txt\n```\n'
	for i in $(seq 1 300); do
		case $i in
		3) echo "line 3 of the NOTES, changed" ;;
		5) ;;
		150) echo "line 150 was rewritten" ;;
		*) note "$i" ;;
		esac
	done
	printf '```\n\ntodo.txt\n```\ntodo one\ntodo two\n```\n'
} >"$TMP/reply.txt"

"$BIN" project new demo --workspace "$WS" >/dev/null
start_fakellm URL --reply-file "$TMP/reply.txt"
"$BIN" run -e "$URL" -p "update the notes" --project demo --run-cmd true >/dev/null 2>&1
check_eq "the project has versions 0 and 1" "$("$BIN" project versions demo | awk '{print $1}' | tr '\n' ' ')" "0 1 "

# wait_gone TEXT: until TEXT is off the screen (2 s at most).
wait_gone() { for _ in $(seq 1 40); do screen | grep -qF -- "$1" || return 0; sleep 0.05; done; return 1; }
# row N: line N of the captured screen.
row() { screen | sed -n "${1}p"; }
# check_row NAME N TEXT: TEXT is on screen line N.
check_row() {
	local got
	for _ in $(seq 1 40); do
		got=$(row "$2")
		case $got in *"$3"*) pass "$1"; return ;; esac
		sleep 0.05
	done
	fail "$1" "[$3] not on line $2: [$got]"
}

start_tui 200 60 "$TMP" -e "$URL"
# The projects screen at start: Enter opens the last project.
wait_for "demo" && screen | grep -q "Enter open" && tm send-keys -t t Enter
wait_gone "Enter open"
wait_for "demo ·"
tm send-keys -t t M-r
check_row "Alt-R opens the review of v0 against v1" 1 "Review · demo: v0 → v1 · notes.txt (file 1/2) · hunk 1/2 · side by side"
check_row "the file list: a column with both files" 2 " Files (2)"
check_row "the modified file is marked M and selected" 3 "> M notes.txt"
check_row "the added file is marked A" 4 "  A todo.txt"
check_row "the sides are named" 2 "--- old: notes.txt"
check_row "and the new one" 2 "+++ new: notes.txt"
# Unchanged lines: the same text on the same row, left and right.
check_row "line 1 on both sides of row 1" 3 "  1   line 1 of the notes"
check_row "line 1 right of the separator" 3 "│  1   line 1 of the notes"
check_eq "a tab and wide characters: both sides on one row" "$(row 4 | grep -o 'kanji 漢字 here' | wc -l)" 2
check_row "and aligned (tab expanded)" 4 "│  2       kanji 漢字 here"
check_row "a changed line: - on the left" 5 "  3 - line 3 of the notes"
check_row "and + on the right, same row" 5 "│  3 + line 3 of the NOTES, changed"
check_row "a deleted line: on the left" 7 "  5 - line 5 of the notes"
check_eq "and an empty cell on the right" "$(row 7 | sed 's/.*│//' | tr -d ' ')" ""
check_row "the rows after it stay aligned" 8 "  6   line 6 of the notes"
check_row "old line 6 beside new line 5" 8 "│  5   line 6 of the notes"
check_row "key hints on the last row" 59 "n next change"

tm send-keys -t t n
check_row "n: the second hunk" 1 "hunk 2/2"
check_row "n: context above the change" 3 "147   line 147 of the notes"
check_row "n: the change on its row" 6 "150 - line 150 of the notes"
check_row "n: the new text beside it" 6 "│149 + line 150 was rewritten"

# Unified, both hunks fit on the screen: the first from the top.
tm send-keys -t t u
check_row "u: unified view, still at hunk 2" 1 "hunk 2/2 · unified"
check_row "u: the first hunk's header on top" 3 "│@@ -1,8 +1,7 @@"
check_row "u: context with both numbers" 4 "│  1   1   line 1 of the notes"
check_row "u: the old line of a change first" 6 "│  3     - line 3 of the notes"
check_row "u: then the new line" 7 "│      3 + line 3 of the NOTES, changed"
check_row "u: a deleted line after its context" 9 "│  5     - line 5 of the notes"
check_row "u: the second hunk's header" 13 "│@@ -147,7 +146,7 @@"
check_row "u: its old line" 17 "│150     - line 150 of the notes"
check_row "u: its new line" 18 "│    149 + line 150 was rewritten"
tm send-keys -t t p
check_row "p: back to the first hunk" 1 "hunk 1/2 · unified"
tm send-keys -t t u
check_row "u again: side by side" 1 "hunk 1/2 · side by side"

tm send-keys -t t Tab
check_row "Tab: the next file" 1 "todo.txt (file 2/2)"
check_row "an added file: an empty left cell, + on the right" 3 "│  1 + todo one"
check_eq "nothing on the left" "$(row 3 | sed 's/│.*//' | cut -c35- | tr -d ' ')" ""
tm send-keys -t t ']'
check_row "]: wraps around to the first file" 1 "notes.txt (file 1/2)"

tm resize-window -t t -x 80 -y 24
check_row "80x24: unified on its own" 1 "unified"
check_row "80x24: the file list on top" 2 "> M notes.txt"
check_screen "80x24: a hunk header" "@@ -1,8 +1,7 @@"
check_screen "80x24: the changed line as -" "  3     - line 3 of the notes"
check_screen "80x24: and as +" "      3 + line 3 of the NOTES, changed"
tm send-keys -t t u
check_screen "80x24: u says why it stays unified" "the side-by-side view needs 100 columns"
tm resize-window -t t -x 200 -y 60
check_row "200x60 again: side by side" 1 "side by side"

tm send-keys -t t q
for _ in $(seq 1 40); do screen | grep -q "Review ·" || break; sleep 0.05; done
check_eq "q closes the review" "$(settled_screen | grep -c 'Review ·')" 0
check_screen "the panes are back" "Prompt"
tm send-keys -t t C-q
check_screen "quits cleanly" "EXIT=0"

# No project: Alt-R says so in one line.
rm -f "$XDG_DATA_HOME/faos-codex/last-project"
start_tui 120 30 "$TMP" -e "$URL"
wait_for "Esc go on without a project" && tm send-keys -t t Escape
wait_gone "Esc go on without a project"
tm send-keys -t t M-r
check_screen "no project: Alt-R explains" "no project is open, so there are no versions to review"
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"
