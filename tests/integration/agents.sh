#!/usr/bin/env bash
# agents.sh: `faos-codex run` with a planner, coders in parallel and a
# reviewer, each on its own model of the fake server: the plan is shared,
# the reviewer's requested change goes back to the coder that owns the
# file, approval lets the run pass; a plan naming a path outside the
# workspace is refused like a reply; a reviewer that never approves spends
# the budget; Ctrl-C during parallel coding keeps the coder that finished;
# kill -9 during coding resumes with the coder that was cut off.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

A=tests/integration/agents
DATA=$XDG_DATA_HOME/faos-codex
AGENTS=(--agent planner=plan-m --agent coder=code-m --agent reviewer=review-m)
# FIELDS of every --json line whose event is EVENT.
events() { python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["event"] == sys.argv[1]:
        print(" ".join(str(e.get(k)) for k in sys.argv[2:]))' "$@"; }
# TYPE ROLE CODER of the journal's request events, one line each.
requests() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "request":
        print(e.get("role"), e.get("coder", ""), e.get("feedback", "").strip().replace("\n", " | "))' "$1"; }

# 1. Plan, two coders in parallel, the reviewer requests a change, the
# owning coder fixes it, the reviewer approves, the run passes.
start_fakellm URL --log "$TMP/fake1.log" --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-broken.txt --reply-when "coder 1 of 2"=$A/coder1-fixed.txt \
	--reply-when "coder 2 of 2"=$A/coder2.txt \
	--replies-for review-m=$A/review-changes.txt --replies-for review-m=$A/review-approve.txt
out=$("$BIN" run -e "$URL" "${AGENTS[@]}" --coders 2 -p "a calculator and a greeter" \
	--project team --json 2>"$TMP/err1")
check_eq "plan, coders, review: exit 0" "$?" 0
check_eq "the states in order, with their roles" "$(events state to role <<<"$out" | tr '\n' ',')" \
"PLANNING planner,CODING coder,APPLYING None,CRITIQUING reviewer,EVALUATING None,REFINING None,\
CODING coder,APPLYING None,CRITIQUING reviewer,EXECUTING None,EVALUATING None,DONE None,"
check_eq "the plan shares the files: tests stay with their subject" \
	"$(events plan files <<<"$out" | python3 -c 'import ast,sys; print([(f["path"], f["coder"]) for f in ast.literal_eval(sys.stdin.read())])')" \
	"[('calc.py', 1), ('test_calc.py', 1), ('greet.py', 2), ('test_greet.py', 2)]"
check_eq "both coders ask before either answers" \
	"$(events agent role coder status <<<"$out" | grep '^coder' | head -2 | tr '\n' ',')" \
	"coder 1 asking,coder 2 asking,"
J=$DATA/projects/team/journal.jsonl
check_eq "the journal: each role's requests in order; the fix goes to coder 1 only" "$(requests "$J")" \
"planner  
coder 1 
coder 2 
reviewer  
coder 1 The reviewer's comments on your files: | - calc.py line 2: add subtracts; it must return a + b
reviewer  "
check_eq "the reviewer's verdicts" "$(events critique version verdict <<<"$out")" "1 request_changes
2 approve"
check_eq "usage events name their role" "$(events usage role coder <<<"$out" | sort | uniq -c | tr -s ' ' | tr '\n' ',')" \
	" 2 coder 1, 1 coder 2, 1 planner None, 2 reviewer None,"
WS=$DATA/projects/team/workspace
check_eq "the fixed file on disk" "$(cat "$WS/calc.py")" "def add(a, b):
    return a + b"
check_eq "coder 2's files on disk" "$(ls "$WS" | grep -v __pycache__ | tr '\n' ' ')" \
	"calc.py greet.py test_calc.py test_greet.py "
check_eq "one run, approved first: it passes" "$(events run command status <<<"$out")" "python3 -m unittest -q 0"
coder2=$(grep '"method":"POST"' "$TMP/fake1.log" | grep -c 'coder 2 of 2')
check_eq "coder 2 was asked once" "$coder2" 1
review2=$(grep '"method":"POST"' "$TMP/fake1.log" | grep 'The change (version 2)')
check_eq "the reviewer reads the change as a diff" \
	"$(grep -cF '@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b' <<<"$review2")" 1
err=$(cat "$TMP/err1")
check_contains "stderr: the plan" "$err" \
	"faos-codex: plan: 4 files; coder 1: calc.py, test_calc.py; coder 2: greet.py, test_greet.py"
check_contains "stderr: the reviewer's comment" "$err" "faos-codex:   calc.py:2: add subtracts; it must return a + b"
check_eq "versions name the coders" "$("$BIN" project versions team | grep -o 'iteration [12] (coders)')" \
	"iteration 1 (coders)
iteration 2 (coders)"

# 2. A plan naming a path outside the workspace is refused, nothing is
# written, and the planner is asked again with the reason.
mkdir -p "$TMP/ws2"
start_fakellm URL --log "$TMP/fake2.log" --replies-for plan-m=$A/plan-escape.txt \
	--replies-for plan-m=$A/plan.txt --replies-for code-m=$A/coder-all.txt
out=$("$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --workspace "$TMP/ws2" \
	-p "a calculator" --project escape --json --run-cmd "python3 -m unittest -q test_calc" 2>"$TMP/err2")
check_eq "refused plan, then a good one: exit 0" "$?" 0
check_eq "the refused plan goes back to the planner" "$(events state to cause <<<"$out" | sed -n 2p)" \
	"EVALUATING the plan was refused: ../evil.py: the path leaves the workspace"
check_eq "nothing was written outside" "$(ls "$TMP" | grep -c evil)" 0
second=$(grep '"method":"POST"' "$TMP/fake2.log" | sed -n 2p)
check_contains "the second plan request says why" "$second" "Your plan was refused (the plan was refused: ../evil.py"

# 3. A reviewer that never approves spends the budget: exit 1, no run.
start_fakellm URL --replies-for plan-m=$A/plan.txt --reply-when "coder 1 of 1"=$A/coder-all.txt \
	--replies-for review-m=$A/review-never.txt
out=$("$BIN" run -e "$URL" "${AGENTS[@]}" -p "a calculator" --project never --max-iterations 2 \
	--json 2>"$TMP/err3")
check_eq "never approved: exit 1" "$?" 1
check_eq "never approved: the cause" "$(events done status cause <<<"$out")" \
	"budget_spent 2 of 2 iterations used without passing"
check_eq "never approved: nothing ran" "$(events run command <<<"$out")" ""

# 4. Ctrl-C while two coders stream: both requests stop, exit 130, and the
# coder that had finished is in the journal.
start_fakellm URL --rate 200 --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-fixed.txt --reply-when "coder 2 of 2"=$A/coder2-slow.txt
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 -p "calc" \
	--project cancel >"$TMP/out4" 2>"$TMP/err4" &
pid=$!
J=$DATA/projects/cancel/journal.jsonl
for _ in $(seq 1 300); do grep -q '"type":"reply","iteration":1,"role":"coder","coder":1' "$J" 2>/dev/null && break; sleep 0.05; done
kill -INT "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && { fail "cancel: faos-codex still runs 5 s after SIGINT" "hung"; kill -9 "$pid"; }
wait "$pid"
check_eq "cancel during coding: exit 130" "$?" 130
check_eq "cancel: coder 1's answer is kept, coder 2's was cut" "$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "reply" and e.get("role") == "coder":
        print(e["coder"], e["complete"])' "$J")" "1 True"
check_eq "cancel: the loop ended cancelled" "$("$BIN" project show cancel | grep '^last loop')" "last loop:   CANCELLED"

# 5. kill -9 while coder 2 streams: --resume asks coder 2 only, keeps
# coder 1's answer, and passes.
start_fakellm URL --rate 200 --log "$TMP/fake5.log" --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-broken.txt --reply-when "coder 1 of 2"=$A/coder1-fixed.txt \
	--reply-when "coder 2 of 2"=$A/coder2-slow.txt --reply-when "coder 2 of 2"=$A/coder2.txt
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 -p "calc" \
	--project crash --run-cmd "python3 -m unittest -q test_greet" >/dev/null 2>&1 &
pid=$!
J=$DATA/projects/crash/journal.jsonl
for _ in $(seq 1 300); do grep -q '"type":"reply","iteration":1,"role":"coder","coder":1' "$J" 2>/dev/null && break; sleep 0.05; done
kill -9 "$pid"
wait "$pid" 2>/dev/null
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 --project crash --resume \
	--run-cmd "python3 -m unittest -q test_greet" >"$TMP/out5" 2>"$TMP/err5"
check_eq "resumed after kill -9 during coding: exit 0" "$?" 0
check_eq "resume asked coder 2 again, and not coder 1" \
	"$(grep '"method":"POST"' "$TMP/fake5.log" | grep -o 'You are coder [12] of 2' | cut -c9- | sort | uniq -c | tr -s ' ' | tr '\n' ',')" \
	" 1 coder 1 of 2, 2 coder 2 of 2,"
check_eq "resume kept coder 1's finished answer" "$(cat "$DATA/projects/crash/workspace/calc.py")" \
	"def add(a, b):
    return a - b"

# 6. Agents turned on per project (its own config.yaml, outside the
# workspace), one request at a time on the endpoint: coder 2 waits,
# visibly, until coder 1's request ends.
"$BIN" project new solo >/dev/null 2>&1
cat >"$DATA/projects/solo/config.yaml" <<'YAML'
agents:
  planner: { model: plan-m }
  coder: { model: code-m, count: 2 }
YAML
mkdir -p "$XDG_CONFIG_HOME/faos-codex"
printf 'concurrency: 1\n' >"$XDG_CONFIG_HOME/faos-codex/config.yaml"
start_fakellm URL --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-fixed.txt --reply-when "coder 1 of 2"=$A/coder-all.txt \
	--reply-when "coder 2 of 2"=$A/coder2.txt
out=$("$BIN" run -e "$URL" -p "a calculator and a greeter" --project solo --json 2>"$TMP/err6" \
	--run-cmd "python3 -m unittest -q test_greet")
check_eq "agents from the project's config: exit 0" "$?" 0
check_eq "one at a time: coder 2 waits for coder 1" \
	"$(events agent role coder status <<<"$out" | grep '^coder' | tr '\n' ',')" \
	"coder 1 asking,coder 2 queued,coder 1 done,coder 2 asking,coder 2 done,"
check_contains "the wait is told" "$(cat "$TMP/err6")" \
	"faos-codex: coder 2 waits for a free slot of endpoint $URL (concurrency)"
rm "$XDG_CONFIG_HOME/faos-codex/config.yaml"
printf 'agents:\n  planer: {}\n' >"$DATA/projects/solo/config.yaml"
"$BIN" run -e "$URL" -p "again" --project solo >/dev/null 2>"$TMP/err7"
check_eq "a bad project config: exit 2" "$?" 2
check_eq "a bad project config: one line saying where" "$(tail -n 1 "$TMP/err7")" \
	"faos-codex: run: $DATA/projects/solo/config.yaml:2:3: agents: unknown role 'planer' (did you mean 'planner'?)"

# 7. With a reviewer, nothing runs unapproved: when nothing says how to
# run the project, the reviewer is still asked first, and only then the
# user (headless: exit 2); the command given on resume runs the approved
# version.
start_fakellm URL --log "$TMP/fake8.log" --replies-for plan-m=$A/plan-norun.txt \
	--reply-when "coder 1 of 1"=$A/coder-all.txt --replies-for review-m=$A/review-approve.txt
out=$("$BIN" run -e "$URL" "${AGENTS[@]}" -p "a calculator" --project norun --json 2>/dev/null)
check_eq "no run command: exit 2" "$?" 2
check_eq "no run command: reviewed before the user is asked" \
	"$(events state to <<<"$out" | tail -n 2 | tr '\n' ' ')" "CRITIQUING WAITING_FOR_USER "
check_eq "no run command: the reviewer approved version 1" "$(events critique version verdict <<<"$out")" \
	"1 approve"
"$BIN" run -e "$URL" "${AGENTS[@]}" --project norun --resume --run-cmd "python3 -m unittest -q" \
	>/dev/null 2>&1
check_eq "the command given on resume runs the approved version: exit 0" "$?" 0
check_eq "the reviewer was asked once" "$(grep -c '"model":"review-m"' "$TMP/fake8.log")" 1

# 8. kill -9 twice during one round: the answer of coder 1, finished before
# the first, is still merged after the second resume.
start_fakellm URL --rate 200 --log "$TMP/fake9.log" --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder-all.txt --reply-when "coder 2 of 2"=$A/coder2-slow.txt \
	--reply-when "coder 2 of 2"=$A/coder2-slow.txt --reply-when "coder 2 of 2"=$A/coder2.txt
J=$DATA/projects/twice/journal.jsonl
coder2_asked() { grep -c '"method":"POST".*You are coder 2 of 2' "$TMP/fake9.log"; }
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 -p "calc" \
	--project twice >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do grep -q '"type":"reply","iteration":1,"role":"coder","coder":1' "$J" 2>/dev/null && break; sleep 0.05; done
kill -9 "$pid"
wait "$pid" 2>/dev/null
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 --project twice \
	--resume >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do [ "$(coder2_asked)" = 2 ] && break; sleep 0.05; done
sleep 0.2
kill -9 "$pid"
wait "$pid" 2>/dev/null
"$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 --project twice \
	--resume >/dev/null 2>&1
check_eq "resumed twice: exit 0" "$?" 0
check_eq "resumed twice: coder 2 asked three times, coder 1 once" \
	"$(grep '"method":"POST"' "$TMP/fake9.log" | grep -o 'You are coder [12] of 2' | cut -c9- | sort | uniq -c | tr -s ' ' | tr '\n' ',')" \
	" 1 coder 1 of 2, 3 coder 2 of 2,"
check_eq "resumed twice: coder 1's files are written" \
	"$(ls "$DATA/projects/twice/workspace" | grep -v __pycache__ | tr '\n' ' ')" \
	"calc.py greet.py test_calc.py test_greet.py "

# 9. A role on its own endpoints: entry does not need the other entries'
# keys.
mkdir -p "$XDG_CONFIG_HOME/faos-codex"
start_fakellm URL --replies-for plan-m=$A/plan.txt --replies-for code-m=$A/coder-all.txt
cat >"$XDG_CONFIG_HOME/faos-codex/config.yaml" <<YAML
endpoints:
  - { name: local, url: "$URL" }
  - { name: cloud, url: "https://cloud.invalid", api_key_env: FAOS_TEST_UNSET_KEY }
agents:
  planner: { endpoint: local, model: plan-m }
  coder: { endpoint: local, model: code-m }
YAML
"$BIN" run -p "a calculator" --project own --run-cmd "python3 -m unittest -q test_calc" \
	>/dev/null 2>"$TMP/err9"
check_eq "roles on their own entry: exit 0" "$?" 0
rm "$XDG_CONFIG_HOME/faos-codex/config.yaml"

# 10. Merging the coders' answers: a file of another coder's share, or one
# that another coder wrote already, is left out and said; "./calc.py" is
# the plan's calc.py.
start_fakellm URL --replies-for plan-m=$A/plan.txt \
	--reply-when "coder 1 of 2"=$A/coder1-trespass.txt --reply-when "coder 2 of 2"=$A/coder2-util.txt
out=$("$BIN" run -e "$URL" --agent planner=plan-m --agent coder=code-m --coders 2 -p "calc" \
	--project merge --json 2>"$TMP/err10")
check_eq "merged answers: exit 0" "$?" 0
check_eq "merged answers: the files written, paths normalised" \
	"$(events version written <<<"$out")" "['calc.py', 'test_calc.py', 'util.py', 'greet.py', 'test_greet.py']"
WS=$DATA/projects/merge/workspace
check_eq "the owner's greet.py wins" "$(cat "$WS/greet.py")" 'def greet(name):
    return "hello " + name'
check_eq "the first util.py wins" "$(cat "$WS/util.py")" 'WHO = "coder 1"'
check_eq "what was left out is said" "$(grep 'left out' "$TMP/err10")" \
"faos-codex: Coder 1: greet.py belongs to another coder's share: left out
faos-codex: Coder 2: util.py was written by another coder too: left out"
