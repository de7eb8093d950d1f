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
# check_empty_cmdline NAME: the status row is the bare ":" prompt.
check_empty_cmdline() {
	for _ in $(seq 1 100); do
		[ "$(row 30)" = ":" ] && { pass "$1"; return; }
		sleep 0.05
	done
	fail "$1" "row 30 is [$(row 30)]"
}
check_row() {
	if wait_row "$2" "$3"; then pass "$1"; else fail "$1" "[$3] not on row $2: [$(row "$2")]"; fi
}
# esc: Escape alone (a key sent right after it would read as Alt-key).
esc() {
	tm send-keys -t t Escape
	sleep 0.2
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
check_contains "the help lists submit with its keys and help" "$(screen | grep -E '^. +submit +C-s M-Enter +send the prompt')" "submit"
check_screen "the help names the command line's commands" "Everywhere"
tm send-keys -t t End
check_screen "End scrolls to the commands" "Commands (: or M-x, Tab completes)"
check_screen "the commands show their usage" "new NAME [TEMPLATE]"
tm send-keys -t t /
tm send-keys -t t -l "redraw"
check_screen "/ filters" "Filter: redraw"
check_contains "the filter keeps the match" "$(screen)" "C-l"
gone "the filter hides the rest" " C-s M-Enter "
esc
gone "Escape clears the filter first" "Filter: redraw"
esc
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
check_empty_cmdline ": opens the command line on the status row"
tm send-keys -t t -l "the"
tm send-keys -t t Tab
check_row "Tab completes the command" 30 ":theme"
tm send-keys -t t Tab
check_row "Tab lists the themes" 30 "[default] light  mono"
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
esc
tm send-keys -t t -l ":frob"
tm send-keys -t t Enter
check_row "an unknown command says what to do" 30 "unknown command 'frob' (:help lists the commands)"
esc
tm send-keys -t t -l ":open"
tm send-keys -t t Enter
check_row "a missing argument shows the usage" 30 "usage: open NAME (open a project)"
esc

tm send-keys -t t M-x
check_empty_cmdline "M-x opens the command line"
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
esc
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
esc
check_screen "Escape goes on without a project" "No project open: prompts go to the model directly"
tm send-keys -t t C-q
check_screen "and quits" "EXIT=0"

# The project commands on a project with versions (made headlessly).
R=tests/integration/replies
start_fakellm CURL --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt
"$BIN" run -e "$CURL" -p "calc" --project calc >/dev/null 2>&1
start_tui 100 30 "$TMP/ws" -e "$URL"
wait_for "Enter open  n new project"
check_contains "the projects screen lists calc with 2 versions" "$(screen | grep -E '^> calc +active +just now +2')" "calc"
tm send-keys -t t Enter
check_row "calc is open" 30 "calc ·"
tm send-keys -t t M-x
tm send-keys -t t -l "review 9"
tm send-keys -t t Enter
check_row "a wrong version says which exist" 30 "review: no version '9' (this project has versions 0 to 2)"
esc
tm send-keys -t t M-x
tm send-keys -t t -l "restore "
tm send-keys -t t Tab
check_row "Tab lists the versions, newest first" 30 "[2] 1  0"
tm send-keys -t t C-u
tm send-keys -t t -l "restore 1"
tm send-keys -t t Enter
check_screen ":restore makes a new version" "Version 1 restored as version 3."
check_eq "the workspace is back at version 1" "$(tail -n 1 "$TMP/data/faos-codex/projects/calc/workspace/calc.py")" "    return a - b"
tm send-keys -t t M-x
tm send-keys -t t -l "export $TMP/out 2"
tm send-keys -t t Enter
check_screen ":export writes the files" "Version 2 of calc exported to"
check_eq "the exported content is version 2's" "$(tail -n 1 "$TMP/out/calc.py" 2>&1)" "    return a + b"
tm send-keys -t t M-x
tm send-keys -t t -l "review"
tm send-keys -t t Enter
check_screen ":review opens the review of the latest version against the one before" "Review · calc: v2 → v3"
esc
tm send-keys -t t M-x
tm send-keys -t t -l "finalize"
tm send-keys -t t Enter
check_screen ":finalize" "Project calc finalized at version 3"
tm send-keys -t t M-x
tm send-keys -t t -l "archive"
tm send-keys -t t Enter
check_screen ":archive closes it" "Project calc archived and closed"
check_eq "the archive is on disk" "$(ls "$TMP/data/faos-codex/archive")" "calc.tar.gz"
tm send-keys -t t C-q
check_screen "quits at last" "EXIT=0"

# NO_COLOR keeps the screen mono: :theme says so and changes nothing.
new_session 80 24 "$TMP/ws" "env NO_COLOR=1 TERM=xterm-256color LANG=C.UTF-8 $BIN -e $URL; echo EXIT=\$?; sleep 60"
wait_for "Enter open  n new project"
esc
tm send-keys -t t M-x
tm send-keys -t t -l "theme light"
tm send-keys -t t Enter
check_row "with NO_COLOR, :theme refuses with a reason" 24 "theme: NO_COLOR is set, so the screen stays mono"
tm send-keys -t t F1
check_screen "the help fits 80x24" "Help: keys and commands"
tm send-keys -t t C-q
check_screen "quits under NO_COLOR" "EXIT=0"
