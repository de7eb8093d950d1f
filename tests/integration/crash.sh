#!/usr/bin/env bash
# crash.sh: kill -9 at random points of `faos-codex run`. One project's loop
# (a broken reply, a test run that fails, a fixing reply, a run that passes;
# every reply streamed slowly and every run pausing a little) is started,
# killed after a random delay, resumed with --resume, killed again, and so
# on; when a resume finds nothing left to resume a new loop is started with
# -p. After every kill the store must hold up: the journal is JSON lines (a
# torn last line allowed until the next open cuts it), `project show` loads
# the project, every journaled version has its document and intact objects,
# `project versions` lists exactly the journaled versions, and no sandboxed
# process of the run is left. A last, uninterrupted run must then pass.
# Timing only decides where the kills land: what is asserted is the same
# wherever they land. CRASH_SEED=N replays a sequence of delays; the seed
# and the delays are printed on failure.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

R=tests/integration/replies
DATA=$XDG_DATA_HOME/faos-codex
P=crashy
PD=$DATA/projects/$P
WS=$PD/workspace
KILLS=30          # kills that must land (the run still going when SIGKILL came)
MIN_KILLS=25      # fewer than this in the time allowed is a failure
TIME_LIMIT=70     # seconds for the kill phase
SEED=${CRASH_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$SEED

# The sandbox's scratch directories go under $TMP, so a kill cannot leave
# them in the real /tmp (the sandbox uid must reach them).
export TMPDIR=$TMP/tmp
mkdir -p "$TMPDIR"
chmod 711 "$TMP" "$TMPDIR"

# check_store: one look at the store of $P, in one python3 (its start-up is
# most of what a check costs). Right after a kill, before anything opens
# the store, the journal must be JSON lines but for a torn last line; then
# `project show` must load the project (opening it cuts a torn line); then
# every line must parse, every journaled version must have versions/N.json
# naming objects that exist with the right sha256 and size, and `project
# versions --json` must list exactly the journaled versions. Prints one line
# per kind: "KIND ok", "KIND ok DETAIL" or "KIND bad WHY", KIND being raw,
# objects-raw, show, open, objects, versions.
cat >"$TMP/check.py" <<'EOF'
import hashlib, json, os, subprocess, sys
pd, binary, name = sys.argv[1:4]

def journal(mode):
    """(events, status): status "ok", "ok torn ...", or "bad ..."."""
    with open(os.path.join(pd, "journal.jsonl"), "rb") as f:
        lines = f.read().split(b"\n")
    tail = lines.pop()  # after the last newline: b"" unless the last line is torn
    events = []
    for i, line in enumerate(lines):
        try:
            events.append(json.loads(line))
        except ValueError as e:
            if mode == "raw" and i == len(lines) - 1 and not tail:
                return events, "ok torn last line (%d bytes, not JSON)" % len(line)
            return events, "bad line %d of %d does not parse (%s): %r" % (
                i + 1, len(lines), e, line[:120])
    if tail:
        if mode == "raw":
            return events, "ok torn last line (%d bytes, no newline)" % len(tail)
        return events, "bad the last line has no newline after the open: %r" % tail[:120]
    return events, "ok"

def objects(events):
    nums = [e.get("number") for e in events
            if isinstance(e, dict) and e.get("type") == "version"]
    bad = []
    if len(set(nums)) != len(nums) or nums != sorted(nums):
        bad.append("version numbers not increasing: %s" % nums)
    for n in nums:
        try:
            with open(os.path.join(pd, "versions", "%s.json" % n), "rb") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            bad.append("versions/%s.json: %s" % (n, e))
            continue
        if doc.get("number") != n:
            bad.append("versions/%s.json: number %r" % (n, doc.get("number")))
        for fe in doc.get("files", []):
            sha = fe.get("sha256", "")
            try:
                with open(os.path.join(pd, "objects", sha[:2], sha[2:]), "rb") as f:
                    content = f.read()
            except OSError as e:
                bad.append("version %s, %s: object %s: %s" % (n, fe.get("path"), sha, e.strerror))
                continue
            got = hashlib.sha256(content).hexdigest()
            if got != sha or len(content) != fe.get("size"):
                bad.append("version %s, %s: object %s holds %d bytes with sha256 %s (want %s)"
                           % (n, fe.get("path"), sha, len(content), got, fe.get("size")))
    return nums, ("ok" if not bad else "bad " + "; ".join(bad))

def project(*args):
    p = subprocess.run([binary, "project", *args], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode(errors="replace")

events, st = journal("raw")
print("raw", st)
print("objects-raw", objects(events)[1])
rc, out = project("show", name)
print("show", "ok" if rc == 0 else "bad exit %d: %s" % (rc, out.strip().replace("\n", " | ")))
events, st = journal("open")
print("open", st)
nums, st = objects(events)
print("objects", st)
rc, out = project("versions", name, "--json")
try:
    listed = [v["version"] for v in json.loads(out)]
except (ValueError, KeyError, TypeError):
    listed = "unparsable (exit %d): %r" % (rc, out[:200])
print("versions", "ok" if listed == nums else
      "bad project versions lists %s, the journal names %s" % (listed, nums))
EOF
check_store() { python3 -S "$TMP/check.py" "$PD" "$BIN" "$P" 2>&1; }

# leftovers: the run's sandboxed processes still alive: the helper for this
# workspace, and anything whose working directory is in the workspace.
leftovers() {
	local c
	pgrep -f "faos-codex-sbx --workspace $WS" | sed 's/$/ faos-codex-sbx/'
	find /proc/[0-9]* -maxdepth 1 -name cwd \( -lname "$WS" -o -lname "$WS/*" \) 2>/dev/null |
		while read -r c; do
			c=${c%/cwd}
			printf '%s %s\n' "${c#/proc/}" "$(tr '\0' ' ' <"$c/cmdline" 2>/dev/null | cut -c1-80)"
		done
}

# new_server: a fresh fake server (its reply sequence starts again with the
# broken reply) for a new loop; the previous one is stopped.
SERVER_PID=
new_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		FAKE_PIDS=${FAKE_PIDS/ $SERVER_PID/}
	fi
	start_fakellm URL --delay-ms 10 --reply-file $R/crash-broken.txt --reply-file $R/crash-fixed.txt
	SERVER_PID=${FAKE_PIDS##* }
}

# now_ms VAR: milliseconds of the wall clock into VAR (no subshell).
now_ms() { local t=${EPOCHREALTIME/[.,]/}; printf -v "$1" %d $((t / 1000)); }

# The project exists before the first kill, so every check below has a
# project to load whatever the first delay.
"$BIN" project new "$P" >/dev/null 2>"$TMP/new.err" ||
	{ fail "project new $P" "$(cat "$TMP/new.err")"; exit 0; }

declare -A FAILS     # check kind -> number of failures
DETAILS=$TMP/details # one line per failure
: >"$DETAILS"
note() { FAILS[$1]=$(( ${FAILS[$1]:-0} + 1 )); printf '%s|%s: %s\n' "$1" "$2" "$3" >>"$DETAILS"; }

DELAYS=()
landed=0 ended=0 nothing=0 attempts=0 loops=0 torn=0 resumes=0 checked=0
mode=resume # the first resume finds no loop and so starts one with -p
now_ms start
now=$start
while [ "$landed" -lt "$KILLS" ] && [ $((now - start)) -lt $((TIME_LIMIT * 1000)) ]; do
	attempts=$((attempts + 1))
	if [ "$mode" = new ]; then
		new_server
		loops=$((loops + 1))
		"$BIN" run -e "$URL" --project "$P" -p "a calculator module with tests" >/dev/null 2>"$TMP/run.err" &
	else
		resumes=$((resumes + 1))
		"$BIN" run -e "${URL:-http://127.0.0.1:1}" --project "$P" --resume >/dev/null 2>"$TMP/run.err" &
	fi
	pid=$!
	delay=$((50 + RANDOM % 1951))
	DELAYS+=("$mode:$delay")
	what="attempt $attempts ($mode, kill after $delay ms)"
	# Sleep the delay, or less when the run ends by itself first.
	now_ms now
	deadline=$((now + delay))
	while [ "$now" -lt "$deadline" ]; do
		# bash reaps its children at once: a run that ended is gone from /proc.
		st=
		[ -e "/proc/$pid" ] && read -r _ _ st _ 2>/dev/null <"/proc/$pid/stat"
		[ -z "$st" ] || [ "$st" = Z ] && break
		sleep 0.01
		now_ms now
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	now_ms now
	if [ "$rc" -eq 2 ] && grep -q "nothing to resume" "$TMP/run.err"; then
		nothing=$((nothing + 1))
		mode=new
		continue
	fi
	mode=resume
	if [ "$rc" -eq 137 ]; then
		landed=$((landed + 1))
	else
		ended=$((ended + 1)) # the loop ended before the kill: it must have passed
		[ "$rc" -eq 0 ] || note ended "$what" "ended by itself with exit $rc: $(tail -n 3 "$TMP/run.err" | tr '\n' '|')"
	fi

	checked=$((checked + 1))
	out=$(check_store)
	for kind in raw objects-raw show open objects versions; do
		line=$(grep -m1 "^$kind " <<<"$out")
		case ${line#"$kind "} in
		"ok torn"*) torn=$((torn + 1)) ;;
		ok) ;;
		bad*) note "${kind%-raw}" "$what${kind/#objects*/, before the open}" "${line#"$kind bad "}" ;;
		*) note "${kind%-raw}" "$what" "the check failed: $(tr '\n' '|' <<<"$out")" ;;
		esac
	done

	# The sandboxed processes die with the run (PDEATHSIG): give them 2 s.
	left=
	for _ in $(seq 1 40); do
		left=$(leftovers)
		[ -z "$left" ] && break
		sleep 0.05
	done
	[ -z "$left" ] || note procs "$what" "still alive after 2 s: $(tr '\n' '|' <<<"$left")"
	now_ms now
