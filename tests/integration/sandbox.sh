#!/usr/bin/env bash
# sandbox.sh: the escape and exhaustion battery, through the real binary and
# the real kernel layers. Each case is a tiny program run by `faos-codex
# sandbox`, the expected verdict, and host-side checks that do not trust the
# program: a sentinel file outside the workspace must not change (content,
# mode, mtime); host listeners on 127.0.0.1 (TCP, UDP, a pathname UNIX
# socket) must see nothing; a host process must receive no signal; no
# process with the case's marker may be left alive. The battery runs with
# every layer, then with each layer turned off: what the remaining layers
# must hold still holds, or the run is refused. Destructive probes use
# SIGCONT (harmless) so a broken layer cannot hurt the machine.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if [ "$(id -u)" -ne 0 ]; then
	# The dedicated-uid and cgroup layers exist only for root; the battery
	# below expects every layer, so say so instead of silently passing.
	fail "sandbox battery" "must run as root here (it checks the root-only layers)"
	exit 0
fi

chmod 711 "$TMP" # the sandbox uid must reach the workspace without namespaces
WS=$TMP/ws OUT=$TMP/outside SECRET_HOME=$TMP/home
mkdir -p "$WS/.git/hooks" "$OUT" "$SECRET_HOME/.ssh"
echo "sentinel, do not touch" > "$OUT/sentinel"
chmod 644 "$OUT/sentinel"
touch -d '2020-01-01 00:00:00' "$OUT/sentinel"
echo "PRIVATE-KEY-c4f2" > "$SECRET_HOME/.ssh/id_rsa"
chmod 600 "$SECRET_HOME/.ssh/id_rsa"
: > "$OUT/hits"
: > "$OUT/signals"

# Host listeners: anything reaching them is recorded in $OUT/hits.
cat > "$OUT/listen.py" <<'EOF'
import os, select, socket, sys
out, portfile, path = sys.argv[1:4]
tcp = socket.socket(); tcp.bind(("127.0.0.1", 0)); tcp.listen(16)
port = tcp.getsockname()[1]
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(("127.0.0.1", port))
unix = socket.socket(socket.AF_UNIX); unix.bind(path); unix.listen(16); os.chmod(path, 0o777)
open(portfile + ".tmp", "w").write(str(port)); os.rename(portfile + ".tmp", portfile)
while True:
    for s in select.select([tcp, udp, unix], [], [])[0]:
        if s is udp:
            s.recvfrom(100); what = "udp"
        else:
            s.accept()[0].close(); what = "tcp" if s is tcp else "unix"
        with open(out, "a") as f: f.write(what + "\n")
EOF
python3 "$OUT/listen.py" "$OUT/hits" "$OUT/port" "$OUT/sock" &
FAKE_PIDS="$FAKE_PIDS $!"
for _ in $(seq 1 200); do [ -s "$OUT/port" ] && break; sleep 0.02; done
PORT=$(cat "$OUT/port")
# A host process that records any signal that reaches it.
bash -c 'trap "echo CONT >> '"$OUT"'/signals" CONT; while :; do sleep 0.1; done' &
VICTIM=$!
FAKE_PIDS="$FAKE_PIDS $VICTIM"

sentinel_state() { stat -c '%a %Y %s' "$OUT/sentinel"; md5sum < "$OUT/sentinel"; }
SENTINEL=$(sentinel_state)

