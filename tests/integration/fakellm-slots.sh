#!/usr/bin/env bash
# fakellm-slots.sh: the fake server's --slots (answers played at once, the
# rest wait in arrival order before any byte) and --reply-when (a reply
# sequence per text in the prompt), which the multi-agent tests and
# benchmarks build on. Checked with curl, by what each client receives and
# in which order, never by how long it took.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

for n in 1 2 3; do printf 'reply %s\n' "$n" >"$TMP/r$n"; done
for f in c2a c2b any model; do printf '%s reply\n' "$f" >"$TMP/$f"; done

# body MODEL PROMPT [STREAM]: a chat completion request.
body() { printf '{"model":"%s","messages":[{"role":"user","content":"%s"}],"stream":%s}' "$1" "$2" "${3:-false}"; }
# ask URL MODEL PROMPT [STREAM]: one chat completion. (In the background,
# curl itself is started with &, so that $! is the client to stop.)
ask() { curl -sN -m 30 "$1/v1/chat/completions" -d "$(body "$2" "$3" "$4")"; }
# content: the reply text of a non-streamed answer on stdin.
content() { grep -o '"content":"[^"]*"' | head -n 1; }
# wait_for FILE TEXT: until FILE contains TEXT (at most 10 s).
wait_for() {
	for _ in $(seq 1 500); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.02; done
	return 1
}
# wait_lines FILE N: until FILE has N lines (at most 10 s).
wait_lines() {
	for _ in $(seq 1 500); do [ "$(wc -l <"$1" 2>/dev/null)" -ge "$2" ] && return 0; sleep 0.02; done
	return 1
}

# --- --slots 1: one answer plays; the others wait, in arrival order ---
start_fakellm URL --slots 1 --rate 50 --reply-file "$TMP/r1" --reply-file "$TMP/r2" \
	--reply-file "$TMP/r3" --log "$TMP/slots.log"
curl -sN -m 30 "$URL/v1/chat/completions" -d "$(body fake:stall hold true)" >"$TMP/a.out" &
hold=$!
wait_for "$TMP/a.out" '"content":"reply '
check_contains "slots 1: the first answer plays" "$(cat "$TMP/a.out")" '"content":"reply '
out=$(curl -sN --max-time 1 "$URL/v1/chat/completions" \
	-d '{"model":"m","messages":[{"role":"user","content":"x"}],"stream":true}'; echo "rc=$?")
check_eq "slots 1: a second request gets no byte while the slot is taken" "$out" "rc=28"
curl -sN -m 30 "$URL/v1/chat/completions" -d "$(body m c)" >"$TMP/c.out" &
c=$!
wait_lines "$TMP/slots.log" 3
curl -sN -m 30 "$URL/v1/chat/completions" -d "$(body m d)" >"$TMP/d.out" &
d=$!
wait_lines "$TMP/slots.log" 4
check_eq "slots 1: both queued requests still wait" "$(cat "$TMP/c.out" "$TMP/d.out")" ""
kill "$hold"
wait "$hold" 2>/dev/null
wait "$c" "$d"
# The client that gave up took no reply; the first to arrive plays first.
check_eq "slots 1: once the slot frees, the earlier arrival plays next" \
	"$(content <"$TMP/c.out")" '"content":"reply 2\n"'
check_eq "slots 1: then the later one" "$(content <"$TMP/d.out")" '"content":"reply 3\n"'

# --- --slots 2: two play at once, a third waits ---
start_fakellm URL2 --slots 2
curl -sN -m 30 "$URL2/v1/chat/completions" -d "$(body fake:stall one true)" >"$TMP/s1.out" &
s1=$!
curl -sN -m 30 "$URL2/v1/chat/completions" -d "$(body fake:stall two true)" >"$TMP/s2.out" &
s2=$!
wait_for "$TMP/s1.out" '"content":"Hello '
wait_for "$TMP/s2.out" '"content":"Hello '
check_contains "slots 2: the first answer plays" "$(cat "$TMP/s1.out")" '"content":"Hello '
check_contains "slots 2: the second plays beside it" "$(cat "$TMP/s2.out")" '"content":"Hello '
out=$(curl -sN --max-time 1 "$URL2/v1/chat/completions" \
	-d '{"model":"m","messages":[{"role":"user","content":"x"}]}'; echo "rc=$?")
