#!/usr/bin/env bash
# faults.sh: the gateway's answers to failure, through `faos-codex ask`
# against the fake server: retries with backoff and Retry-After, no retry
# once text was shown, first-byte timeout, huge and over-cap lines,
# failover between endpoints, API keys from the environment, --json.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

REPLY='Hello from the fake model.'
start_fakellm URL --log "$TMP/req.log" --fail-first 2
count() { grep -c "\"path\":\"/s/$1/v1/chat/completions\"" "$TMP/req.log"; }
ask() { "$BIN" ask --api openai "$@" 2>"$TMP/err"; echo "rc=$?"; }
# The environment beats the config file, and lib.sh sets FAOS_CODEX_RETRIES=0.
fast_retries='retry_delay_ms: 50'
export FAOS_CODEX_RETRIES=3

out=$(ask -e "$URL/s/retry-429" -p hi -c <(echo "$fast_retries"))
check_eq "429 twice, then the answer" "$out" "$REPLY
rc=0"
check_eq "429: Retry-After: 1 is honoured, one notice per retry" "$(cat "$TMP/err")" \
	"faos-codex: ask: $URL/s/retry-429/v1/chat/completions answered HTTP 429: Too many requests (rate_limit_error); retrying in 1.0 s (retry 1 of 3)
faos-codex: ask: $URL/s/retry-429/v1/chat/completions answered HTTP 429: Too many requests (rate_limit_error); retrying in 1.0 s (retry 2 of 3)"
check_eq "429: three requests in all" "$(count retry-429)" 3

out=$(ask -e "$URL/s/retry-429-ms" -p hi -c <(echo "$fast_retries"))
check_eq "retry-after-ms: the answer" "$out" "$REPLY
rc=0"
check_contains "retry-after-ms: 200 ms honoured" "$(cat "$TMP/err")" "retrying in 0.2 s (retry 1 of 3)"

out=$(ask -e "$URL/s/loading-then-ok" -p hi -c <(echo "$fast_retries"))
check_eq "503 loading, then the answer" "$out" "$REPLY
rc=0"
check_contains "503 loading: our own backoff" "$(cat "$TMP/err")" \
	"answered HTTP 503: Loading model (unavailable_error); the server may still be loading the model, try again shortly; retrying in 0.0 s (retry 1 of 3)"

out=$(ask -e "$URL/s/drop-then-ok" -p hi -c <(echo "$fast_retries"))
check_eq "connection dropped before answering, then the answer" "$out" "$REPLY
rc=0"

out=$(FAOS_CODEX_RETRIES=2 ask -e "$URL/s/loading" -p hi -c <(echo 'retry_delay_ms: 10'))
check_eq "retries exhausted: exit 3" "$out" "rc=3"
check_eq "retries exhausted: says how many attempts" "$(tail -n 1 "$TMP/err")" \
	"faos-codex: ask: $URL/s/loading/v1/chat/completions answered HTTP 503: Loading model (unavailable_error); the server may still be loading the model, try again shortly (gave up after 3 attempts)"

out=$(ask -e "$URL/s/midstream-error" -p hi -c <(echo "$fast_retries"))
check_eq "no retry once text was shown" "$(count midstream-error)" 1
check_eq "no retry once text was shown: partial answer kept" "$out" "Hello from rc=3"

out=$(ask -e "$URL/s/error-401" -p hi -c <(echo "$fast_retries"))
check_eq "401 is not retried" "$(count error-401)" 1

out=$(ask -e "$URL/s/error-then-done" -p hi)
check_eq "in-band error followed by [DONE]: still an error" "$out" "Hello from rc=3"
check_contains "in-band error followed by [DONE]: the message" "$(cat "$TMP/err")" \
	"reported an error mid-stream: "

SECONDS=0
out=$(ask -e "$URL/s/slow-first-byte" -p hi -c <(echo 'first_byte_timeout: 1'))
check_eq "slow first byte: exit 3" "$out" "rc=3"
check_eq "slow first byte: first_byte_timeout" "$(cat "$TMP/err")" \
	"faos-codex: ask: $URL/s/slow-first-byte/v1/chat/completions sent no answer within 1 s while reading the prompt (first_byte_timeout); gave up"
