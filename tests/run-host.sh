#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs host test programs (unit tests of user-space code), each under a time
# limit, and records their output and exit status for lib/summarize.sh.
#   run-host.sh [--timeout SECONDS] OUTDIR PROGRAM...
set -u
limit=600
if [ "${1:-}" = "--timeout" ]; then
	limit=$2
	shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--timeout S] OUTDIR PROGRAM..." >&2; exit 2; }
out=$1
shift
rm -rf "$out"
mkdir -p "$out"
top=$(cd "$(dirname "$0")/.." && pwd)
for prog in "$@"; do
	name=$(basename "$prog")
	name=${name%.sh}
	echo "$name" >> "$out/tests.list"
	(cd "$top" && timeout -k 5 "$limit" "$prog") > "$out/$name.out" 2>&1
	echo $? > "$out/$name.rc"
done
exec "$top/tests/lib/summarize.sh" "$out"