check_eq "slots 2: a third gets no byte" "$out" "rc=28"
kill "$s2"
wait "$s2" 2>/dev/null
check_eq "slots 2: one slot free, the next plays" "$(ask "$URL2" m x | content)" \
	'"content":"Hello from the fake model.\n"'
kill "$s1"
wait "$s1" 2>/dev/null

# --- no --slots: no limit ---
start_fakellm URL3
curl -sN -m 30 "$URL3/v1/chat/completions" -d "$(body fake:stall one true)" >"$TMP/u.out" &
u=$!
wait_for "$TMP/u.out" '"content":"Hello '
check_eq "no --slots: a stalled answer does not hold others up" "$(ask "$URL3" m x | content)" \
	'"content":"Hello from the fake model.\n"'
kill "$u"
wait "$u" 2>/dev/null

# --- --reply-when: the first TEXT the prompt contains picks the sequence ---
start_fakellm URL4 --reply-when 'coder 2'="$TMP/c2a" --reply-when coder="$TMP/any" \
	--reply-when 'coder 2'="$TMP/c2b" --replies-for m="$TMP/model"
check_eq "reply-when: the first matching TEXT on the command line wins" \
	"$(ask "$URL4" x 'you are coder 2 of 2' | content)" '"content":"c2a reply\n"'
check_eq "reply-when: another TEXT, its own sequence" \
	"$(ask "$URL4" x 'you are coder 1 of 2' | content)" '"content":"any reply\n"'
check_eq "reply-when: a TEXT given twice makes a sequence" \
	"$(ask "$URL4" x 'you are coder 2 of 2' | content)" '"content":"c2b reply\n"'
check_eq "reply-when: the last reply of a sequence repeats" \
	"$(ask "$URL4" x 'coder 2, again' | content)" '"content":"c2b reply\n"'
check_eq "reply-when: checked before --replies-for" \
	"$(ask "$URL4" m 'coder 1' | content)" '"content":"any reply\n"'
check_eq "reply-when: no TEXT in the prompt, --replies-for answers" \
	"$(ask "$URL4" m 'hello' | content)" '"content":"model reply\n"'
check_eq "reply-when: neither, the default sequence" \
	"$(ask "$URL4" other 'hello' | content)" '"content":"Hello from the fake model.\n"'
out=$(curl -s "$URL4/v1/chat/completions" -d '{"model":"x","messages":[
	{"role":"system","content":[{"type":"text","text":"You are coder 2."}]},
	{"role":"user","content":"go"}]}' | content)
check_eq "reply-when: a system message's text parts count" "$out" '"content":"c2b reply\n"'
out=$(curl -s "$URL4/v1/messages" -H 'content-type: application/json' \
	-d '{"model":"x","max_tokens":9,"system":"coder 1 here","messages":[{"role":"user","content":"go"}]}')
check_contains "reply-when: Anthropic's system prompt counts" "$out" '"text":"any reply\n"'

# --- bad options ---
out=$("$FAKELLM" --port-file "$TMP/pf" --reply-when nofile 2>&1 >/dev/null | head -n 1; echo "rc=${PIPESTATUS[0]}")
check_eq "reply-when without =FILE: one line saying what to give" "$out" \
	"fakellm: --reply-when wants TEXT=FILE, not 'nofile'
rc=2"
out=$("$FAKELLM" --port-file "$TMP/pf" --slots many 2>&1 >/dev/null | head -n 1; echo "rc=${PIPESTATUS[0]}")
check_eq "slots not a number: one line saying what to give" "$out" \
	"fakellm: --slots wants an integer in 0..100000, not 'many'
rc=2"
