#!/usr/bin/env bash
# stream-tui.sh: the output pane in the real binary, in tmux, against the
# fake server: a long answer streams; scrolled up, the view holds still
# while text arrives ("new output ↓"), End follows again; <think> reasoning
# is one fold line that Enter expands; a code block has its gutter; / n
# search; a resize re-wraps without losing text.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

# The long line's words w01..w40, in order.
words() { for i in $(seq -w 1 40); do printf 'w%s ' "$i"; done; }
{
	printf '<think>\nstep one of the plan\nstep two of the plan\nstep three\n</think>\n\n'
	printf 'Intro: %s\n' "$(words)"
	printf 'Some code:\n```python\ndef hello():\n    return 42\n```\n'
	for i in $(seq -w 1 60); do printf 'row %s of the answer\n' "$i"; done
	printf 'a needle here\nanother needle there\nThe end.\n'
} >"$TMP/reply.txt"
mkdir -p "$TMP/w"

# top_rows: the screen's rows 2-7, the output pane's first rows (and the
# file tree's, which stays the same).
top_rows() { screen | sed -n 2,7p; }

start_fakellm URL --reply-file "$TMP/reply.txt" --delay-ms 40
start_tui 100 30 "$TMP/w" -e "$URL"
wait_for "idle |"
tm send-keys -t t "hello" C-s
check_screen "the answer streams into the output" "row 05 of the answer"
tm send-keys -t t M-3 PgUp
check_screen "scrolled up: the title says so" "End follows"
sleep 0.3
first=$(top_rows)
check_screen "more output below is marked" "new output ↓"
sleep 1.2
second=$(top_rows)
check_eq "the top rows stay the same while text arrives" "$second" "$first"
screen | grep -q "The end." && fail "text is still arriving during the check" "the stream had ended" ||
	pass "text is still arriving during the check"
tm send-keys -t t G
sleep 0.3
check_screen "G (End) follows the tail again" "row 4"
screen | grep -q "new output ↓" && fail "following: no marker" "$(screen)" || pass "following: no marker"
# The tail keeps coming into view until the answer ends (about 15 s).
for _ in $(seq 1 300); do screen | grep -q "done |" && break; sleep 0.1; done
check_screen "following shows the end of the answer" "The end."

tm send-keys -t t g
check_screen "reasoning is folded to one line" "▸ reasoning (3 lines) — Enter expands"
screen | grep -q "step two of the plan" && fail "folded reasoning hides its text" "$(screen)" ||
	pass "folded reasoning hides its text"
check_screen "the code block has its gutter" "│ def hello():"
check_screen "the fence is in the block" "│ \`\`\`python"
check_screen "code keeps its indentation" "│     return 42"
tm send-keys -t t Enter
check_screen "Enter expands the reasoning" "step two of the plan"
check_screen "the fold line says Enter folds" "▾ reasoning (3 lines) — Enter folds"
tm send-keys -t t Enter
sleep 0.2
screen | grep -q "step two of the plan" && fail "Enter folds it again" "$(screen)" ||
	pass "Enter folds it again"

tm send-keys -t t g / n e e d l e
check_screen "/ opens the search input" "/needle"
tm send-keys -t t Enter
check_screen "the search finds the first match" "match 1/2"
check_screen "the match is in view" "a needle here"
tm send-keys -t t n
check_screen "n goes to the next match" "match 2/2"
tm send-keys -t t N
check_screen "N goes back" "match 1/2"
tm send-keys -t t / z z z q Enter
check_screen "no match says so" "no match for 'zzzq'"
screen | grep -q "EXIT=" && fail "q typed into the search does not quit" "it quit" ||
	pass "q typed into the search does not quit"
tm send-keys -t t Escape
sleep 0.3

# Re-wrap: the long line's first row ends at another word when narrower,
# and every word is still there, in order.
tm send-keys -t t / w 0 1 Enter
check_screen "the long line is found" "Intro: w01"
wide=$(screen | grep -o 'Intro: w01.*' | grep -o 'w[0-9][0-9]' | tail -n 1)
tm resize-window -t t -x 60 -y 20
sleep 0.5
tm send-keys -t t n
check_screen "the long line shows at 60x20" "Intro: w01"
narrow=$(screen | grep -o 'Intro: w01.*' | grep -o 'w[0-9][0-9]' | tail -n 1)
[ -n "$wide" ] && [ -n "$narrow" ] && [ "$wide" != "$narrow" ] &&
	pass "the long line is wrapped again ($wide, then $narrow)" ||
	fail "the long line is wrapped again" "first row ended at [$wide], then [$narrow]"
check_eq "no word of the long line is lost" "$(screen | grep -o 'w[0-9][0-9]' | tr '\n' ' ')" "$(words)"

tm send-keys -t t C-q
check_screen "quits" "EXIT=0"