# run_case MODE NAME SCRIPT [SANDBOX OPTIONS...]: runs SCRIPT (sh) in the
# workspace; sets RC, STDOUT, STDERR; then the host-side checks.
run_case() {
	local mode=$1 name=$2 script=$3
	shift 3
	printf '%s\n' "$script" > "$WS/case.sh"
	STDOUT=$(env SECRET_TOKEN=tok-9d1 OPENAI_API_KEY=sk-live-77 HOME="$SECRET_HOME" \
		"$BIN" sandbox -v $mode --workspace "$WS" "$@" -- sh case.sh 2> "$TMP/stderr")
	RC=$?
	STDERR=$(cat "$TMP/stderr")
	local label="[$mode] $name"
	[ "$(sentinel_state)" = "$SENTINEL" ] || fail "$label: sentinel unchanged" "now $(sentinel_state)"
	[ -s "$OUT/hits" ] && fail "$label: host listeners untouched" "$(cat "$OUT/hits")"
	[ -s "$OUT/signals" ] && fail "$label: host process not signalled" "$(cat "$OUT/signals")"
	local left
	left=$(pgrep -f 'sleep 424[0-9]' | tr '\n' ' ')
	[ -z "$left" ] && pass "$label: nothing left running" ||
		{ fail "$label: nothing left running" "pids $left"; pkill -9 -f 'sleep 424[0-9]'; }
	: > "$OUT/hits"
	: > "$OUT/signals"
}

has_line() { # has_line NAME TEXT LINE
	if grep -qxF -- "$3" <<<"$2"; then pass "$1"; else fail "$1" "no line [$3] in [$2]"; fi
}
lacks() { # lacks NAME TEXT NEEDLE
	case "$2" in *"$3"*) fail "$1" "[$3] found in [$2]" ;; *) pass "$1" ;; esac
}

battery() {
	local m=$1 ns=1 uid=1 cg=1
	case "$m" in *--no-namespaces*) ns=0 ;; esac
	case "$m" in *--no-uid*) uid=0 ;; esac
	case "$m" in *--no-cgroup*) cg=0 ;; esac

	run_case "$m" "positive control" 'echo made > made.txt && cat made.txt
echo tmp > "$TMPDIR/t" && cat "$TMPDIR/t"; id -u; pwd'
	check_eq "[$m] workspace and TMPDIR are writable" "$(head -n 2 <<<"$STDOUT")" "made
tmp"
	check_eq "[$m] the file is in the workspace on the host" "$(cat "$WS/made.txt")" "made"
	check_eq "[$m] runs as $([ $uid = 1 ] && echo 'uid 64000' || echo 'uid 0 without capabilities')" \
		"$(sed -n 3p <<<"$STDOUT")" "$([ $uid = 1 ] && echo 64000 || echo 0)"
	check_eq "[$m] runs in the workspace" "$(sed -n 4p <<<"$STDOUT")" "$WS"
	has_line "[$m] exit status and layers shown" "$STDERR" "faos-codex: sandbox: exit 0"

	run_case "$m" "write via .." "echo x > ../outside/sentinel; echo x > ../outside/new"
	[ -e "$OUT/new" ] && fail "[$m] no file created via .." "$OUT/new exists" || pass "[$m] no file created via .."
	run_case "$m" "write via absolute path" "echo x > $OUT/sentinel; echo x > $OUT/new2; rm -f $OUT/sentinel"
	[ -e "$OUT/new2" ] && fail "[$m] no file created by absolute path" "exists" || pass "[$m] no file created by absolute path"
	run_case "$m" "write via symlink" "ln -sf $OUT/sentinel link; echo x > link; echo x >> link"
	run_case "$m" "write via hard link" "ln $OUT/sentinel hard; echo x >> hard; python3 -c 'import os; os.link(\"$OUT/sentinel\", \"hard2\")'"
	local inode
	inode=$(stat -c %i "$OUT/sentinel")
	if [ "$(stat -c %i "$WS/hard" 2>/dev/null)" = "$inode" ] || [ "$(stat -c %i "$WS/hard2" 2>/dev/null)" = "$inode" ]; then
		fail "[$m] no hard link to an outside file" "made"
	else
		pass "[$m] no hard link to an outside file"
	fi
	rm -f "$WS/hard" "$WS/hard2" "$WS/link"
	run_case "$m" "chmod, chown, utime outside" "chmod 777 $OUT/sentinel; chown 123 $OUT/sentinel; touch $OUT/sentinel"
	run_case "$m" "write into .git/hooks" 'echo "#!/bin/sh" > .git/hooks/pre-commit; mkdir .git/evil; echo x > .git/config'
	[ -e "$WS/.git/hooks/pre-commit" ] || [ -e "$WS/.git/evil" ] || [ -e "$WS/.git/config" ] &&
		fail "[$m] .git stays read-only" "$(ls -la "$WS/.git")" || pass "[$m] .git stays read-only"
	run_case "$m" "read ~/.ssh and /etc/shadow" "cat $SECRET_HOME/.ssh/id_rsa /root/.ssh/id_rsa /etc/shadow; ls $SECRET_HOME"
	lacks "[$m] the key is not readable" "$STDOUT" "PRIVATE-KEY"
	lacks "[$m] /etc/shadow is not readable" "$STDOUT" "root:"
	run_case "$m" "environment" 'env'
	lacks "[$m] no *TOKEN* variable" "$STDOUT" "tok-9d1"
	lacks "[$m] no API key" "$STDOUT" "sk-live-77"
	has_line "[$m] TERM=dumb" "$STDOUT" "TERM=dumb"
	run_case "$m" "read the supervisor's environ" 'p=$$; while [ "$p" -gt 1 ]; do