done

summary="$checked stops ($landed kills, $ended loops that ended first)"
if [ "$landed" -ge "$MIN_KILLS" ]; then
	pass "$landed kills landed (at least $MIN_KILLS)"
else
	fail "at least $MIN_KILLS kills landed" "only $landed in $TIME_LIMIT s ($attempts attempts)"
fi

# report KIND TEXT: one PASS/FAIL line for a kind of check over all the
# stops, with the details of each failure.
report() {
	if [ "${FAILS[$1]:-0}" -eq 0 ]; then
		pass "$2"
	else
		fail "$2" "${FAILS[$1]} failures"
		grep "^$1|" "$DETAILS" | cut -d'|' -f2- | sed 's/^/    /' | head -n 20
	fi
}
report ended "$ended loops that ended before their kill passed (exit 0)"
report raw "$summary: the journal right after each is JSON lines ($torn torn last lines)"
report show "$summary: project show loads the project after each"
report open "$summary: after the open every journal line parses"
report objects "$summary: every journaled version has versions/N.json and intact objects"
report versions "$summary: project versions --json lists exactly the journaled versions"
report procs "$summary: no sandboxed process left within 2 s"

# One last run, not interrupted, must pass.
"$BIN" run -e "$URL" --project "$P" --resume >/dev/null 2>"$TMP/final.err"
rc=$?
final=resume
if [ "$rc" -eq 2 ] && grep -q "nothing to resume" "$TMP/final.err"; then
	new_server
	final="a new loop"
	"$BIN" run -e "$URL" --project "$P" -p "a calculator module with tests" >/dev/null 2>"$TMP/final.err"
	rc=$?
