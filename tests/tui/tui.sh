#!/usr/bin/env bash
# tui.sh: drives the real binary in tmux (send-keys, capture-pane) and checks
# what is on the screen.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

. tests/lib-tmux.sh

# start ARGS...: the TUI in a 100x30 window.
start() { start_tui 100 30 "$PWD" "$@"; }

start_fakellm URL --delay-ms 30 --reply "Hello from the fake model." --log "$TMP/requests.log"

start -e "$URL"
wait_for "idle |"
check_screen "panes: output" "Output"
check_screen "panes: files" "Files"
check_screen "panes: sandbox" "Sandbox"
check_screen "panes: prompt" "Prompt"
check_screen "status bar shows the endpoint" "idle | ${URL#http://}"

tm send-keys -t t "first line" Enter "second line"
check_screen "Enter inserts a newline, not a submit" "second line"
check_eq "Enter does not submit" "$(cat "$TMP/requests.log" 2>/dev/null | wc -l)" 0
tm send-keys -t t C-s
check_screen "the streamed answer appears in the output pane" "Hello from the fake model."
check_screen "status bar reports the finished request and who answered" "done | ${URL#http://} openai"
check_screen "status bar shows tokens out" "out 5"

tm send-keys -t t "again" M-Enter
for _ in $(seq 1 100); do [ "$(grep -c chat/completions "$TMP/requests.log")" -ge 2 ] && break; sleep 0.05; done
check_contains "Alt-Enter submits" "$(tail -n 1 "$TMP/requests.log")" '{"role":"user","content":"again"}'
check_contains "the first submit sent both lines" "$(grep chat/completions "$TMP/requests.log" | head -n 1)" '"content":"first line\nsecond line"'

start -e "$URL" -m fake:stall
wait_for "idle |"
tm send-keys -t t "wait forever" C-s
check_screen "a stalled request shows its first token" "Hello"
tm send-keys -t t C-c
check_screen "Ctrl-C cancels the request" "(cancelled)"
check_screen "status bar says cancelled" "cancelled | ${URL#http://}"

tm resize-window -t t -x 80 -y 24
check_screen "redraws at 80x24" "Prompt"
for _ in $(seq 1 100); do screen | sed -n 24p | grep -q "cancelled |" && break; sleep 0.05; done
check_eq "status bar on the last row at 80x24" "$(settled_screen | sed -n 24p | grep -c 'cancelled |')" 1
tm resize-window -t t -x 20 -y 5
sleep 0.3
screen | grep -q "EXIT=" && fail "survives 20x5" "it exited" || pass "survives 20x5"
tm resize-window -t t -x 100 -y 30
check_screen "redraws after growing again" "Sandbox"
tm send-keys -t t Tab
tm send-keys -t t q
check_screen "q quits outside the editor" "EXIT=0"
screen | grep -q "Sandbox" && fail "terminal restored after quit" "panes still shown" || pass "terminal restored after quit"

start -m fake:error-401 -e "$URL"
wait_for "idle |"
tm send-keys -t t "hi" C-s
check_screen "an HTTP error is shown in the status bar" "answered HTTP 401: Invalid API Key"
tm send-keys -t t Escape
sleep 0.2
check_screen "Escape dismisses it" "failed | ${URL#http://}"
tm send-keys -t t C-q
check_screen "Ctrl-Q quits" "EXIT=0"

dead_url DEAD
printf 'scan_ports: %s\n' "${DEAD##*:}" >"$TMP/scan.yaml"
start -c "$TMP/scan.yaml"
check_screen "no endpoint: says the local ports are tried" "No model server is configured, so the usual local ports"
check_screen "no endpoint: the status bar says so" "idle | local ports"
tm send-keys -t t "hi" C-s
check_screen "no endpoint: when none answers, one line says how to set one" "no model server answers on 127.0.0.1 ports ${DEAD##*:}"
tm send-keys -t t C-q
check_screen "quits without an endpoint" "EXIT=0"