[ "$SECONDS" -lt 3 ] && pass "slow first byte: gave up before the answer came" ||
	fail "slow first byte: gave up before the answer came" "took ${SECONDS}s"
out=$(ask -e "$URL/s/slow-first-byte" -p hi -c <(echo 'idle_timeout: 1'))
check_eq "slow first byte: idle_timeout does not apply before the first token" "$out" "$REPLY
rc=0"

"$BIN" ask --api openai -e "$URL/s/huge-line" -p hi >"$TMP/huge" 2>"$TMP/err"
check_eq "a 16 MiB line: exit 0" "$?" 0
check_eq "a 16 MiB line: all of it" "$(head -c 16777216 "$TMP/huge" | tr -d a | wc -c)" 0
check_eq "a 16 MiB line: and nothing lost" "$(wc -c <"$TMP/huge")" 16777216
out=$(ask -e "$URL/s/over-cap" -p hi)
check_eq "a line over the cap: exit 3" "$out" "rc=3"
check_eq "a line over the cap: says so" "$(cat "$TMP/err")" \
	"faos-codex: ask: $URL/s/over-cap/v1/chat/completions sent a stream line over 32 MiB; gave up"

export FAOS_CODEX_RETRIES=0

# --- the context budget: llama-server's n_ctx is 4096 (from /props) ---
seq 1 3000 | sed 's/$/ the quick brown fox jumps over/' >"$TMP/big.txt"
out=$("$BIN" ask -e "$URL" -p "$(cat "$TMP/big.txt")" 2>"$TMP/err"; echo "rc=$?")
check_eq "an over-long prompt is trimmed, not refused" "$out" "$REPLY
rc=0"
check_eq "the trim is announced" "$(cat "$TMP/err")" \
	"faos-codex: ask: dropped the first 2795 lines of the prompt (~39865 tokens) to fit the 4096-token context"
check_contains "the oldest lines go, the newest stay" "$(tail -n 1 "$TMP/req.log")" \
	'"content":"[… 2795 earlier lines dropped to fit the context …]\n2796 the quick brown fox jumps over\n'

printf 'system_prompt: "%s"\n' "$(printf 'be careful. %.0s' $(seq 1 2000))" >"$TMP/sys.yaml"
out=$("$BIN" ask -e "$URL" -c "$TMP/sys.yaml" -p hi 2>&1; echo "rc=$?")
check_eq "a system prompt bigger than the context: a configuration error" "$out" \
	"faos-codex: ask: the system prompt alone is ~8008 tokens, too many for the 4096-token context with 1024 kept for the answer; shorten system_prompt, or set max_tokens lower or context: higher
rc=2"

# --- several endpoints: the first is down, the next answers ---
dead_url DEAD
cat >"$TMP/two.yaml" <<YAML
endpoints:
  - { name: gpu-box, url: "$DEAD", api: openai }
  - { name: laptop, url: "$URL", api: openai, price_in: 1000, price_out: 2000 }
YAML
out=$("$BIN" ask -c "$TMP/two.yaml" -p hi --json 2>"$TMP/err"; echo "rc=$?")
check_contains "failover: the next endpoint answers" "$out" '"event":"endpoint","name":"laptop","api":"openai"}'
check_contains "failover: the result names it" "$out" '"event":"done","complete":true,"finish_reason":"stop","endpoint":"laptop","api":"openai","model":"fake-model.gguf"'
check_contains "failover: cost from the endpoint's prices" "$out" '"prompt_tokens":9,"completion_tokens":5,'
check_contains "failover: cost = 9*1000/1e6 + 5*2000/1e6" "$out" '"cost":0.019'
check_contains "failover: a notice says why" "$(cat "$TMP/err")" \
	"faos-codex: ask: cannot reach $DEAD/v1/chat/completions: "
check_contains "failover: and where it went" "$(cat "$TMP/err")" "; trying endpoint laptop"
check_eq "failover: exit 0" "$(tail -n 1 <<<"$out")" "rc=0"
out=$("$BIN" ask -c "$TMP/two.yaml" -e laptop -p hi 2>&1; echo "rc=$?")
check_eq "--endpoint NAME picks one entry" "$out" "$REPLY
rc=0"
out=$("$BIN" ask -c "$TMP/two.yaml" -e nope -p hi 2>&1; echo "rc=$?")
check_eq "--endpoint with an unknown name" "$out" "faos-codex: ask: --endpoint nope: no entry of endpoints: has that name in $TMP/two.yaml
rc=2"

