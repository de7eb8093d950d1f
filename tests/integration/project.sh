#!/usr/bin/env bash
# project.sh: the project lifecycle through the command line: new (from a
# scaffold), list, show, versions, diff, restore, finalize (a finalized
# project refuses a new loop), reopen, export (directory and tarball),
# archive, unarchive, delete; each with its exact output and exit status.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

R=tests/integration/replies
P() { "$BIN" project "$@"; }

check_eq "new from a scaffold" "$(P new cli --template c-make | sed "s|$TMP|TMP|")" \
	"project cli created (workspace TMP/data/faos-codex/projects/cli/workspace)"
check_eq "the scaffold is version 0" "$(P versions cli --json | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v[0]["version"], sorted(v[0]["added"]))')" \
	"0 ['Makefile', 'README.md', 'src/greet.c', 'src/greet.h', 'src/main.c', 'tests/test_greet.c']"
( cd "$TMP/data/faos-codex/projects/cli/workspace" && make -s test >/dev/null 2>&1 )
check_eq "the scaffold's tests pass as shipped" "$?" 0
P new cli >/dev/null 2>"$TMP/err"
check_eq "a second new with the same name: exit 2" "$?" 2
check_contains "and says what to do" "$(cat "$TMP/err")" "project 'cli' already exists"
P new "../x" >/dev/null 2>"$TMP/err"
check_eq "a bad name: exit 2" "$?" 2
P new ws --template nope >/dev/null 2>"$TMP/err"
check_eq "an unknown template: one line" "$(cat "$TMP/err")" \
	"faos-codex: no template 'nope'; the templates are python-cli, c-make and node-cli"

start_fakellm URL --reply-file $R/calc-broken.txt --reply-file $R/calc-fixed.txt
"$BIN" run -e "$URL" -p "calc" --project calc >/dev/null 2>&1
check_eq "list: both projects, newest first" "$(P list | awk '{print $1, $2, $3}')" "NAME STATE VERSIONS
calc active 2
cli active 0"
check_eq "list --json" "$(P list --json | python3 -c 'import json,sys; print([(p["name"], p["versions"]) for p in json.load(sys.stdin)])')" \
	"[('calc', 2), ('cli', 0)]"
WS=$TMP/data/faos-codex/projects/calc/workspace
check_eq "restore version 1" "$(P restore calc 1)" "project calc: version 1 restored as version 3"
check_eq "the workspace is back at version 1" "$(tail -n 1 "$WS/calc.py")" "    return a - b"
check_eq "restore is a new version, history kept" "$(P versions calc | awk '{print $1}' | tr '\n' ' ')" "1 2 3 "
check_eq "finalize" "$(P finalize calc)" "project calc finalized at version 3"
check_eq "show says so" "$(P show calc | sed -n 2p)" "state:       finalized (final version 3)"
"$BIN" run -e "$URL" -p "more" --project calc >/dev/null 2>"$TMP/err"
check_eq "a finalized project refuses a loop: exit 2" "$?" 2
check_contains "and says how to reopen" "$(cat "$TMP/err")" "project 'calc' is finalized; 'faos-codex project reopen calc' to change it"
P restore calc 2 >/dev/null 2>"$TMP/err"
check_eq "and refuses a restore: exit 1" "$?" 1
check_eq "reopen" "$(P reopen calc)" "project calc reopened"
check_eq "export a version to a directory" "$(P export calc --version 2 "$TMP/out" | sed "s|$TMP|TMP|")" \
	"project calc: version 2 exported to TMP/out"
check_eq "the exported files" "$(cd "$TMP/out" && find . -type f | sort | tr '\n' ' ')" "./calc.py ./test_calc.py "
check_eq "the exported content is version 2's" "$(tail -n 1 "$TMP/out/calc.py")" "    return a + b"
P export calc "$TMP/out.tar.gz" >/dev/null
check_eq "export a tarball" "$(tar tzf "$TMP/out.tar.gz" | sort | tr '\n' ' ')" "calc-v3/ calc-v3/calc.py calc-v3/test_calc.py "
P export calc "$TMP/out" >/dev/null 2>&1
check_eq "export onto an existing directory: exit 1" "$?" 1
check_eq "archive" "$(P archive calc)" "project calc archived"
check_eq "archived: out of the list" "$(P list | awk 'NR>1{print $1}')" "cli"
check_eq "list --all shows it archived" "$(P list --all | awk '$1=="calc"{print $2}')" "archived"
check_eq "unarchive" "$(P unarchive calc)" "project calc restored from the archive"
check_eq "unarchived: versions intact" "$(P versions calc | wc -l)" 3
P delete calc >/dev/null 2>"$TMP/err"
check_eq "delete without --yes: exit 2" "$?" 2
check_eq "delete --yes" "$(P delete calc --yes)" "project calc deleted"
P show calc >/dev/null 2>"$TMP/err"
check_eq "deleted: show fails with exit 2" "$?" 2
mkdir -p "$TMP/mine" && echo keep > "$TMP/mine/own.txt"
P new ext --workspace "$TMP/mine" >/dev/null
P delete ext --yes >/dev/null
check_eq "deleting a project leaves an external workspace alone" "$(cat "$TMP/mine/own.txt")" keep
