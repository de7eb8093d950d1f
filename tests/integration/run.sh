#!/usr/bin/env bash
# run.sh: `faos-codex run` against the scripted fake server: a failing
# first reply is refined into a passing one (the failure is fed back), a
# model that never fixes it spends the budget, hostile paths are refused
# with nothing outside touched, a prose-only reply gets a correction
# request, no run command, an unreachable server, Ctrl-C, and resume.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

R=tests/integration/replies
DATA=$XDG_DATA_HOME/faos-codex
# jq-like field access without jq: python3 prints FIELD of every line whose event is EVENT.
events() { python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["event"] == sys.argv[1]:
        print(" ".join(str(e.get(k)) for k in sys.argv[2:]))' "$@"; }

# 1. Broken, then fixed: exit 0 after two iterations and two versions.
start_fakellm URL --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt --log "$TMP/fake1.log"
out=$("$BIN" run -e "$URL" -p "a calculator module with tests" --project calc --json 2>"$TMP/err1")
check_eq "refined to passing: exit 0" "$?" 0
check_eq "the states in order" "$(events state to <<<"$out" | tr '\n' ' ')" \
	"GENERATING APPLYING EXECUTING EVALUATING REFINING GENERATING APPLYING EXECUTING EVALUATING DONE "
check_eq "two versions with the paths written" "$(events version version written <<<"$out")" \
	"1 ['calc.py', 'test_calc.py']
2 ['calc.py']"
check_eq "two runs: exit 1, then exit 0" "$(events run command status result <<<"$out")" \
	"python3 -m unittest -q 1 exit 1
python3 -m unittest -q 0 exit 0"
check_eq "done: passed after 2 iterations" "$(events done status iterations version exit <<<"$out")" "passed 2 2 0"
WS=$DATA/projects/calc/workspace
check_eq "the workspace holds the fixed file" "$(cat "$WS/calc.py")" "def add(a, b):
    return a + b"
second=$(grep '"method":"POST"' "$TMP/fake1.log" | sed -n 2p)
check_contains "the second request tells the model the command" "$second" 'The command `python3 -m unittest -q` ended: exit 1'
check_contains "the second request carries the test's failure" "$second" "AssertionError: -1 != 5"
check_contains "the second request shows the current files" "$second" 'return a - b'
err=$(cat "$TMP/err1")
check_contains "progress on stderr: the project" "$err" "faos-codex: new project calc (workspace $WS)"
check_contains "progress on stderr: iteration 2" "$err" "faos-codex: iteration 2/4: asking the model"
check_contains "progress on stderr: passed" "$err" "faos-codex: passed: \`python3 -m unittest -q\` passed (iteration 2)"
check_eq "project versions lists both" "$("$BIN" project versions calc | awk '{print $1, $6, $7, $8, $9, $10}')" \
	"1 +2 ~0 -0 iteration 1:
2 +0 ~1 -0 iteration 2:"
check_eq "project diff 1 2" "$("$BIN" project diff calc 1 2)" "--- a/calc.py
+++ b/calc.py
@@ -1,2 +1,2 @@
 def add(a, b):
-    return a - b
+    return a + b"
check_eq "each version is a git commit" "$(git -c safe.directory="*" -C "$WS" log --format=%s)" \
	"iteration 2: a calculator module with tests
iteration 1: a calculator module with tests"
check_eq "the journal is valid JSON lines" \
	"$(python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]; print("ok")' "$DATA/projects/calc/journal.jsonl")" ok
check_eq "project show: the loop's last state" "$("$BIN" project show calc | grep '^last loop')" "last loop:   DONE"

# 2. A model that never fixes it: the budget is spent, exit 1.
start_fakellm URL2 --reply-file $R/calc-broken.txt
out=$("$BIN" run -e "$URL2" -p "a calculator" --project never --max-iterations 2 --json 2>/dev/null)
check_eq "never fixed: exit 1" "$?" 1
check_eq "never fixed: done says why" "$(events done status iterations exit cause <<<"$out")" \
	"budget_spent 2 1 2 of 2 iterations used without passing"

# 3. Hostile paths: refused, nothing written anywhere, exit 1.
mkdir -p "$TMP/host"
echo sentinel > "$TMP/host/outside.txt"
mkdir -p "$TMP/host/ws"
start_fakellm URL3 --reply-file $R/escape.txt
"$BIN" run -e "$URL3" -p "x" --project escape --workspace "$TMP/host/ws" --max-iterations 1 2>"$TMP/err3" >/dev/null
check_eq "path escape: exit 1" "$?" 1
err=$(cat "$TMP/err3")
check_contains "the .. path is named" "$err" "faos-codex: refused ../outside.txt: "
check_eq "the file outside is untouched" "$(cat "$TMP/host/outside.txt")" sentinel
check_eq "no absolute path was written" "$(ls /tmp/faos-escape-abs.txt 2>&1 >/dev/null | wc -l)" 1
check_eq "nothing was written in the workspace" "$(find "$TMP/host/ws" -path '*/.git' -prune -o -type f -print | wc -l)" 0
check_eq "no version was made" "$("$BIN" project versions escape | wc -l)" 0

# 4. Prose only: the loop asks again with a correction.
start_fakellm URL4 --reply-file $R/prose.txt --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt --log "$TMP/fake4.log"
"$BIN" run -v -e "$URL4" -p "a calculator" --project prose >/dev/null 2>"$TMP/err4"
check_eq "prose first, then code: exit 0" "$?" 0
check_contains "the empty answer is reported" "$(cat "$TMP/err4")" "faos-codex: the answer had no file block"
check_contains "-v: the model's answer streams to stderr" "$(cat "$TMP/err4")" "    return a - b"
check_contains "-v: the run's stderr streams to stderr" "$(cat "$TMP/err4")" "AssertionError: -1 != 5"
check_contains "the correction request" "$(grep '"method":"POST"' "$TMP/fake4.log" | sed -n 2p)" "Your last answer had no usable block"

# 5. No run command anywhere: exit 2 and what to do.
start_fakellm URL5 --reply-file $R/no-run.txt
"$BIN" run -e "$URL5" -p "notes" --project norun >/dev/null 2>"$TMP/err5"
check_eq "no run command: exit 2" "$?" 2
check_contains "no run command: says what to do" "$(cat "$TMP/err5")" "no run command: the model gave none, none is configured and nothing in the workspace says how to test it; give one (--run-cmd CMD or run_command)"
"$BIN" run -e "$URL5" -p "notes" --project norun --run-cmd "test -f notes.txt" >/dev/null 2>&1
check_eq "--run-cmd supplies it: exit 0" "$?" 0

# A new project from a scaffold: its Makefile says how to test it.
"$BIN" run -e "$URL5" -p "notes" --project scaffolded --template python-cli >/dev/null 2>"$TMP/err5b"
check_eq "--template: the scaffold's make test passes, exit 0" "$?" 0
check_eq "--template: the scaffold is in the workspace" \
	"$(cd "$DATA/projects/scaffolded/workspace" && ls app/__init__.py app/__main__.py Makefile)" \
	"Makefile
app/__init__.py
app/__main__.py"
check_contains "--template: the detected command ran" "$(cat "$TMP/err5b")" "faos-codex: run: make test"

# 6. The server is not there: exit 3.
dead_url DEAD
"$BIN" run -e "$DEAD" -p "x" --project dead >/dev/null 2>"$TMP/err6"
check_eq "unreachable server: exit 3" "$?" 3
check_contains "unreachable server: one line" "$(cat "$TMP/err6")" "faos-codex: failed: "

# 7. Ctrl-C during a run: exit 130, the run stopped; then --resume finishes it.
start_fakellm URL7 --reply-file $R/slow.txt
"$BIN" run -e "$URL7" -p "slow" --project slow --run-cmd "sleep 30" >/dev/null 2>"$TMP/err7" &
pid=$!
for _ in $(seq 1 100); do grep -q "run: sleep 30" "$TMP/err7" 2>/dev/null && break; sleep 0.05; done
kill -INT $pid
wait $pid
check_eq "SIGINT: exit 130" "$?" 130
check_contains "SIGINT: said" "$(cat "$TMP/err7")" "faos-codex: cancelled"
check_eq "SIGINT: nothing of the run is left" "$(pgrep -f 'sleep 30' | wc -l)" 0
"$BIN" run --project slow --resume >/dev/null 2>"$TMP/err7b"
check_eq "resume after a cancel: nothing to resume, exit 2" "$?" 2
check_contains "resume after a cancel: why" "$(cat "$TMP/err7b")" "nothing to resume in project 'slow': its last loop ended CANCELLED at iteration 1"

# 8. kill -9 during the run; --resume runs it again and passes.
"$BIN" run -e "$URL7" -p "slow" --project killed >/dev/null 2>"$TMP/err8" &
pid=$!
for _ in $(seq 1 100); do grep -q "run: python3 slow.py" "$TMP/err8" 2>/dev/null && break; sleep 0.05; done
kill -KILL $pid
wait $pid 2>/dev/null
out=$("$BIN" run -e "$URL7" --project killed --resume --json 2>/dev/null)
check_eq "resume after kill -9: exit 0" "$?" 0
check_eq "resume after kill -9: runs again from EXECUTING" "$(events state trigger to <<<"$out" | head -n 1)" "RESUME EXECUTING"
check_eq "resume after kill -9: still one version" "$("$BIN" project versions killed | wc -l)" 1
