#!/usr/bin/env bash
# protocols.sh: `faos-codex ask` and `faos-codex models` against the fake
# server imitating each local LLM server (llama.cpp, vLLM, Ollama, LM
# Studio, TGI), over every protocol (auto, openai, responses, anthropic,
# ollama, tgi), and every fault: exact stdout, exit status, stderr.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

REPLY='Hello from the fake model.'
for fl in llama vllm ollama lmstudio tgi; do
	start_fakellm "URL_$fl" --flavor "$fl" --log "$TMP/$fl.log"
done
last_path() { tail -n 1 "$TMP/$1.log" | grep -o '"path":"[^"]*"'; }

# --- auto detection: models, and which protocol ask then speaks ---
models_want() { # FLAVOR SERVER API MODEL-LINES...
	local url=URL_$1 out
	out="${!url#http://}  ${!url}
  server: $2
  api: $3 (detected)"
	shift 3
	for m in "$@"; do out="$out
  model: $m"; done
	printf '%s' "$out"
}
check_eq "models: llama.cpp" "$("$BIN" models -e "$URL_llama")" \
	"$(models_want llama llama.cpp openai 'fake-model.gguf  context 4096')"
check_eq "models: vLLM" "$("$BIN" models -e "$URL_vllm")" \
	"$(models_want vllm vllm openai 'Qwen/Qwen2.5-7B-Instruct  context 32768')"
check_eq "models: Ollama" "$("$BIN" models -e "$URL_ollama")" \
	"$(models_want ollama ollama ollama 'llama3.2:latest  context 131072')"
check_eq "models: LM Studio" "$("$BIN" models -e "$URL_lmstudio")" \
	"$(models_want lmstudio lmstudio openai 'qwen2.5-7b-instruct  context 8192' \
		'text-embedding-nomic-embed-text-v1.5  context 2048')"
check_eq "models: TGI" "$("$BIN" models -e "$URL_tgi")" \
	"$(models_want tgi tgi openai 'meta-llama/Llama-3.1-8B-Instruct  context 4096')"

declare -A auto_path=([llama]=/v1/chat/completions [vllm]=/v1/chat/completions
	[ollama]=/api/chat [lmstudio]=/v1/chat/completions [tgi]=/v1/chat/completions)
for fl in llama vllm ollama lmstudio tgi; do
	url=URL_$fl
	out=$("$BIN" ask -e "${!url}" -p hi 2>"$TMP/err"; echo "rc=$?")
	check_eq "auto, $fl: the reply, exit 0" "$out" "$REPLY
rc=0"
	check_eq "auto, $fl: nothing on stderr" "$(cat "$TMP/err")" ""
	check_eq "auto, $fl: asks ${auto_path[$fl]}" "$(last_path "$fl")" "\"path\":\"${auto_path[$fl]}\""
done
check_contains "ollama: num_ctx set from the model (capped at 32768)" \
	"$(tail -n 1 "$TMP/ollama.log")" '"options":{"temperature":0.2,"num_ctx":32768}'
check_contains "ollama: the model named from /api/tags" "$(tail -n 1 "$TMP/ollama.log")" \
	'"model":"llama3.2:latest"'

# --- every protocol by name, on a server that serves it ---
proto() { # API FLAVOR PATH
	local url=URL_$2 out
	out=$("$BIN" ask -e "${!url}" --api "$1" -p hi 2>&1; echo "rc=$?")
	check_eq "--api $1 on $2: the reply" "$out" "$REPLY
rc=0"
	check_eq "--api $1 on $2: asks $3" "$(last_path "$2")" "\"path\":\"$3\""
}
proto openai llama /v1/chat/completions
proto responses llama /v1/responses
proto anthropic llama /v1/messages
proto responses vllm /v1/responses
proto anthropic ollama /v1/messages
proto openai ollama /v1/chat/completions
proto ollama ollama /api/chat
proto tgi tgi /generate_stream
proto openai tgi /v1/chat/completions
proto openai lmstudio /v1/chat/completions

"$BIN" ask -e "$URL_ollama" --api ollama -c <(echo 'context: 2048') -p hi >/dev/null 2>&1
req=$(tail -n 1 "$TMP/ollama.log")
check_contains "ollama with a configured context: num_ctx is that" "$req" '"num_ctx":2048'
check_contains "ollama with no model configured: the server's first model" "$req" \
	'"model":"llama3.2:latest"'