cat /proc/$p/environ 2>/dev/null | tr "\0" "\n"; p=$(cut -d" " -f4 /proc/$p/stat 2>/dev/null || echo 0); done'
	lacks "[$m] the supervisor's environment is not readable" "$STDOUT" "sk-live-77"
	run_case "$m" "TCP, UDP and UNIX socket to the host" "python3 - <<'EOF'
import socket
for fam, kind, addr in ((socket.AF_INET, socket.SOCK_STREAM, ('127.0.0.1', $PORT)),
                        (socket.AF_INET, socket.SOCK_DGRAM, ('127.0.0.1', $PORT)),
                        (socket.AF_UNIX, socket.SOCK_STREAM, '$OUT/sock')):
    try:
        s = socket.socket(fam, kind); s.settimeout(1)
        if kind == socket.SOCK_DGRAM:
            s.sendto(b'x', addr); print('sent', addr)  # only the host side can tell
        else:
            s.connect(addr); print('reached', addr)
    except OSError as e:
        print('blocked', e.errno)
EOF"
	lacks "[$m] no connection reported inside" "$STDOUT" "reached ('127"
	run_case "$m" "DNS" 'getent hosts example.com; echo "rc=$?"'
	lacks "[$m] DNS fails" "$STDOUT" "rc=0"
	run_case "$m" "vsock, packet and raw sockets" "python3 - <<'EOF'
import socket
for fam, kind in ((socket.AF_VSOCK, socket.SOCK_STREAM), (socket.AF_PACKET, socket.SOCK_RAW), (socket.AF_INET, socket.SOCK_RAW)):
    try:
        socket.socket(fam, kind); print('opened', fam)
    except OSError as e:
        print('denied', e.errno)
