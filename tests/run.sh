#!/usr/bin/env bash
# run.sh [--threaded | --valgrind]: runs the test suite and ends with
# "N passed, N failed". Unit tests are the programs $BUILD/tests/test-*;
# integration and screen tests are tests/integration/*.sh, tests/tui/*.sh.
# --threaded: only what exercises threads (for the ThreadSanitizer build).
# --valgrind: the unit tests under valgrind's leak checker.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
mode=${1:-all}
passed=0
failed=0

# run_one NAME COMMAND...: counts its PASS/FAIL lines; a program that exits
# non-zero without reporting a failure (a crash, a sanitizer) is a failure.
run_one() {
	local name=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	local p f
	p=$(grep -c '^PASS ' <<<"$out")
	f=$(grep -c '^FAIL ' <<<"$out")
	# A failure with what follows it (a multi-line reason, a check's
	# details, a sanitizer report), up to the next PASS line.
	awk '/^PASS /{show=0} /^(FAIL|==[0-9]+==|SUMMARY|WARNING: ThreadSanitizer)/{show=1} show' \
		<<<"$out" | head -60
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		printf 'FAIL %s: exited with status %d\n' "$name" "$rc"
		tail -n 20 <<<"$out"
		f=1
	fi
	printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

units=("$BUILD"/tests/test-*)
scripts=(tests/integration/*.sh tests/tui/*.sh tests/fuzz/fuzz.sh)
case "$mode" in
--threaded)
	units=("$BUILD/tests/test-queue")
	scripts=(tests/integration/ask.sh tests/integration/faults.sh tests/integration/run.sh tests/integration/agents.sh tests/tui/tui.sh
		tests/tui/sandbox-tui.sh tests/tui/loop-tui.sh)
	;;
--valgrind)
	scripts=()
	;;
esac

for t in "${units[@]}"; do
	[ -x "$t" ] || { printf 'FAIL %s: not built\n' "$t"; failed=$((failed + 1)); continue; }
	if [ "$mode" = --valgrind ]; then
		run_one "$(basename "$t") (valgrind)" valgrind -q --leak-check=full \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$t"
	else
		run_one "$(basename "$t")" "$t"
	fi
done
for s in "${scripts[@]}"; do
	run_one "$(basename "$(dirname "$s")")/$(basename "$s")" bash "$s"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
