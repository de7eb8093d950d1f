#!/usr/bin/env bash
# cli.sh: command line, configuration errors and exit statuses.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

out=$("$BIN" --help; echo "rc=$?")
check_contains "--help prints usage" "$out" "Usage: faos-codex [OPTION]... [COMMAND [ARG]...]"
check_contains "--help exits 0" "$out" "rc=0"
check_eq "--version" "$("$BIN" --version | head -n 1)" "faos-codex 0.1.0"
check_contains "ask --help" "$("$BIN" ask --help)" "Usage: faos-codex ask [OPTION]... [-p TEXT]"
out=$("$BIN" --bogus 2>&1; echo "rc=$?")
check_contains "unknown option exits 2" "$out" "rc=2"
out=$("$BIN" frobnicate 2>&1; echo "rc=$?")
check_eq "unknown command" "$out" "faos-codex: unknown command 'frobnicate'; try 'faos-codex --help'
rc=2"

check_eq "--dump-config --defaults is config.yaml.example" \
	"$("$BIN" --dump-config --defaults | md5sum)" "$(md5sum < config.yaml.example)"
out=$(OPENAI_API_KEY=sk-hidden-9 "$BIN" --dump-config)
case "$out" in *sk-hidden-9*) fail "--dump-config hides the API key" "key shown" ;;
*) pass "--dump-config hides the API key" ;; esac
check_contains "--dump-config names the source" "$out" 'api_key: ""  # set, hidden, from environment: OPENAI_API_KEY'

# config_error NAME YAML WANT: a config file that must be refused.
config_error() {
	printf '%b' "$2" > "$TMP/bad.yaml"
	local out
	out=$("$BIN" --config "$TMP/bad.yaml" --dump-config 2>&1 >/dev/null; echo "rc=$?")
	check_eq "$1" "$out" "faos-codex: $TMP/bad.yaml:$3
rc=2"
}
config_error "malformed YAML" 'endpoint: "http://x\nmodel: y\n' '3:1: found unexpected end of stream while scanning a quoted scalar'
config_error "unknown option" 'model: x\nendpont: http://h\n' "2:1: unknown option 'endpont' (did you mean 'endpoint'?)"
config_error "out of bounds" 'temperature: 5\n' '1:14: temperature: 5 is out of bounds (0 to 2)'
config_error "bad enum" 'api: grpc\n' "1:6: api: 'grpc' is not one of auto/openai/responses/anthropic/ollama/tgi"
config_error "not a URL" 'endpoint: localhost:8080\n' "1:11: endpoint: 'localhost:8080' is neither an http:// or https:// URL nor the name of an endpoints: entry (did you mean http://localhost:8080?)"
config_error "list for a scalar" 'model: [a, b]\n' '1:8: model: expected a single value, not a list'
config_error "bad key binding" 'keys:\n  quit: Hyper-q\n' "2:9: keys: quit: 'Hyper-q' is not a key (write keys like C-s, M-Enter, S-Tab, PgUp, F2 or q)"
config_error "unknown agent role" 'agents:\n  planer: { model: m }\n' "2:3: agents: unknown role 'planer' (did you mean 'planner'?)"
config_error "agent endpoint not an entry" 'agents:\n  coder: { endpoint: gpu }\n' "2:22: agents: coder: endpoint 'gpu' is not an entry of endpoints: (add it there or leave endpoint out)"

# --agent and --coders: common options, on the command line and in run.
out=$("$BIN" --agent planer=big run -p hi 2>&1; echo "rc=$?")
check_eq "--agent with an unknown role" "$out" "faos-codex: --agent 'planer=big': unknown role 'planer' (did you mean 'planner'?)
rc=2"
out=$("$BIN" run --agent big -p hi 2>&1; echo "rc=$?")
check_eq "--agent without =" "$out" "faos-codex: --agent 'big': give ROLE=MODEL, e.g. --agent coder=qwen2.5-coder:7b (the roles are planner, coder and reviewer)
rc=2"
out=$("$BIN" run --coders 17 -p hi 2>&1; echo "rc=$?")
check_eq "--coders out of bounds" "$out" "faos-codex: --coders '17': give a number from 1 to 16
rc=2"
printf 'agents:\n  coder: { model: small, count: 4 }\n' > "$TMP/agents.yaml"
out=$("$BIN" -c "$TMP/agents.yaml" --agent planner=big --coders 2 --dump-config | sed -n '/^agents:/,/^$/p')
check_eq "--dump-config shows the agents, flags over the file" "$out" "agents:
  planner:  # from --agent
    endpoint: \"\"
    model: \"big\"  # from command line: --agent
    template: \"\"
    temperature: 0.2  # the top-level temperature
  coder:  # from $TMP/agents.yaml:2:3
    endpoint: \"\"
    model: \"small\"  # from config file: $TMP/agents.yaml:2:19
    template: \"\"
    temperature: 0.2  # the top-level temperature
    count: 2  # from command line: --coders"
