#!/usr/bin/env bash
# tree-tui.sh: the file tree and the viewer on the real terminal: ignored
# files and .git never listed, lazy expansion, the / filter over every file,
# opening a file in the viewer (line numbers, content, search) and closing it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

WS="$TMP/ws"
mkdir -p "$WS/.git/objects" "$WS/build" "$WS/src/deep/deeper" "$WS/docs"
printf 'build/\n*.log\n' >"$WS/.gitignore"
printf 'ref: refs/heads/main\n' >"$WS/.git/HEAD"
printf 'binary\n' >"$WS/build/output.bin"
printf 'noise\n' >"$WS/debug.log"
printf 'int main(void)\n{\n\treturn 0; /* ok */\n}\n' >"$WS/src/main.c"
printf 'secret\n' >"$WS/src/trace.log"
printf 'hidden\n' >"$WS/src/deep/deeper/needle_zq.txt"
printf '# Notes\nplain text\n' >"$WS/docs/notes.md"
for i in $(seq 1 60); do printf 'line %d\n' "$i"; done >"$WS/docs/long.txt"
printf 'esc \033]0;pwned\007 here\n' >"$WS/docs/ctl.txt"
printf 'ELF\0\0\1binary' >"$WS/docs/prog.bin"
yes 'a line of a big file' | head -c 3145728 >"$WS/docs/huge.txt"

# esc: Escape alone (the terminal reads ESC and a quick next key as Alt-key).
esc() { tm send-keys -t t Escape; sleep 0.3; }

# tree_rows: the tree pane's column (left of the separator) of the screen.
tree_rows() { screen | cut -c1-24; }

start_tui 120 30 "$WS"
wait_for "Files"
tm send-keys -t t M-2
check_screen "the tree lists the workspace's directories" "+ src/"
check_screen "the tree lists top-level files" ".gitignore"
rows=$(tree_rows)
check_eq "build/ (ignored by .gitignore) is not listed" "$(grep -c 'build' <<<"$rows")" 0
check_eq "*.log files are not listed" "$(grep -c 'debug.log' <<<"$rows")" 0
check_eq ".git is not listed" "$(grep -c '\.git/' <<<"$rows")" 0

# Directories come first: docs/, src/, then .gitignore. Select src/ and expand.
tm send-keys -t t Down Enter
check_screen "Enter expands a directory, showing its file" "main.c"
check_screen "expanded directory shows its subdirectory" "+ deep/"
check_eq "an ignored file below is not listed" "$(tree_rows | grep -c 'trace.log')" 0
tm send-keys -t t Down Right
check_screen "Right expands a nested directory" "+ deeper/"
tm send-keys -t t Left Left
sleep 0.2
check_eq "Left collapses, then goes to the parent" "$(tree_rows | grep -c 'deeper')" 0

tm send-keys -t t / n e e d l e
check_screen "the filter finds a file in an unexpanded directory" "/needle_zq.txt"
check_eq "a long path is cut at the left so the name shows" \
	"$(tree_rows | grep -c '^  \.\.\..*/needle_zq\.txt')" 1
check_screen "the filter row shows the query" "/needle"
esc
check_eq "Escape clears the filter" "$(tree_rows | grep -c 'needle')" 0
tm send-keys -t t / t r a c e
check_screen "the filter says how many match" "0 matches"

esc
tm send-keys -t t / m a i n Enter Enter
check_screen "Enter opens the file in the viewer (title shows the path)" "Viewer  src/main.c"
check_screen "the viewer shows line numbers and content" "  1 int main(void)"
check_screen "the viewer shows later lines" "  3         return 0; /* ok */"
tm send-keys -t t q
sleep 0.3
check_eq "q closes the viewer" "$(settled_screen | grep -c 'Viewer')" 0
check_screen "focus is back in the tree" "/main"

esc
tm send-keys -t t / l o n g Enter Enter
check_screen "a long file opens" "Viewer  docs/long.txt"
tm send-keys -t t / 'line 45' Enter
check_screen "search jumps to the matching line" " 45 line 45"
tm send-keys -t t G
check_screen "G goes to the end" " 60 line 60"
esc
check_eq "Escape closes the viewer too" "$(settled_screen | grep -c 'Viewer')" 0

esc
tm send-keys -t t / c t l Enter Enter
check_screen "control bytes in a file are shown visibly" "esc ^[]0;pwned^G here"

tm send-keys -t t q
esc
tm send-keys -t t / p r o g Enter Enter
check_screen "a binary file shows a note instead of its bytes" "binary file (12 bytes): not shown"
tm send-keys -t t q
esc
tm send-keys -t t / h u g e Enter Enter G
check_screen "a huge file shows its first 2 MB and says so" "the file is 3.0 MB: its first 2 MB are shown"

tm send-keys -t t q
esc
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"
