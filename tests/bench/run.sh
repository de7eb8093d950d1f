#!/usr/bin/env bash
# run.sh: prints the benchmark figures (never asserted). See docs/BENCHMARKS.md.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
. tests/lib.sh

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# --- first frame and RSS ---------------------------------------------------
"$BUILD/bench/first-frame" "$BIN" 20

# --- parser throughput on recorded ~50 MB streams ---------------------------
# Recorded once from the fake server with curl (the HTTP body as the
# gateway's write callback sees it, chunked encoding removed) and kept in
# $BUILD/bench/; recorded again when missing or older than fakellm.
# 200,000 OpenAI chunks are 50.3 MB; Ollama's lines are shorter, so 365,000
# of them make the same ~50 MB.
SSE_REC="$BUILD/bench/stream-openai.sse"
ND_REC="$BUILD/bench/stream-ollama.ndjson"
OPENAI_BODY='{"messages":[{"role":"user","content":"bench"}],"stream":true,"stream_options":{"include_usage":true}}'
OLLAMA_BODY='{"model":"llama3.2:latest","messages":[{"role":"user","content":"bench"}],"stream":true}'

# record FILE PATH BODY FAKELLM-ARGS...
record() {
	local file=$1 path=$2 body=$3 url
	shift 3
	if [ -s "$file" ] && [ "$file" -nt "$FAKELLM" ]; then return; fi
	start_fakellm url "$@"
	curl -sN -H 'Content-Type: application/json' -d "$body" "$url$path" > "$file.tmp" &&
		mv "$file.tmp" "$file"
}
record "$SSE_REC" /v1/chat/completions "$OPENAI_BODY" --tokens 200000
record "$ND_REC" /api/chat "$OLLAMA_BODY" --tokens 365000 --flavor ollama
"$BUILD/bench/parse-throughput" "$SSE_REC" "$ND_REC"

# --- reply parser throughput on a synthetic ~5 MB reply ----------------------
# Files, SEARCH/REPLACE edits, nested fences, a DELETE and a run block;
# median of 20 parses.
"$BUILD/bench/reply-parse" 20

# --- CPU of `ask` against curl -N on the same stream -------------------------
# The fake server streams at full speed; its own CPU is not counted.
TOKENS=200000
RUNS=3

# median_of OUTPUT: the median figure from cputime -n's last line.
median_of() { awk '/: median / { for (i = 1; i <= NF; i++) if ($i == "median") print $(i + 1) }'; }

# compare WHAT ASK-OUTPUT CURL-OUTPUT
compare() {
	local a c
	a=$(printf '%s\n' "$2" | median_of)
	c=$(printf '%s\n' "$3" | median_of)
	awk -v w="$1" -v a="$a" -v c="$c" \
		'BEGIN { if (c > 0) printf "ratio %s: ask %.1f ms / curl %.1f ms = %.2fx (median of runs; aim: within 1.5x)\n", w, a, c, a / c }'
}

start_fakellm URL --tokens "$TOKENS"
ask=$("$BUILD/bench/cputime" -n $RUNS "faos-codex ask, openai, $TOKENS tokens" \
	"$BIN" ask -e "$URL" -p bench)
echo "$ask"
crl=$("$BUILD/bench/cputime" -n $RUNS "curl -N to /dev/null, openai, $TOKENS tokens" \
	curl -sN -H 'Content-Type: application/json' -d "$OPENAI_BODY" "$URL/v1/chat/completions")
echo "$crl"
compare "openai (SSE)" "$ask" "$crl"

start_fakellm OURL --tokens "$TOKENS" --flavor ollama
ask=$("$BUILD/bench/cputime" -n $RUNS "faos-codex ask --api ollama, $TOKENS tokens" \
	"$BIN" ask -e "$OURL" --api ollama -p bench)
echo "$ask"
crl=$("$BUILD/bench/cputime" -n $RUNS "curl -N to /dev/null, ollama /api/chat, $TOKENS tokens" \
	curl -sN -H 'Content-Type: application/json' -d "$OLLAMA_BODY" "$OURL/api/chat")
echo "$crl"
compare "ollama (NDJSON)" "$ask" "$crl"

# --- added latency per token --------------------------------------------------
"$BUILD/bench/token-latency" 2000 2000

# --- sandbox: start-up beside bwrap, tear-down of 1,000 processes, output ---
# The helper is found beside the program: the Makefile copies it into
# $BUILD/bench/. Runs every layer this machine allows (all of them as root).
"$BUILD/bench/sandbox" 100

# --- project store: journal appends, recording a version, opening ----------
# In a directory under the test's $TMP (on the same filesystem as /tmp); the
# program removes it when done.
"$BUILD/bench/store" "$TMP/store-bench"

# --- TUI (issue 6): memory, CPU, keystroke latency ----------------------------
# The programs drive the real binary on a pseudo-terminal (tests/bench/
# tui-pty.h) and read /proc/PID; the first frame is first-frame's, above.
# Memory: at start, with a 100,000-file workspace (and after expanding a
# 10,000-entry directory), and while a sandbox run (F5) prints 1 GB.
cat >"$TMP/tui-1gb.yaml" <<'YAML'
run_command: 'head -c 1000000000 /dev/zero | tr "\0" x | fold -w 100'
run_max_output: 2048
YAML
"$BUILD/bench/tui-memory" "$BIN" "$TMP/tui-memory" "$TMP/tui-1gb.yaml"
rm -rf "$TMP/tui-memory"

# Streaming at 2,000 tokens/s needs fakellm --rate; without it, --delay-ms 1
# is the fastest steady pace it has (at most 1,000 tokens/s).
TUI_SECS=10
if "$FAKELLM" --help 2>&1 | grep -q -- '--rate'; then
	TUI_RATE=2000 TUI_PACE=(--rate 2000)
else
	TUI_RATE=1000 TUI_PACE=(--delay-ms 1)
fi
echo "tui streaming pace: fakellm ${TUI_PACE[*]} (aim of the issue: 2,000 tokens/s)"
start_fakellm PACED --tokens $((TUI_RATE * (TUI_SECS + 5))) "${TUI_PACE[@]}"
"$BUILD/bench/tui-cpu" "$BIN" http://127.0.0.1:9 "$PACED" $TUI_SECS

# Keystroke latency: 200 keys 40-119 ms apart (about 16 s a series), idle,
# during a paced reply and during one at full speed.
start_fakellm PACED2 --tokens $((TUI_RATE * 30)) "${TUI_PACE[@]}"
start_fakellm FULL --tokens 6000000 # about 30 s here: longer than the keys
"$BUILD/bench/tui-keys" "$BIN" http://127.0.0.1:9 "$PACED2" "$FULL" 200

# --- multi-agent (issue 7): parallel coders; keystrokes while 4 streams arrive
# The program writes its fixtures (a plan of 4 independent files, each
# coder's reply) under its directory and starts fakellm itself with --rate
# 200 --slots 4: `faos-codex run` with 1 coder and with 4 (3 runs each,
# median, speed-up), then the TUI's keystroke latency (200 keys a series)
# idle and while its 4 coders stream.
"$BUILD/bench/agents" "$BIN" "$FAKELLM" "$TMP/agents" 3 200
rm -rf "$TMP/agents"
