#!/usr/bin/env bash
# run.sh: prints the benchmark figures (never asserted). See docs/BENCHMARKS.md.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
. tests/lib.sh

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$BUILD/bench/first-frame" "$BIN" 20

TOKENS=20000
start_fakellm URL --tokens "$TOKENS"
BODY='{"messages":[{"role":"user","content":"bench"}],"stream":true,"stream_options":{"include_usage":true}}'
for i in 1 2 3; do
	"$BUILD/bench/cputime" "faos-codex ask, $TOKENS tokens (run $i)" "$BIN" ask -e "$URL" -p bench
	"$BUILD/bench/cputime" "curl -N to /dev/null, $TOKENS tokens (run $i)" \
		curl -sN -H 'Content-Type: application/json' -d "$BODY" "$URL/v1/chat/completions"
done