EOF"
	check_eq "[$m] vsock, packet and raw denied" "$(grep -c denied <<<"$STDOUT")" 3
	if [ $ns = 1 ]; then
		run_case "$m" "own loopback works" "python3 - <<'EOF'
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
c = socket.create_connection(s.getsockname()); print('loopback ok')
EOF"
		has_line "[$m] the program's own 127.0.0.1 works" "$STDOUT" "loopback ok"
	fi
	run_case "$m" "fork bomb" 'i=0; while [ $i -lt 300 ]; do sleep 4242.1 & i=$((i+1)); done; wait' --max-procs 40 --timeout 20
	[ $cg = 1 ] && has_line "[$m] fork bomb hits the process limit" "$STDERR" \
		"faos-codex: sandbox: process limit (40) reached: forks failed inside the run"
	run_case "$m" "memory beyond the limit" 'python3 -c "b = bytearray(300 << 20); print(len(b))"' --memory 64
	lacks "[$m] 300 MiB were not allocated" "$STDOUT" "314572800"
	[ $cg = 1 ] && has_line "[$m] out of memory reported" "$STDERR" "faos-codex: sandbox: out of memory (limit 64 MiB)"
	[ $cg = 1 ] && check_eq "[$m] OOM exit status 137" "$RC" 137
	run_case "$m" "print 2 GB" 'yes 0123456789abcdef | head -c 2000000000' --max-output 8
	has_line "[$m] output limit" "$STDERR" "faos-codex: sandbox: output limit 8 MiB exceeded; stopped"
	check_eq "[$m] about 8 MiB came through" "$(( ${#STDOUT} / 1048576 ))" 8
	run_case "$m" "sleep forever" 'sleep 4242.2' --timeout 1
	has_line "[$m] timeout reported" "$STDERR" "faos-codex: sandbox: timed out after 1 s"
	check_eq "[$m] timeout exit status 124" "$RC" 124
	run_case "$m" "TERM-ignoring program" "trap '' TERM; sleep 4242.6; sleep 4242.7" --timeout 1
	check_eq "[$m] TERM-ignoring program killed after the grace period" "$RC" 124
	run_case "$m" "setsid daemon outlives its parent" 'setsid sh -c "sleep 4242.3" & echo started'
	# setsid(1) may fork first (when it leads its process group), and its
	# parent may or may not be gone when the run ends: one or two.
	if grep -qxE -- "faos-codex: sandbox: killed [12] background process(es)? left running" <<<"$STDERR"; then
		pass "[$m] daemon reported and killed"
	else
		fail "[$m] daemon reported and killed" "no 'killed 1 (or 2) background process' line in [$STDERR]"
	fi
	run_case "$m" "grandchild holds the pipe" '(sleep 4242.5 &); exit 0'
	check_eq "[$m] grandchild run exits 0" "$RC" 0
	run_case "$m" "closes stdout and keeps running" 'exec >&-; sleep 0.3; echo still here >&2'
	has_line "[$m] runs on after closing stdout" "$STDERR" "still here"
	run_case "$m" "kill -1 and ptrace" "kill -CONT -1; kill -CONT $VICTIM; python3 - <<'EOF'
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print('ptrace', libc.ptrace(16, $VICTIM, 0, 0), ctypes.get_errno() != 0)
EOF"
	has_line "[$m] ptrace of a host process fails" "$STDOUT" "ptrace -1 True"
	run_case "$m" "TIOCSTI and /dev/tty" "python3 - <<'EOF'
import fcntl, os, termios
for name in ('/dev/tty', '/proc/self/fd/0'):
    try:
        fd = os.open(name, os.O_RDWR); fcntl.ioctl(fd, termios.TIOCSTI, b'x'); print('injected', name)
    except OSError as e:
        print('refused', name)
EOF"
	check_eq "[$m] no terminal to inject into" "$STDOUT" "refused /dev/tty
refused /proc/self/fd/0"
	run_case "$m" "set-uid file and device node" 'cp /bin/true ./t; chmod 4755 ./t; mknod ./null c 1 3; ls -l t | cut -c1-10'
	check_eq "[$m] no set-uid bit" "$(stat -c %A "$WS/t")" "-rwxr-xr-x"
	[ -e "$WS/null" ] && fail "[$m] no device node" "made" || pass "[$m] no device node"
	rm -f "$WS/t" "$WS/null"
	run_case "$m" "exit 137 is not SIGKILL" 'exit 137'
	has_line "[$m] exit 137 reported as exit" "$STDERR" "faos-codex: sandbox: exit 137"
	run_case "$m" "killed by SIGKILL" 'kill -KILL $$'
	has_line "[$m] SIGKILL reported as a signal" "$STDERR" "faos-codex: sandbox: killed by SIGKILL"
	check_eq "[$m] SIGKILL exit status" "$RC" 137
	run_case "$m" "SIGSEGV" 'kill -SEGV $$'
	has_line "[$m] SIGSEGV reported" "$STDERR" "faos-codex: sandbox: killed by SIGSEGV"
}