# Every protocol, and auto, on the server that speaks it.
for pair in auto:ollama openai:vllm responses:llama anthropic:llama ollama:ollama tgi:tgi; do
	api=${pair%%:*} fl=${pair#*:}
	start_fakellm FURL --flavor "$fl" --reply "Answer over $api."
	start -e "$FURL" --api "$api"
	wait_for "idle |"
	tm send-keys -t t "hi" C-s
	check_screen "TUI, --api $api on $fl: the answer" "Answer over $api."
	shown=$api
	[ "$api" = auto ] && shown=ollama
	check_screen "TUI, --api $api on $fl: the status bar names the protocol" "done | ${FURL#http://} $shown"
	tm send-keys -t t C-q
done

new_session 100 30 "$PWD" "env TERM=no-such-term $BIN; echo EXIT=\$?; sleep 60"
check_screen "unknown TERM: one-line error" "faos-codex: terminal type 'no-such-term' is unknown to terminfo"
check_screen "unknown TERM: exit 2" "EXIT=2"

# The terminals people run it in, at 80x24: the panes, a streamed answer,
# and the terminal given back at the end.
for term in screen-256color linux xterm-256color:NO_COLOR; do
	env=""
	case $term in *:NO_COLOR) term=${term%%:*} env="NO_COLOR=1" ;; esac
	new_session 80 24 "$PWD" "env TERM=$term $env LANG=C.UTF-8 $BIN -e $URL; echo EXIT=\$?; sleep 60"
	check_screen "TERM=$term${env:+ $env}: the panes at 80x24" "Sandbox"
	tm send-keys -t t "hi" C-s
	check_screen "TERM=$term${env:+ $env}: the answer streams" "Hello from the fake model."
	tm send-keys -t t C-q
	check_screen "TERM=$term${env:+ $env}: quits with 0" "EXIT=0"
	# The Linux console has no alternate screen: the last frame stays
	# above the shell's next line, as with every full-screen program there.
	[ "$term" = linux ] && continue
	check_eq "TERM=$term${env:+ $env}: the screen is given back" "$(screen | grep -c 'Sandbox')" 0
done

# A storm of resizes between 200x60 and 40x12 while an answer streams: it
# survives, and the last size is drawn whole.
start_fakellm SURL --delay-ms 5 --tokens 400
start -e "$SURL"
wait_for "idle |"
tm send-keys -t t "storm" C-s
for i in $(seq 1 15); do
	tm resize-window -t t -x 200 -y 60
	tm resize-window -t t -x 40 -y 12
done
tm resize-window -t t -x 200 -y 60
check_screen "after the storm: the status bar on the last row at 200x60" "done |"
check_eq "after the storm: it is on row 60" "$(settled_screen | sed -n 60p | grep -c 'done |')" 1
for title in Files Output Sandbox Prompt; do
	check_eq "after the storm: the $title pane is drawn" "$(screen | grep -c "$title")" 1
done
screen | grep -q "EXIT=" && fail "survives the storm" "it exited" || pass "survives the storm"
tm send-keys -t t C-q
check_screen "quits after the storm" "EXIT=0"

# Typing in the editor while an answer streams: both show, the keys are
# not held back by the stream.
start_fakellm TURL --delay-ms 20 --tokens 300
start -e "$TURL"
wait_for "idle |"
tm send-keys -t t "first" C-s
check_screen "the stream has started" "streaming |"
tm send-keys -t t "typed while it streams"
check_screen "the typing shows during the stream" "typed while it streams"
check_eq "the answer is still streaming meanwhile" "$(screen | grep -c 'streaming |')" 1
tm send-keys -t t C-c C-q
check_screen "quits after typing during a stream" "EXIT=0"

# The mouse (SGR reports, as xterm sends them): a click focuses the pane
# under the pointer, the wheel scrolls the pane under it; with mouse: false
# the TUI leaves the mouse alone.
start_fakellm MURL --tokens 400
start -e "$MURL"
wait_for "idle |"
tm send-keys -t t "long answer" C-s
check_screen "a long answer for the wheel" "done |"
before=$(screen | sed -n 2,20p)
for _ in 1 2 3 4 5; do tm send-keys -t t -l $'\e[<64;60;10M'; done
for _ in $(seq 1 40); do [ "$(screen | sed -n 2,20p)" != "$before" ] && break; sleep 0.05; done
[ "$(screen | sed -n 2,20p)" != "$before" ] && pass "the wheel scrolls the output under the pointer" ||
	fail "the wheel scrolls the output under the pointer" "the output did not move"
tm send-keys -t t -l $'\e[<0;3;5M'
tm send-keys -t t q
check_screen "a click on Files focuses it (q then quits)" "EXIT=0"

mkdir -p "$XDG_CONFIG_HOME/faos-codex"
printf 'mouse: false\n' >"$XDG_CONFIG_HOME/faos-codex/config.yaml"
start -e "$MURL"
wait_for "idle |"
tm send-keys -t t -l $'\e[<0;3;5M'
tm send-keys -t t q
sleep 0.3
screen | grep -q "EXIT=" && fail "mouse: false leaves clicks alone" "the click focused Files" ||
	pass "mouse: false leaves clicks alone"
tm send-keys -t t C-q
check_screen "quits with the mouse off" "EXIT=0"
rm "$XDG_CONFIG_HOME/faos-codex/config.yaml"
