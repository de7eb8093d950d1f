#!/usr/bin/env bash
# editor-tui.sh: the prompt editor in the real terminal: the editing keys and
# undo, a bracketed paste of 200 lines (text, never a submit), history across
# a restart (Alt-P, Ctrl-R) and Ctrl-X Ctrl-E through $VISUAL.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

start_fakellm URL --reply "Fine." --log "$TMP/requests.log"
mkdir -p "$TMP/w"
# $VISUAL edits the file as a user would: one word changed, a line added.
cat >"$TMP/visual.sh" <<'EOF'
#!/bin/sh
echo EDITOR-WAS-HERE
sed -i 's/draft/edited by the editor/' "$1" && printf '\nadded in the editor\n' >>"$1"
EOF
chmod +x "$TMP/visual.sh"
export VISUAL="$TMP/visual.sh" TMPDIR="$TMP"

# prompt_text: the prompt pane's content rows (below its title, right of
# the file tree, above the status bar), trailing blanks and empty rows
# dropped.
prompt_text() {
	screen | sed '$d' | awk '
		!col && /Prompt/ { col = index($0, "Prompt") - 1; next }
		col { print substr($0, col) }' | sed 's/ *$//' | sed '/^$/d'
}
# check_prompt NAME WANT: the prompt pane shows exactly WANT (2 s at most).
check_prompt() {
	local got
	for _ in $(seq 1 40); do
		got=$(prompt_text)
		[ "$got" = "$2" ] && break
		sleep 0.05
	done
	check_eq "$1" "$got" "$2"
}
requests() { grep -c chat/completions "$TMP/requests.log" 2>/dev/null; }

start_tui 100 30 "$TMP/w" -e "$URL"
wait_for "idle |" || { fail "the TUI starts" "$(screen)"; exit 0; }

tm send-keys -t t "hello world"
check_prompt "typed text shows in the prompt" "hello world"
tm send-keys -t t C-a "say: "
check_prompt "C-a goes to the start of the line" "say: hello world"
tm send-keys -t t C-e "!"
check_prompt "C-e goes to the end" "say: hello world!"
tm send-keys -t t C-w
check_prompt "C-w cuts the word before the cursor" "say: hello"
tm send-keys -t t M-b M-b "X"
check_prompt "M-b goes back a word at a time" "Xsay: hello"
tm send-keys -t t M-f "Y"
check_prompt "M-f goes to the end of a word" "XsayY: hello"
tm send-keys -t t C-k
check_prompt "C-k cuts to the end of the line" "XsayY"
tm send-keys -t t C-_
check_prompt "undo (C-_) brings the cut back" "XsayY: hello"
tm send-keys -t t C-z C-z C-z C-z
check_prompt "undo (C-z) step by step" "say: hello world"
tm send-keys -t t C-z
check_prompt "undo takes a run of typing back as one step" "hello world"
tm send-keys -t t M-_
check_prompt "redo" "say: hello world"
tm send-keys -t t C-e Enter "second line" C-u
check_prompt "Enter starts a new line, C-u cuts to its start" "say: hello world"
tm send-keys -t t "two" Left BSpace
check_prompt "Left and Backspace" "say: hello world
to"
tm send-keys -t t Up C-d
check_prompt "Up keeps the column, C-d deletes under the cursor" "sy: hello world
to"
check_eq "editing sent nothing" "$(requests)" 0

# Wide characters: the cursor lands after them (typed text goes there).
tm send-keys -t t Down C-a C-k "中文" Left "é"
check_prompt "typing between wide characters" "sy: hello world
中é文"