OPENAI_API_KEY=k-123 "$BIN" ask -e "$URL_llama" --api anthropic -p hi >/dev/null 2>&1
req=$(tail -n 1 "$TMP/llama.log")
check_contains "anthropic: the key as x-api-key" "$req" '"x_api_key":"k-123"'
check_contains "anthropic: anthropic-version sent" "$req" '"anthropic_version":"2023-06-01"'
check_contains "anthropic: max_tokens always sent" "$req" '"max_tokens":4096'
check_contains "tgi: the messages as one prompt" "$(grep generate_stream "$TMP/tgi.log" | tail -n 1)" \
	'"inputs":"You are a careful programming assistant. Answer concisely.\n\nUser: hi\n\nAssistant:"'

out=$("$BIN" ask -e "$URL_tgi" --api ollama -p hi 2>&1; echo "rc=$?")
check_eq "a protocol the server lacks: one line, exit 3" "$out" \
	"faos-codex: ask: $URL_tgi/api/chat answered HTTP 404: an empty body; this server does not serve that protocol: check --endpoint, or let --api auto choose
rc=3"

# --- the same faults on every protocol; /s/NAME picks the scenario ---
declare -A proto_flavor=([openai]=llama [responses]=llama [anthropic]=llama [ollama]=ollama
	[tgi]=tgi)
ask_s() { # API SCENARIO ARGS...: ask through /s/SCENARIO; stdout then rc=N
	local api=$1 scen=$2 url=URL_${proto_flavor[$1]}
	shift 2
	"$BIN" ask -e "${!url}/s/$scen" --api "$api" -p hi "$@" 2>"$TMP/err"
	echo "rc=$?"
}
for api in openai responses anthropic ollama tgi; do
	url=URL_${proto_flavor[$api]}
	C="${!url}/s"
	path=$(case $api in openai) echo /v1/chat/completions ;; responses) echo /v1/responses ;;
		anthropic) echo /v1/messages ;; ollama) echo /api/chat ;; tgi) echo /generate_stream ;; esac)

	check_eq "$api, think: only the answer on stdout" "$(ask_s "$api" think)" "$REPLY
rc=0"
	json=$(ask_s "$api" think --json | grep '"event":"done"')
	check_contains "$api, think: reasoning kept apart" "$json" '"reasoning":" Let me think."'
	check_contains "$api, think: answer without the tags" "$json" "\"text\":\"$REPLY\\n\""

	out=$(ask_s "$api" midstream-error)
	check_eq "$api, error after text: what arrived, exit 3" "$out" "Hello from rc=3"
	check_contains "$api, error after text: says so" "$(cat "$TMP/err")" \
		"faos-codex: ask: $C/midstream-error$path reported an error mid-stream: "

	out=$(ask_s "$api" truncated)
	check_contains "$api, dropped connection: exit 3" "$out" "rc=3"
	check_contains "$api, dropped connection: incomplete" "$(cat "$TMP/err")" \
		"the stream ended before the model finished (no finish reason, no end marker"

	out=$(ask_s "$api" malformed)
	check_contains "$api, malformed chunk: exit 3" "$out" "rc=3"
	check_contains "$api, malformed chunk: says so" "$(cat "$TMP/err")" \
		"reported an error mid-stream: the stream carried an event that is not JSON: "

	# Without its end marker an answer still counts as finished when the
	# model said why it stopped (OpenAI's finish_reason, Anthropic's
	# stop_reason); the other formats carry that only in the end marker.
	want=3
	case $api in openai | anthropic) want=0 ;; esac
	out=$(ask_s "$api" no-done)
	check_eq "$api, no end marker: exit $want" "$(tail -n 1 <<<"$out")" "rc=$want"

	SECONDS=0
	out=$(ask_s "$api" stall -c <(echo 'idle_timeout: 1'))
	check_eq "$api, stall: gives up after idle_timeout" "$(tail -n 1 "$TMP/err")" \
		"faos-codex: ask: $C/stall$path sent nothing for 1 s (idle_timeout); gave up"
	[ "$SECONDS" -lt 10 ] && pass "$api, stall: gives up in ${SECONDS}s" ||
		fail "$api, stall: gives up in time" "took ${SECONDS}s"
done

for api in openai responses anthropic ollama; do
	json=$(ask_s "$api" tool-call --json | grep '"event":"done"')
	check_contains "$api, tool call: assembled" "$json" \
		'"name":"get_weather","arguments":"{\"city\":\"Tokyo\"}"}]'
	check_contains "$api, tool call: finish reason" "$json" '"finish_reason":"tool_calls"'
	json=$(ask_s "$api" reasoning --json | grep '"event":"done"')
	check_contains "$api, native reasoning: kept apart" "$json" '"reasoning":"Let me think."'
done
