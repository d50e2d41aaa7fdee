#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sipdrv.ko's life cycle as a user sees it: loaded, /dev/sipdrv present and
# matching its sysfs entry, unload refused while the device is open, unload,
# the device gone, out-of-range parameters refused with their range in the
# log, reload, and a clean kernel log throughout.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
ko=$top/kmod/sipdrv.ko
bad_log='WARNING:|BUG:|Oops|Call Trace|general protection|UBSAN|refcount_t:'

ktap_plan 13
log_start=$(dmesg | wc -l)

ktap_check "module is loaded" test -d /sys/module/sipdrv
ktap_check "module reports its version" grep -qx "$(sed -n 's/^#define SIPDRV_RELEASE "\(.*\)"/\1/p' "$top/include/sipdrv/version.h")" /sys/module/sipdrv/version

dev_matches()
{
	[ -c /dev/sipdrv ] || { echo "/dev/sipdrv is not a character device"; return 1; }
	local want got
	want=$(cat /sys/class/misc/sipdrv/dev) || return 1
	got=$(printf '%d:%d' 0x$(stat -c %t /dev/sipdrv) 0x$(stat -c %T /dev/sipdrv))
	[ "$want" = "$got" ] || { echo "/dev/sipdrv is $got, sysfs says $want"; return 1; }
}
ktap_check "/dev/sipdrv is the misc device in sysfs" dev_matches

busy_unload()
{
	local out
	exec 3< /dev/sipdrv
	if out=$(rmmod sipdrv 2>&1); then
		exec 3<&-
		echo "rmmod succeeded with /dev/sipdrv open"
		return 1
	fi
	exec 3<&-
	echo "$out" | grep -qi 'in use' || { echo "unexpected rmmod error: $out"; return 1; }
	[ -d /sys/module/sipdrv ] || { echo "module gone"; return 1; }
}
ktap_check "unload is refused while the device is open" busy_unload
ktap_check "unload succeeds once the device is closed" rmmod sipdrv
ktap_check "device is gone after unload" test ! -e /dev/sipdrv -a ! -d /sys/module/sipdrv
# bad_param PARAM=VALUE LOGLINE: insmod refuses it, says why, and loads nothing.
bad_param()
{
	local mark out
	mark=$(dmesg | wc -l)
	if out=$(insmod "$ko" "$1" 2>&1); then
		echo "insmod $1 succeeded"
		rmmod sipdrv
		return 1
	fi
	[ ! -d /sys/module/sipdrv ] || { echo "module loaded after insmod $1 failed"; return 1; }
	dmesg | tail -n +$((mark + 1)) | grep -F "$2" ||
		{ echo "no '$2' in the log:"; dmesg | tail -n +$((mark + 1)); return 1; }
}
ktap_check "insmod heap_mb=4097 is refused (not a 1 MiB heap), naming heap_mb and its range" \
	bad_param heap_mb=4097 "parameter heap_mb=4097 refused: it must be a number from 1 to 1023 MiB"
ktap_check "insmod quota_pct=101 is refused, naming quota_pct and its range" \
	bad_param quota_pct=101 "parameter quota_pct=101 refused: it must be a number from 0 to 100 %"
ktap_check "module loads again" insmod "$ko"
ktap_check "device is back after reload" test -c /dev/sipdrv
sysfs_refused()
{
	local p=/sys/module/sipdrv/parameters/timeout_ms old
	old=$(cat $p)
	if echo 0 > $p 2> /dev/null; then
		echo "timeout_ms=0 was taken: $(cat $p)"
		echo "$old" > $p
		return 1
	fi
	[ "$(cat $p)" = "$old" ] || { echo "timeout_ms is $(cat $p), was $old"; return 1; }
	dmesg | tail -5 | grep -F "parameter timeout_ms=0 refused: it must be a number from 1 to 3600000 ms"
}
ktap_check "writing timeout_ms=0 at run time is refused and keeps the old value" sysfs_refused
ktap_check "heap_mb=1 (the smallest heap) is taken" bash -c "rmmod sipdrv && insmod $ko heap_mb=1 && grep -qx 1 /sys/module/sipdrv/parameters/heap_mb && rmmod sipdrv && insmod $ko"

log_clean()
{
	local new
	new=$(dmesg | tail -n +$((log_start + 1)))
	if printf '%s\n' "$new" | grep -E "$bad_log"; then return 1; fi
	printf '%s\n' "$new" | grep -q 'sipdrv unloaded' || { echo "no unload message"; return 1; }
}
ktap_check "kernel log has the unload and no warning" log_clean
ktap_finish