# A bracketed paste of 200 lines: text in the editor, never submitted.
for i in $(seq 1 200); do printf 'pasted line %d\n' "$i"; done >"$TMP/paste.txt"
printf 'no newline at the end' >>"$TMP/paste.txt"
tm send-keys -t t C-e C-u C-u C-u
check_prompt "C-u at a line's start joins it to the one above" ""
tm load-buffer -b p "$TMP/paste.txt"
tm paste-buffer -p -b p -t t
check_screen "the paste's last line is in the editor" "no newline at the end"
sleep 0.3
check_eq "a paste is never submitted" "$(requests)" 0
tm send-keys -t t C-s
for _ in $(seq 1 100); do [ "$(requests)" -ge 1 ] && break; sleep 0.05; done
req=$(grep chat/completions "$TMP/requests.log" | head -n 1)
check_contains "C-s sends the paste's first line" "$req" 'pasted line 1\npasted line 2\n'
check_contains "and its 200th" "$req" 'pasted line 199\npasted line 200\nno newline at the end'
check_screen "the answer arrives" "Fine."
check_prompt "the editor is empty after a submit" ""

# History: two more prompts, then a restart.
tm send-keys -t t "make a cat" C-s
for _ in $(seq 1 100); do [ "$(requests)" -ge 2 ] && break; sleep 0.05; done
wait_for "done |"
tm send-keys -t t "write the tests
second line of it" C-s
for _ in $(seq 1 100); do [ "$(requests)" -ge 3 ] && break; sleep 0.05; done
wait_for "done |"
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"

start_tui 100 30 "$TMP/w" -e "$URL"
wait_for "idle |" || { fail "the TUI starts" "$(screen)"; exit 0; }
tm send-keys -t t "my draft"
tm send-keys -t t M-p
check_prompt "M-p after a restart recalls the last prompt, lines and all" "write the tests
second line of it"
check_screen "the title says where in the history" "history 3/3"
tm send-keys -t t M-p
check_prompt "M-p again: the one before" "make a cat"
tm send-keys -t t M-n M-n
check_prompt "M-n past the newest brings the draft back" "my draft"

tm send-keys -t t C-r "cat"
check_screen "C-r shows the search in the title" "(reverse-i-search)'cat': make a cat"
tm send-keys -t t Escape
check_prompt "Escape cancels the search, the draft stays" "my draft"
tm send-keys -t t C-r "line"
check_screen "C-r finds the newest match" "(reverse-i-search)'line': write the tests"
tm send-keys -t t C-r
check_screen "C-r again finds an older one" "(reverse-i-search)'line': pasted line 1"
tm send-keys -t t C-r
check_screen "no older match: the search says failed" "(failed reverse-i-search)'line': pasted line 1"
tm send-keys -t t BSpace BSpace BSpace BSpace "ca"
check_screen "editing the query searches again" "(reverse-i-search)'ca': make a cat"
tm send-keys -t t Enter
check_prompt "Enter accepts the match" "make a cat"
tm send-keys -t t C-_
check_prompt "undo after the search gives the draft back" "my draft"

# Ctrl-X Ctrl-E: the text goes through $VISUAL and comes back.
tm send-keys -t t C-x
check_screen "C-x shows the prefix in the title" "C-x-"
tm send-keys -t t C-e
check_prompt "C-x C-e: the editor's changes are in the prompt" "my edited by the editor
added in the editor"
check_screen "the screen comes back: the panes are drawn" "Sandbox"
check_screen "and the status bar" "idle |"
screen | grep -q EDITOR-WAS-HERE && fail "nothing of the editor's terminal is left" "$(screen)" ||
	pass "nothing of the editor's terminal is left"
ls "$TMP"/faos-prompt-* >/dev/null 2>&1 && fail "the temporary file is removed" "still there" ||
	pass "the temporary file is removed"

# An editor that fails leaves the text as it was and says so.
printf '#!/bin/sh\necho garbage >"$1"; exit 3\n' >"$TMP/visual.sh"
tm send-keys -t t C-x C-e
check_screen "a failing editor is reported" "exited with status 3"
check_prompt "and the text is unchanged" "my edited by the editor
added in the editor"
tm send-keys -t t C-q
check_screen "quits after all that" "EXIT=0"