# Every layer this machine should have is there (a missing one fails loudly).
doctor=$("$BIN" doctor; echo "rc=$?")
for layer in namespaces landlock seccomp cgroup uid rlimits; do
	check_contains "doctor: $layer active" "$doctor" "  $(printf '%-11s' "$layer") active"
done
has_line "doctor: verdict" "$doctor" "verdict     runs are allowed"
has_line "doctor: network off held" "$doctor" "  held   network off (namespaces, seccomp)"

for mode in "" --no-namespaces --no-landlock --no-cgroup --no-uid; do
	battery "$mode"
done

# Without seccomp nothing can close the hypervisor channel on a machine
# with /dev/vsock, so the run is refused; without /dev/vsock it must run.
if [ -e /dev/vsock ]; then
	run_case --no-seccomp "refused without seccomp" 'echo ran > ran.txt'
	check_eq "[--no-seccomp] refused" "$STDERR" 'faos-codex: sandbox: refused: no layer can hold "hypervisor channel (vsock) closed" here; a kernel with seccomp filtering (CONFIG_SECCOMP_FILTER)'
	check_eq "[--no-seccomp] refused exit status" "$RC" 125
	[ -e "$WS/ran.txt" ] && fail "[--no-seccomp] nothing ran" "ran.txt exists" || pass "[--no-seccomp] nothing ran"
	doctor=$("$BIN" doctor --no-seccomp; echo "rc=$?")
	has_line "doctor --no-seccomp: refuses" "$doctor" "  REFUSE hypervisor channel (vsock) closed"
	has_line "doctor --no-seccomp: exit 1" "$doctor" "rc=1"
else
	battery --no-seccomp
fi

# Two layers gone: write confinement rests on the uid alone, said loudly.
run_case "--no-namespaces --no-landlock" "weak write confinement" 'echo x > ../outside/sentinel'
has_line "weak confinement warns" "$STDERR" "faos-codex: sandbox: warning: writes outside the workspace blocked: held weakly; signals and ptrace cannot reach outside: held weakly; home, keys and other projects unreadable: held weakly; .git and project metadata read-only: held weakly"

# Usage errors and the exec failure.
out=$("$BIN" sandbox 2>&1; echo "rc=$?")
check_eq "sandbox without a command" "$out" "faos-codex: sandbox: no command given; usage: faos-codex sandbox [OPTION]... -- COMMAND [ARG]...
rc=2"
out=$("$BIN" sandbox --workspace "$WS" -- no-such-program-x 2>&1; echo "rc=$?")
check_eq "command not found" "$out" "faos-codex: sandbox: cannot run 'no-such-program-x': No such file or directory
rc=127"
out=$("$BIN" sandbox --workspace / -- true 2>&1; echo "rc=$?")
check_eq "/ refused as workspace" "$out" "faos-codex: sandbox: refused: workspace / would expose the system; use a project directory
rc=125"
out=$("$BIN" sandbox --timeout 0 -- true 2>&1; echo "rc=$?")
check_eq "bad --timeout" "$out" "faos-codex: --timeout: run_timeout: 0 is out of bounds (1 to 604800)
rc=2"
out=$(cd "$WS" && "$BIN" sandbox -- sh -c 'printf "a\0b"; printf "e" >&2' 2>/dev/null | od -An -c | tr -s ' ')
check_eq "binary stdout passes through a pipe unchanged" "$out" " a \0 b"