check_contains "without agents, multi-agent is off" "$("$BIN" --dump-config)" "
agents: {}
"

out=$("$BIN" --config "$TMP/missing.yaml" ask -p hi 2>&1; echo "rc=$?")
check_contains "missing --config file" "$out" "faos-codex: $TMP/missing.yaml: cannot read the config file: No such file or directory"
check_contains "missing --config exits 2" "$out" "rc=2"
out=$(FAOS_CODEX_API=grpc "$BIN" ask -p hi 2>&1; echo "rc=$?")
check_eq "bad environment value names the variable" "$out" "faos-codex: FAOS_CODEX_API: api: 'grpc' is not one of auto/openai/responses/anthropic/ollama/tgi
rc=2"
mkdir -p "$XDG_CONFIG_HOME/faos-codex"
printf 'model: from-file\ntemperature: 0.7\n' > "$XDG_CONFIG_HOME/faos-codex/config.yaml"
out=$(FAOS_CODEX_MODEL=from-env "$BIN" --dump-config | grep -E '^(model|temperature):')
check_eq "XDG config file read, environment beats it" "$out" "model: \"from-env\"  # from environment: FAOS_CODEX_MODEL
temperature: 0.7  # from config file: $XDG_CONFIG_HOME/faos-codex/config.yaml:2:14"
out=$(FAOS_CODEX_MODEL=from-env "$BIN" --model from-flag --dump-config | grep '^model:')
check_eq "flag beats environment" "$out" 'model: "from-flag"  # from command line: --model'
rm "$XDG_CONFIG_HOME/faos-codex/config.yaml"

dead_url DEAD1
dead_url DEAD2
out=$(FAOS_CODEX_RETRIES=3 "$BIN" ask -p hi -c <(printf 'scan_ports: %s,%s\n' "${DEAD1##*:}" "${DEAD2##*:}") 2>&1; echo "rc=$?")
check_eq "ask without an endpoint scans the local ports, once" "$out" "faos-codex: ask: no endpoint is configured and no model server answers on 127.0.0.1 ports ${DEAD1##*:}, ${DEAD2##*:}; start one, or pass --endpoint URL, set FAOS_CODEX_ENDPOINT, or add 'endpoint:' to the config file
rc=3"
out=$("$BIN" ask -p hi -c <(echo 'scan_ports: ""') 2>&1; echo "rc=$?")
check_eq "nothing configured and nothing to scan: a configuration error" "$out" "faos-codex: ask: no endpoint is configured and scan_ports is empty; pass --endpoint URL, set FAOS_CODEX_ENDPOINT, or add 'endpoint:' to the config file
rc=2"
out=$(echo "  " | "$BIN" ask -e http://127.0.0.1:1 2>&1; echo "rc=$?")
check_eq "empty prompt" "$out" "faos-codex: ask: the prompt is empty; pass -p TEXT or pipe it on standard input
rc=2"
out=$("$BIN" </dev/null 2>&1 | cat; echo "rc=${PIPESTATUS[0]}")
check_eq "TUI without a terminal" "$out" "faos-codex: the interface needs a terminal on standard input and output; for scripts use 'faos-codex ask'
rc=2"

names=$(grep -oE '^[a-z_]+:' config.yaml.example | tr -d : | sort -u)
missing=""
for n in $names; do grep -q "$n" man/faos-codex.1 || missing="$missing $n"; done
check_eq "the man page documents every option" "$missing" ""

actions=$(sed -n '/^keys:/,$p' config.yaml.example | grep -oE '^  [a-z][a-z.-]*:' | tr -d ' :')
missing=""
for n in $actions; do grep -qF "Cm $n " man/faos-codex.1 || missing="$missing $n"; done
check_eq "the man page documents every key action" "$missing" ""
