#!/bin/sh
# Installs the Debian packages of scripts/debian-packages.txt that are missing.
#   install-deps.sh          install what is missing (as root), or print the command to run
#   install-deps.sh --check  only report: exit 0 when nothing is missing, 1 otherwise
set -eu
here=$(dirname "$0")
list="$here/debian-packages.txt"

missing=""
for pkg in $(grep -v '^#' "$list"); do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0
if [ "${1:-}" = "--check" ]; then
	echo "missing Debian packages:$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "sipdrv: missing Debian packages:$missing" >&2
	echo "sipdrv: install them with:" >&2
	echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "sipdrv: installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
# An old package index may not know the current versions: refresh it once
# when a plain install fails.
apt-get install -y -q --no-install-recommends $missing ||
	{ apt-get update -q && apt-get install -y -q --no-install-recommends $missing; }
