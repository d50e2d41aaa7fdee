#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sipctl's command line on the host (no module here): help, errors on stderr
# with a non-zero exit, and a clear message when there is no sipdrv device.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
sipctl=$top/build/bin/sipctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run ARGS...: sipctl's stdout, stderr and status into $tmp/{out,err,rc}
run()
{
	"$sipctl" "$@" > "$tmp/out" 2> "$tmp/err"
	echo $? > "$tmp/rc"
}
expect() # DESCRIPTION: rc=N, stdout/stderr patterns
{
	local want_rc=$1 stream=$2 pattern=$3
	local rc
	rc=$(cat "$tmp/rc")
	[ "$rc" = "$want_rc" ] || { echo "exit status $rc, expected $want_rc"; cat "$tmp/out" "$tmp/err"; return 1; }
	grep -Eq "$pattern" "$tmp/$stream" || { echo "$stream lacks /$pattern/:"; cat "$tmp/$stream"; return 1; }
}
empty() { [ ! -s "$tmp/$1" ] || { echo "$1 not empty:"; cat "$tmp/$1"; return 1; }; }

ktap_plan 8
run --help
ktap_check "--help lists the commands" expect 0 out '^  version +print the versions'
ktap_check "--help writes nothing to stderr" empty err
run
ktap_check "no command: usage on stderr, exit 2" expect 2 err '^usage: sipctl'
run frobnicate
ktap_check "unknown command: error on stderr, exit 2" expect 2 err "unknown command 'frobnicate'"
ktap_check "unknown command: nothing on stdout" empty out
SIPDRV_DEVICE=$tmp/none run version
ktap_check "version without the module: prints its own version" \
	grep -Eq '^sipctl [0-9.]+ \(ABI [0-9]+\)$' "$tmp/out"
ktap_check "version without the module: says why, exit 1" expect 1 err "cannot open $tmp/none: No such file or directory \(is sipdrv.ko loaded\?\)"
SIPDRV_DEVICE=/dev/null run version
ktap_check "version on another device: not a sipdrv device, exit 1" expect 1 err '^sipctl: /dev/null is not a sipdrv device$'
ktap_finish
