#!/usr/bin/env bash
# resume-tui.sh: a loop cut off by kill -9 is offered again when its project
# opens in the TUI, and :resume continues it to the end.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

R=tests/integration/replies
start_fakellm URL --reply-file $R/slow.txt
"$BIN" run -e "$URL" -p "slow" --project killed >/dev/null 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 200); do grep -q "run: python3 slow.py" "$TMP/err" 2>/dev/null && break; sleep 0.05; done
kill -KILL $pid
wait $pid 2>/dev/null

start_tui 140 45 "$TMP" -e "$URL"
check_screen "the projects screen" "killed"
tm send-keys -t t Enter
check_screen "the interrupted loop is offered" "The last loop stopped at EXECUTING when faos-codex ended; :resume"
tm send-keys -t t M-x
tm send-keys -t t "resume" Enter
check_screen "resume runs it again" "✓ exit 0"
check_screen "to the end" "killed · DONE 1/4 · v1"
tm send-keys -t t M-x
tm send-keys -t t "resume" Enter
check_screen "a second resume says there is nothing to resume" "resume: nothing to resume in project 'killed'"
tm send-keys -t t C-q
check_screen "quits" "EXIT=0"
