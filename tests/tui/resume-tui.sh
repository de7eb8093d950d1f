#!/usr/bin/env bash
# resume-tui.sh: a loop cut off by kill -9 is offered again when its project
# opens in the TUI, and :resume continues it to the end; a loop with agents
# cut off while coder 2 streams continues with coder 2 alone, in its tabs.
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

A=tests/integration/agents
AGENTS=(--agent planner=plan-m --agent coder=code-m --coders 2)
start_fakellm URL2 --rate 200 --log "$TMP/fake2.log" --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder-all.txt --reply-when "coder 2 of 2"=$A/coder2-slow.txt \
	--reply-when "coder 2 of 2"=$A/coder2.txt
J=$XDG_DATA_HOME/faos-codex/projects/team/journal.jsonl
"$BIN" run -e "$URL2" "${AGENTS[@]}" -p "calc" --project team >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q '"type":"reply","iteration":1,"role":"coder","coder":1' "$J" 2>/dev/null && break; sleep 0.05; done
kill -KILL $pid
wait $pid 2>/dev/null
start_tui 140 45 "$TMP" -e "$URL2" "${AGENTS[@]}"
check_screen "the agents' project" "team"
tm send-keys -t t Enter
check_screen "its loop is offered" "The last loop stopped at CODING when faos-codex ended; :resume"
tm send-keys -t t M-x
tm send-keys -t t "resume" Enter
check_screen "resumed with the coders: to the end" "team · DONE 1/4 · v1"
check_screen "coder 2, asked again, has its tab" "[loop]│ coder 2•"
check_eq "coder 1's answer was kept: asked once" \
	"$(grep '"method":"POST"' "$TMP/fake2.log" | grep -c 'You are coder 1 of 2')" 1
check_eq "coder 2 asked again" "$(grep '"method":"POST"' "$TMP/fake2.log" | grep -c 'You are coder 2 of 2')" 2
tm send-keys -t t C-q
check_screen "quits after the agents' loop" "EXIT=0"