# Interrupting `faos-codex sandbox` stops the whole run: exit 130, nothing left.
(cd "$WS" && exec "$BIN" sandbox -- sh -c 'echo started; sleep 4242.8; echo not reached') > "$TMP/int.out" 2>&1 &
runner=$!
for _ in $(seq 1 100); do grep -q started "$TMP/int.out" 2>/dev/null && break; sleep 0.05; done
kill -INT "$runner"
wait "$runner"
check_eq "SIGINT: exit 130" "$?" 130
check_eq "SIGINT: the command did not go on" "$(cat "$TMP/int.out")" "started"
[ -z "$(pgrep -f 'sleep 424[0-9]')" ] && pass "SIGINT: nothing left running" ||
	{ fail "SIGINT: nothing left running" "$(pgrep -af 'sleep 424[0-9]')"; pkill -9 -f 'sleep 424[0-9]'; }

# A file that is not executable: 126, said once.
printf 'echo hi\n' > "$WS/not-exec.sh"
chmod 644 "$WS/not-exec.sh"
out=$("$BIN" sandbox --workspace "$WS" -- ./not-exec.sh 2>&1; echo "rc=$?")
check_eq "not executable" "$out" "faos-codex: sandbox: cannot run './not-exec.sh': Permission denied
rc=126"

# The network opted in (--network): the host's listener is reachable, and
# only then.
out=$("$BIN" sandbox --network --workspace "$WS" -- python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 2); print('connected')" 2>&1)
check_contains "--network reaches the host" "$out" "connected"
for _ in $(seq 1 40); do [ -s "$OUT/hits" ] && break; sleep 0.05; done
check_eq "--network: the host listener saw it" "$(cat "$OUT/hits")" "tcp"
: > "$OUT/hits"

# sandbox: off in the configuration runs unconfined, and says so every run.
printf 'sandbox: off\n' > "$TMP/off.yaml"
out=$("$BIN" -c "$TMP/off.yaml" sandbox --workspace "$WS" -- sh -c 'id -u; cat /proc/1/comm' 2>&1)
check_eq "sandbox: off runs unconfined, with a warning" "$out" "faos-codex: sandbox: warning: sandbox: off in the configuration: the program runs unconfined
0
$(cat /proc/1/comm)"

# As an ordinary user (uid 65534 here): a user namespace instead of root's
# namespaces, the same uid inside as 1000, no cgroup (so the limits are the
# rlimits, said as a warning).
NOBODY_WS=$TMP/nobody-ws
mkdir -p "$NOBODY_WS/.git"
chown -R 65534:65534 "$NOBODY_WS"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$BIN" "$@"; }
doctor=$(cd "$NOBODY_WS" && as_nobody doctor)
has_line "user: namespaces in a user namespace" "$doctor" "  namespaces  active   mount, pid, net, ipc, uts in a user namespace"
has_line "user: verdict" "$doctor" "verdict     runs are allowed with warnings: memory limit: held weakly; process limit: held weakly"
out=$(cd "$NOBODY_WS" && as_nobody sandbox -- sh -c "id -u; echo ok > made; echo x > $OUT/by-nobody; touch .git/x; python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $PORT), 1)'" 2>"$TMP/user.err"; echo "rc=$?")
check_eq "user: runs as 1000 inside" "$(head -n 1 <<<"$out")" "1000"
out=$(cat "$TMP/user.err")
check_eq "user: the workspace is writable" "$(cat "$NOBODY_WS/made" 2>/dev/null)" "ok"
[ -e "$OUT/by-nobody" ] && fail "user: nothing written outside" "made" || pass "user: nothing written outside"
[ -e "$NOBODY_WS/.git/x" ] && fail "user: .git read-only" "made" || pass "user: .git read-only"
check_eq "user: the host listener saw nothing" "$(cat "$OUT/hits")" ""
check_contains "user: limits are weak, said once" "$out" "faos-codex: sandbox: warning: memory limit: held weakly; process limit: held weakly"
