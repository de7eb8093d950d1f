#!/usr/bin/env bash
# fuzz.sh: a short run of every libFuzzer harness built by `make fuzz`
# (build-fuzz/fuzz/fuzz-*), FUZZ_SECONDS each (default 10). A crash, a
# sanitizer report or a failed consistency check fails the harness; the
# crashing input is kept in build-fuzz/ for replay.
cd "$(dirname "$0")/../.." || exit 1
seconds=${FUZZ_SECONDS:-10}
shopt -s nullglob
harnesses=(build-fuzz/fuzz/fuzz-*)
[ ${#harnesses[@]} -gt 0 ] || { echo "FAIL fuzz: no harness built (run make fuzz)"; exit 1; }
for h in "${harnesses[@]}"; do
	name=$(basename "$h")
	corpus=build-fuzz/corpus-${name#fuzz-}
	mkdir -p "$corpus"
	if out=$("$h" -max_total_time="$seconds" -artifact_prefix=build-fuzz/ "$corpus" 2>&1); then
		runs=$(grep -o 'Done [0-9]* runs' <<<"$out" | tail -1)
		echo "PASS $name: ${runs:-ran} in ${seconds} s"
	else
		echo "FAIL $name:"
		tail -n 30 <<<"$out"
	fi
done
