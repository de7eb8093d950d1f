# lib.sh: shared helpers for the shell test scripts. Each check prints one
# "PASS name" or "FAIL name: why" line; tests/run.sh counts them.
BUILD=${BUILD:-build}
BIN="$PWD/$BUILD/faos-codex"
FAKELLM="$PWD/$BUILD/fakellm"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/faos-test.XXXXXX")
# Never touch the user's own config, data or logs.
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state"
unset FAOS_CODEX_ENDPOINT FAOS_CODEX_MODEL FAOS_CODEX_API FAOS_CODEX_RETRIES OPENAI_BASE_URL OPENAI_API_KEY NO_COLOR
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# Errors are checked one attempt at a time; the retry tests ask for retries.
export FAOS_CODEX_RETRIES=0
FAKE_PIDS=""

cleanup() {
	for pid in $FAKE_PIDS; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; }

# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got [$2], want [$3]"; fi
}

# check_contains NAME HAYSTACK NEEDLE
check_contains() {
	case "$2" in
	*"$3"*) pass "$1" ;;
	*) fail "$1" "[$3] not in [$2]" ;;
	esac
}

# start_fakellm VAR [ARGS...]: starts the fake server, sets VAR to its base URL.
start_fakellm() {
	local var=$1 portfile="$TMP/port.$RANDOM$RANDOM"
	shift
	"$FAKELLM" --port-file "$portfile" "$@" &
	FAKE_PIDS="$FAKE_PIDS $!"
	for _ in $(seq 1 200); do [ -s "$portfile" ] && break; sleep 0.02; done
	printf -v "$var" 'http://127.0.0.1:%s' "$(cat "$portfile")"
}

# dead_url VAR: a URL on 127.0.0.1 where nothing listens (a fake server's
# port, after that server has stopped).
dead_url() {
	local portfile="$TMP/dead.$RANDOM"
	"$FAKELLM" --port-file "$portfile" &
	local pid=$!
	for _ in $(seq 1 200); do [ -s "$portfile" ] && break; sleep 0.02; done
	kill "$pid"; wait "$pid" 2>/dev/null
	printf -v "$1" 'http://127.0.0.1:%s' "$(cat "$portfile")"
}
