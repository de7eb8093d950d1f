#!/usr/bin/env bash
# cmd-tui.sh: the help overlay (F1, and ? outside the editor), the : command
# line (completion, history, a live theme switch, errors, new) and the
# projects screen at start-up, in the real terminal through tmux.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

row() { screen | sed -n "$1p"; }
# wait_row N TEXT: until row N contains TEXT (5 s at most).
wait_row() {
	for _ in $(seq 1 100); do
		row "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	return 1
}
check_row() {
	if wait_row "$2" "$3"; then pass "$1"; else fail "$1" "[$3] not on row $2: [$(row "$2")]"; fi
}
gone() {
	for _ in $(seq 1 100); do
		screen | grep -qF -- "$2" || { pass "$1"; return; }
		sleep 0.05
	done
	fail "$1" "[$2] still on screen"
}

start_fakellm URL --reply "Hello."
mkdir -p "$TMP/ws"
start_tui 100 30 "$TMP/ws" -e "$URL"
wait_for "idle |"

# Help: F1 from the editor.
tm send-keys -t t F1
check_screen "F1 opens the help" "Help: keys and commands"
check_contains "the help lists submit with its keys and help" "$(screen | grep -E '^│ +submit +C-s M-Enter +send the prompt')" "submit"
check_screen "the help names the command line's commands" "Everywhere"
tm send-keys -t t End
check_screen "End scrolls to the commands" "Commands (: or M-x, Tab completes)"
check_screen "the commands show their usage" "new NAME [TEMPLATE]"
tm send-keys -t t /
tm send-keys -t t -l "redraw"
check_screen "/ filters" "Filter: redraw"
check_contains "the filter keeps the match" "$(screen)" "C-l"
gone "the filter hides the rest" " C-s M-Enter "
tm send-keys -t t Escape
gone "Escape clears the filter first" "Filter: redraw"
tm send-keys -t t Escape
gone "Escape closes the help" "Help: keys and commands"
check_screen "the panes are back" "Prompt"

# ? only outside the editor: in the prompt it is text.
tm send-keys -t t -l "?"
sleep 0.2
screen | grep -qF "Help: keys and commands" && fail "? in the editor is text" "help opened" ||
	pass "? in the editor is text"
tm send-keys -t t C-u Tab
tm send-keys -t t -l "?"
check_screen "? in Files opens the help" "Help: keys and commands"
tm send-keys -t t -l "q"
gone "q closes the help" "Help: keys and commands"

# The command line, from Files (still focused).
before=$(tm capture-pane -e -p -t t | sed -n 30p)
tm send-keys -t t -l ":"
check_row ": opens the command line on the status row" 30 ":"
tm send-keys -t t -l "the"
tm send-keys -t t Tab
check_row "Tab completes the command" 30 ":theme"
tm send-keys -t t Tab
check_row "Tab lists the themes" 30 "[default]  light  mono"
tm send-keys -t t Tab Tab
check_row "further Tabs cycle through them" 30 ":theme light"
tm send-keys -t t Enter
check_screen "the theme switch is reported" "Theme light."
after=$(tm capture-pane -e -p -t t | sed -n 30p)
check_contains "the status bar is drawn in the light theme's colours (black on cyan)" "$after" "46m"
[ "$before" != "$after" ] && pass "the colours changed" || fail "the colours changed" "same escape codes"

tm send-keys -t t -l ":open nosuch"
tm send-keys -t t Enter
check_row "an unknown project is a one-line error" 30 "open: no project 'nosuch' (projects: none; 'new nosuch' creates it)"
tm send-keys -t t Escape
tm send-keys -t t -l ":frob"
tm send-keys -t t Enter
check_row "an unknown command says what to do" 30 "unknown command 'frob' (:help lists the commands)"
tm send-keys -t t Escape
tm send-keys -t t -l ":open"
tm send-keys -t t Enter
check_row "a missing argument shows the usage" 30 "usage: open NAME (open a project)"
tm send-keys -t t Escape

tm send-keys -t t M-x
check_row "M-x opens the command line" 30 ":"
tm send-keys -t t -l "new demo"
tm send-keys -t t Enter
for _ in $(seq 1 100); do [ -d "$TMP/data/faos-codex/projects/demo" ] && break; sleep 0.05; done
[ -d "$TMP/data/faos-codex/projects/demo" ] && pass ":new creates the project" ||
	fail ":new creates the project" "no $TMP/data/faos-codex/projects/demo"
check_row "the status bar shows the new project" 30 "demo"
tm send-keys -t t M-x Up
check_row "Up recalls the last command" 30 ":new demo"
tm send-keys -t t C-u
tm send-keys -t t -l "open "
tm send-keys -t t Tab
check_row "Tab completes a project name" 30 ":open demo"
tm send-keys -t t Escape
gone "Escape cancels the command line" ":open demo"
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"

# Restart: the projects screen lists them; the last one is selected.
"$BIN" project new beta >/dev/null
start_tui 100 30 "$TMP/ws" -e "$URL"
check_screen "the projects screen opens at start" "Enter open  n new project"
check_contains "it lists demo with state and versions" "$(screen | grep -E '^ +demo +active +just now +0')" "demo"
check_contains "the last project is selected" "$(screen | grep -E '^> beta ')" "beta"
tm send-keys -t t Down Enter
gone "Enter opens the selected project" "Enter open  n new project"
check_row "the status bar shows it" 30 "demo ·"
tm send-keys -t t M-o
check_screen "Alt-O reopens the list" "demo (open)"
tm send-keys -t t n
tm send-keys -t t -l "gamma"
check_screen "n asks for a name" "New project name: gamma"
tm send-keys -t t Enter
gone "Enter creates it and closes the list" "New project name"
check_row "the new project is open" 30 "gamma ·"
[ -d "$TMP/data/faos-codex/projects/gamma" ] && pass "n created the project" || fail "n created the project" "no directory"
tm send-keys -t t C-q
check_screen "quits again" "EXIT=0"

start_tui 100 30 "$TMP/ws" -e "$URL"
check_screen "the projects screen again" "Enter open  n new project"
tm send-keys -t t Escape
check_screen "Escape goes on without a project" "No project open: prompts go to the model directly"
tm send-keys -t t C-q
check_screen "and quits" "EXIT=0"
