#!/usr/bin/env bash
# layout-tui.sh: zooming a pane (Alt-z), resizing splits (Alt-=, Alt--,
# Alt-0) and stacking on small terminals, checked on the real screen in
# tmux by where the pane titles are; the file viewer beside the output on
# wide terminals and in its place on narrow ones.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

# row TITLE: the screen row (from 1) of the first line with " TITLE", or "".
row() { screen | grep -n -m 1 -F -- " $1" | cut -d: -f1; }
# titles NAME...: 1 or 0 for each, as one word ("1101").
titles() {
	local s out=""
	s=$(screen)
	for t in "$@"; do
		case "$s" in *" $t"*) out="${out}1" ;; *) out="${out}0" ;; esac
	done
	echo "$out"
}
# until_eq WANT CMD...: until CMD prints WANT (5 s at most), then prints it.
until_eq() {
	local want=$1 got
	shift
	for _ in $(seq 1 100); do
		got=$("$@")
		[ "$got" = "$want" ] && break
		sleep 0.05
	done
	echo "$got"
}

PROJ=$TMP/proj
mkdir -p "$PROJ"
echo hello > "$PROJ/alpha.txt"

start_tui 80 24 "$PROJ" -e http://127.0.0.1:9
wait_for "idle |"
check_eq "80x24 shows every pane" "$(until_eq 1111 titles Files Output Sandbox Prompt)" 1111
check_eq "80x24: the prompt's title is on row 19" "$(row Prompt)" 19

tm send-keys -t t M-z
check_eq "Alt-z zooms the prompt: the other titles are gone" \
	"$(until_eq 0001 titles Files Output Sandbox Prompt)" 0001
check_eq "the zoomed prompt starts on the first row" "$(row Prompt)" 1
check_eq "the status bar stays on the last row" "$(settled_screen | sed -n 24p | grep -c 'idle |')" 1
tm send-keys -t t M-z
check_eq "Alt-z again restores every pane" "$(until_eq 1111 titles Files Output Sandbox Prompt)" 1111
check_eq "the prompt is back on row 19" "$(row Prompt)" 19

tm send-keys -t t M-=
check_eq "Alt-= grows the prompt: its title moves up a row" "$(until_eq 18 row Prompt)" 18
tm send-keys -t t M-= M-= M-=
check_eq "three more Alt-= move it three more rows" "$(until_eq 15 row Prompt)" 15
tm send-keys -t t M--
check_eq "Alt-- shrinks it a row" "$(until_eq 16 row Prompt)" 16
for _ in $(seq 1 30); do tm send-keys -t t M-=; done
check_eq "growing stops where output and log keep a row each" "$(until_eq 5 row Prompt)" 5
check_eq "and every pane is still shown" "$(titles Files Output Sandbox Prompt)" 1111
tm send-keys -t t M--
check_eq "one Alt-- after growing past the limit shrinks at once" "$(until_eq 6 row Prompt)" 6
tm send-keys -t t M-0
check_eq "Alt-0 resets the layout" "$(until_eq 19 row Prompt)" 19

tm send-keys -t t M-4 M-=
check_eq "Alt-= in the sandbox log grows the log upwards" "$(until_eq 14 row Sandbox)" 14
tm send-keys -t t M-0 M-3 M-z
check_eq "Alt-z zooms the focused output" "$(until_eq 0100 titles Files Output Sandbox Prompt)" 0100
tm send-keys -t t Tab
check_eq "Tab while zoomed moves the zoom to the next pane" \
	"$(until_eq 0010 titles Files Output Sandbox Prompt)" 0010
tm send-keys -t t M-z M-1

tm resize-window -t t -x 50 -y 20
check_eq "50x20 stacks: the prompt and the output only" \
	"$(until_eq 0101 titles Files Output Sandbox Prompt)" 0101
check_eq "the stacked output is as wide as the terminal" "$(screen | sed -n 1p | cut -c2-7)" "Output"
tm send-keys -t t Tab
check_eq "Tab brings the files into view" "$(until_eq 1001 titles Files Output Sandbox Prompt)" 1001
check_screen "the stacked tree lists the project" "alpha.txt"
tm send-keys -t t Tab Tab
check_eq "Tab twice more brings the sandbox log" "$(until_eq 0011 titles Files Output Sandbox Prompt)" 0011
tm send-keys -t t Tab
check_eq "Tab back to the prompt shows the output above it" \
	"$(until_eq 0101 titles Files Output Sandbox Prompt)" 0101

tm resize-window -t t -x 200 -y 60
check_eq "200x60 shows every pane again" "$(until_eq 1111 titles Files Output Sandbox Prompt)" 1111
check_eq "200x60: files and output titles on the first row" "$(row Files)$(row Output)" 11
check_eq "200x60: the status bar on row 60" "$(settled_screen | sed -n 60p | grep -c 'idle |')" 1

tm send-keys -t t M-2
tm send-keys -t t Enter
check_eq "200x60: the viewer opens beside the output" \
	"$(until_eq 11 titles Output Viewer)$(row Output)$(row Viewer)" 1111
check_screen "the viewer shows the file" "1 hello"
tm resize-window -t t -x 80 -y 24
check_eq "80x24: the viewer takes the output's place" "$(until_eq 01 titles Output Viewer)$(row Viewer)" 011
tm send-keys -t t M-3
check_eq "Alt-3 shows the output in its place" "$(until_eq 10 titles Output Viewer)" 10
tm send-keys -t t M-5
check_eq "Alt-5 brings the viewer back" "$(until_eq 01 titles Output Viewer)" 01
tm send-keys -t t C-q
check_screen "quits cleanly" "EXIT=0"