fi
check_eq "a last uninterrupted run ($final) passes: exit 0" "$rc" 0
[ "$rc" -eq 0 ] || tail -n 10 "$TMP/final.err" | sed 's/^/    /'
check_eq "the workspace holds the fixed module" "$(grep -c 'return a + b' "$WS/calc.py" 2>/dev/null)" 1
out=$(check_store)
check_eq "at the end: project show loads it, the journal is valid, versions intact and listed" \
	"$(grep -v '^[a-z-]* ok$' <<<"$out")" ""

# The kills left cgroups behind; a later run removes those of dead
# processes (in the hierarchy it creates its own in: ours).
stale=""
mem=$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup)
for cg in "/sys/fs/cgroup/memory${mem%/}"/faos-codex-*-* /sys/fs/cgroup/{pids,freezer}/faos-codex-*-*; do
	[ -d "$cg" ] || continue
	pid=${cg##*/faos-codex-}
	pid=${pid%%-*}
	kill -0 "$pid" 2>/dev/null || stale="$stale $cg"
done
check_eq "the cgroups the kills left are swept by a later run" "$stale" ""
left=""
for dir in "$TMPDIR"/faos-codex-run-*-*; do
	[ -d "$dir" ] || continue
	pid=${dir##*/faos-codex-run-}
	kill -0 "${pid%%-*}" 2>/dev/null || left="$left $dir"
done
check_eq "so are the scratch directories" "$left" ""

if [ -s "$DETAILS" ] || [ "$rc" -ne 0 ] || [ "$landed" -lt "$MIN_KILLS" ]; then
	echo "    seed $SEED (replay with CRASH_SEED=$SEED): $loops loops, $resumes resumes, $attempts attempts"
	echo "    delays (mode:ms): ${DELAYS[*]}"
fi
leaked=$(find "$TMPDIR" -maxdepth 1 -name 'faos-codex-run-*' | wc -l)
echo "info: $attempts runs started ($loops new loops, $resumes resumes, $nothing with nothing to resume), $landed kills landed, $torn torn journal lines seen, $leaked sandbox scratch directories left behind by the kills"
