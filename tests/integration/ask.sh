#!/usr/bin/env bash
# ask.sh: `faos-codex ask` against the fake llama-server over real HTTP.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

printf 'Here is the plan:\n\n1. Parse → validate — done ✓\n2. Print «日本»\n' > "$TMP/reply.txt"
start_fakellm URL --reply-file "$TMP/reply.txt" --log "$TMP/requests.log"

out=$("$BIN" ask -e "$URL" -p "write a parser" 2>"$TMP/err"; echo "rc=$?")
check_eq "ask streams the reply byte for byte" "$out" "$(cat "$TMP/reply.txt"; echo "rc=0")"
check_eq "ask prints nothing on stderr on success" "$(cat "$TMP/err")" ""

req=$(tail -n 1 "$TMP/requests.log")
check_contains "request is a streamed chat completion" "$req" '"path":"/v1/chat/completions"'
check_contains "request asks for usage" "$req" '"stream":true,"stream_options":{"include_usage":true}'
check_contains "request carries the prompt" "$req" '{"role":"user","content":"write a parser"}'
check_contains "no Authorization without a key" "$req" '"authorization":null'

out=$(echo "from stdin" | "$BIN" ask -e "$URL" -m my-model 2>&1; echo "rc=$?")
check_eq "prompt read from standard input" "$out" "$(cat "$TMP/reply.txt"; echo "rc=0")"
req=$(tail -n 1 "$TMP/requests.log")
check_contains "stdin prompt sent" "$req" '"content":"from stdin\n"'
check_contains "model sent" "$req" '"model":"my-model"'

OPENAI_API_KEY=sk-secret-123 "$BIN" ask -e "$URL" -p hi -v >/dev/null 2>"$TMP/err"
req=$(tail -n 1 "$TMP/requests.log")
check_contains "OPENAI_API_KEY sent as a bearer token" "$req" '"authorization":"Bearer sk-secret-123"'
if grep -rq sk-secret-123 "$XDG_STATE_HOME" "$TMP/err"; then
	fail "the API key never reaches the log or stderr" "found in $(grep -rl sk-secret-123 "$XDG_STATE_HOME" "$TMP/err")"
else
	pass "the API key never reaches the log or stderr"
fi
check_contains "the log is JSON lines" "$(head -n 1 "$XDG_STATE_HOME/faos-codex/faos-codex.log")" '"event":"request.start"'

OPENAI_BASE_URL="$URL/v1" "$BIN" ask -p hi >/dev/null 2>&1
check_eq "OPENAI_BASE_URL with /v1 is accepted" "$?" 0
mkdir -p "$TMP/proj" && printf 'FAOS_CODEX_ENDPOINT="%s" # local\n' "$URL" > "$TMP/proj/.env"
(cd "$TMP/proj" && "$BIN" ask -p hi >/dev/null 2>&1)
check_eq ".env supplies the endpoint" "$?" 0
dead_url DEAD
FAOS_CODEX_ENDPOINT=$DEAD "$BIN" ask -e "$URL" -p hi >/dev/null 2>&1
check_eq "--endpoint beats FAOS_CODEX_ENDPOINT" "$?" 0

# scenario NAME WANT_RC WANT_STDERR: the server misbehaves as NAME.
scenario() {
	local out err rc
	out=$("$BIN" ask -e "$URL" -m "fake:$1" -p hi 2>"$TMP/err")
	rc=$?
	err=$(cat "$TMP/err")
	check_eq "$1: exit status" "$rc" "$2"
	check_eq "$1: message" "$err" "$3"
}
C="$URL/v1/chat/completions"
scenario error-401 3 "faos-codex: ask: $C answered HTTP 401: Invalid API Key (authentication_error); check the API key (OPENAI_API_KEY, api_key, or the endpoint's api_key_env)"
scenario loading 3 "faos-codex: ask: $C answered HTTP 503: Loading model (unavailable_error); the server may still be loading the model, try again shortly"
scenario context 3 "faos-codex: ask: $C answered HTTP 400: request (6009 tokens) exceeds the available context size (4096 tokens), try increasing it (exceed_context_size_error)"
scenario error-string 3 "faos-codex: ask: $C answered HTTP 400: model 'x' not found"
scenario html-502 3 "faos-codex: ask: $C answered HTTP 502: an HTML page \"502 Bad Gateway\""
scenario plain-500 3 "faos-codex: ask: $C answered HTTP 500: Internal Server Error"
scenario midstream-error 3 "faos-codex: ask: $C reported an error mid-stream: Failed to parse input at pos 0 (server_error)"
scenario legacy-error 3 "faos-codex: ask: $C reported an error mid-stream: the request exceeds the available context size. try increasing the context size or enable context shift (invalid_request_error)"
scenario crlf 0 ""
scenario pings 0 ""
scenario no-done 0 ""
out=$("$BIN" ask -e "$URL" -m fake:crlf -p hi 2>/dev/null)
check_eq "crlf: text intact across split events" "$out" "$(cat "$TMP/reply.txt")"
out=$("$BIN" ask -e "$URL" -m fake:truncated -p hi 2>"$TMP/err"; echo "rc=$?")
check_contains "truncated: exit status 3" "$out" "rc=3"
check_contains "truncated: says the answer is incomplete" "$(cat "$TMP/err")" "the stream ended before the model finished"

out=$("$BIN" ask -e "$DEAD" -p hi 2>&1; echo "rc=$?")
check_contains "unreachable: names the URL it probed" "$out" "faos-codex: ask: cannot reach $DEAD/v1/models:"
check_contains "unreachable: exit status 3" "$out" "rc=3"

printf 'idle_timeout: 1\n' > "$TMP/idle.yaml"
out=$("$BIN" ask --config "$TMP/idle.yaml" -e "$URL" -m fake:stall -p hi 2>&1; echo "rc=$?")
check_contains "stall: idle_timeout gives up" "$out" "$C sent nothing for 1 s (idle_timeout); gave up"
check_contains "stall: exit status 3" "$out" "rc=3"

"$BIN" ask -e "$URL" -m fake:stall -p hi >"$TMP/out" 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 100); do [ -s "$TMP/out" ] && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"
check_eq "SIGINT cancels: exit status 130" "$?" 130
check_eq "SIGINT cancels: says so" "$(cat "$TMP/err")" "faos-codex: ask: cancelled"