# --- API keys come from the variable the config names ---
cat >"$TMP/key.yaml" <<YAML
endpoints:
  - { name: vault, url: "$URL", api: openai, api_key_env: VAULT_KEY }
YAML
out=$(VAULT_KEY=s3cr3t "$BIN" ask -c "$TMP/key.yaml" -p hi 2>&1; echo "rc=$?")
check_eq "api_key_env: the answer" "$out" "$REPLY
rc=0"
check_contains "api_key_env: sent as a bearer token" "$(tail -n 1 "$TMP/req.log")" '"authorization":"Bearer s3cr3t"'
out=$("$BIN" ask -c "$TMP/key.yaml" -p hi 2>&1; echo "rc=$?")
check_eq "api_key_env unset: one line, exit 2" "$out" "faos-codex: ask: $TMP/key.yaml:2:5: endpoints: vault: api_key_env names VAULT_KEY, which is not set in the environment; export it or remove api_key_env
rc=2"
if grep -rq s3cr3t "$XDG_STATE_HOME"; then fail "api_key_env: the key never reaches the log" "found"
else pass "api_key_env: the key never reaches the log"; fi

# --- --json: one event per line, the figures at the end ---
out=$("$BIN" ask -e "$URL" --api openai -p hi --json 2>/dev/null)
check_eq "--json: token events, in order" "$(grep -c '"event":"token"' <<<"$out")" 5
check_contains "--json: first token" "$(grep '"event":"token"' <<<"$out" | head -n 1)" '{"event":"token","text":"Hello "}'
final=$(tail -n 1 <<<"$out")
for field in '"ttft_ms":' '"tokens_per_s":' '"latency_ms":' '"retries":0' '"cost":0' \
	'"code_blocks":[]' '"tool_calls":[]' "\"text\":\"$REPLY\\n\""; do
	check_contains "--json: final line has $field" "$final" "$field"
done

# --- the structured result: fenced code blocks with their info strings ---
printf 'Here it is.\n\nsrc/app.py\n```python\nprint("hi")\n```\n' >"$TMP/code.txt"
start_fakellm CODE_URL --reply-file "$TMP/code.txt"
final=$("$BIN" ask -e "$CODE_URL" --api openai -p hi --json 2>/dev/null | tail -n 1)
check_contains "--json: a code block with its info string and path hint" "$final" \
	'"code_blocks":[{"info":"python","path_hint":"src/app.py","line":4,"closed":true,"content":"print(\"hi\")\n"}]'

# --- TLS trust and proxy come from the endpoint's own settings ---
printf 'endpoints:\n  - { name: tls, url: "https://%s", api: openai, ca_bundle: %s }\n' \
	"${URL#http://}" "$TMP/no-such-ca.pem" >"$TMP/ca.yaml"
"$BIN" ask -c "$TMP/ca.yaml" -p hi >/dev/null 2>"$TMP/err"
check_contains "ca_bundle is the trust store curl uses" "$(cat "$TMP/err")" \
	"error setting certificate file: $TMP/no-such-ca.pem"
dead_url PROXY
printf 'endpoints:\n  - { name: via, url: "%s", api: openai, proxy: "%s" }\n' "$URL" "$PROXY" \
	>"$TMP/proxy.yaml"
"$BIN" ask -c "$TMP/proxy.yaml" -p hi >/dev/null 2>"$TMP/err"
check_contains "proxy: the request goes through it" "$(cat "$TMP/err")" \
	"cannot reach $URL/v1/chat/completions: Failed to connect to 127.0.0.1 port ${PROXY##*:}"

# --- cancel: SIGINT stops the transfer, exit 130 ---
"$BIN" ask --api openai -e "$URL/s/stall" -p hi >/dev/null 2>"$TMP/err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
check_eq "SIGINT while streaming: exit 130" "$?" 130
check_eq "SIGINT while streaming: says so" "$(cat "$TMP/err")" "faos-codex: ask: cancelled"
