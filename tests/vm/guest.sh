#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM (chroot into the host root): loads sipdrv.ko, runs
# the test programs listed by the host, and writes each one's output and exit
# status into the results share. Ends with a scan of the kernel log after every
# program, itself reported as KTAP. The host counts only what is written here.
#   guest.sh RESULTS_DIR   (RESULTS_DIR/config and RESULTS_DIR/programs come from the host)
set -u
res=$1
# shellcheck source=/dev/null
. "$res/config"   # TOP, MODULE, TEST_TIMEOUT, CONSOLE, KMEMLEAK, TIME_SCALE
cd "$TOP" || exit 1
export SIPDRV_TOP=$TOP SIPDRV_VM=1 SIPDRV_RESULTS=$res SIPDRV_TIME_SCALE=${TIME_SCALE:-1}

# Lines that mean the kernel is unhealthy even if it did not panic.
bad_log='WARNING:|BUG:|Oops|Call Trace|general protection fault|UBSAN|KASAN|rcu.*stall|blocked for more than|soft lockup|hard LOCKUP|refcount_t:|list_(add|del) corruption|kernel tried to execute'

dmesg_lines() { dmesg | wc -l; }

# Results of the VM itself (loading the module, the kernel log) are reported
# by this script as the program "vm".
vm_out=$res/vm.out
{
	echo "KTAP version 1"
	echo "1..$(( $(wc -l < "$res/programs") + 2 + ${KMEMLEAK:-0} ))"
} > "$vm_out"
# kmemleak (the debug kernel): forget what boot left unreferenced, so that
# the scan after the tests reports only what the module and the tests leak.
leaks=/sys/kernel/debug/kmemleak
[ "${KMEMLEAK:-0}" = 1 ] && [ -w $leaks ] && echo clear > $leaks
n=0
report() # STATUS TEXT
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fi >> "$vm_out"
}

if [ "$MODULE" = none ]; then
	report 0 "load sipdrv.ko # SKIP not asked to"
elif msg=$(insmod "$MODULE" 2>&1); then
	report 0 "load sipdrv.ko"
else
	echo "# insmod $MODULE: $msg" >> "$vm_out"
	report 1 "load sipdrv.ko"
fi
scan_log() # NAME TEXT
{
	if printf '%s\n' "$2" | grep -Eq "$bad_log"; then
		report 1 "kernel log clean $1"
		printf '%s\n' "$2" | sed 's/^/# /' >> "$vm_out"
	else
		report 0 "kernel log clean $1"
	fi
}
scan_log "at boot and module load" "$(dmesg)"

while read -r name prog; do
	before=$(dmesg_lines)
	if [ "$CONSOLE" = 1 ]; then
		# Shown live on the console as well (make run).
		timeout -k 5 "$TEST_TIMEOUT" "$prog" 2>&1 | tee "$res/$name.out" > /dev/console
		rc=${PIPESTATUS[0]}
	else
		timeout -k 5 "$TEST_TIMEOUT" "$prog" > "$res/$name.out" 2>&1
		rc=$?
	fi
	[ "$rc" = 124 ] && echo "# killed after ${TEST_TIMEOUT}s" >> "$res/$name.out"
	echo "$rc" > "$res/$name.rc"
	scan_log "during $name" "$(dmesg | tail -n +$((before + 1)))"
	if [ "$rc" != 0 ] && [ "$rc" != 4 ]; then
		dmesg > "$res/$name.dmesg"
	fi
done < "$res/programs"
if [ "${KMEMLEAK:-0}" = 1 ]; then
	# Objects younger than 5 s are never reported, and one scan can miss a
	# reference still in flight: scan twice, a while apart.
	if [ ! -w $leaks ]; then
		report 1 "kmemleak finds no leak after the tests (no $leaks)"
	else
		echo scan > $leaks; sleep 6; echo scan > $leaks
		found=$(cat $leaks)
		if [ -n "$found" ]; then
			report 1 "kmemleak finds no leak after the tests"
			printf '%s\n' "$found" | head -n 200 | sed 's/^/# /' >> "$vm_out"
		else
			report 0 "kmemleak finds no leak after the tests"
		fi
	fi
fi
echo 0 > "$res/vm.rc"
sync
