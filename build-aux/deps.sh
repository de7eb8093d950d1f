#!/bin/sh
# deps.sh: install the Debian packages FAOS Codex needs to build and test,
# only those missing; through sudo when not root. Quiet when all are present.
set -eu

PACKAGES="build-essential pkg-config libncurses-dev libcurl4-openssl-dev \
libcjson-dev libyaml-dev libbsd-dev libmd-dev libseccomp-dev tmux mandoc curl valgrind clang \
bubblewrap python3 git tar gzip"

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: missing packages:$missing; install them with your package manager (no apt-get here)" >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: missing packages:$missing; run as root or install sudo" >&2
		exit 1
	fi
	sudo="sudo"
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
