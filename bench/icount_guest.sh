#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the VM by bench/icount.sh, with QEMU's bench/tcg_count.so
# plugin loaded: fio 4 KiB random reads at queue depth 1 (psync), a fixed
# number of I/Os each, on Linux's null_blk and on the nullblk SIP (jit,
# interp), alternated over two rounds after a warm-up, each run between two
# marks (sipbench mark). Prints "# phase MARK CONFIG IOS" for each run (the
# plugin's counts from mark MARK - 1 to MARK), and leaves the guest's
# /proc/kallsyms in the results directory for the host to name the code.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
B=$top/build/bin/sipbench
D=$top/build/drivers
IOS=20000
mark=-1	# the plugin numbers its marks from 0

ktap_plan 1
fail() { ktap_fail "instruction counts: $*"; exit 0; }
modprobe null_blk nr_devices=1 queue_mode=2 irqmode=0 submit_queues=1 hw_queue_depth=64 \
	bs=512 gb=1 || fail "no null_blk module"
dev_of() { $S list --json | sed -n 's/.*"name": "nullblk".*"device": "\([a-z0-9]*\)".*/\1/p'; }
run() # CONFIG DEV
{
	local n
	$B mark && mark=$((mark + 1))
	n=$(fio --name=count --filename=$2 --direct=1 --rw=randread --bs=4k --size=512M \
		--ioengine=psync --iodepth=1 --number_ios=$IOS --norandommap --randrepeat=0 \
		--minimal 2> /dev/null | awk -F';' '$5 == 0 { print $6 / 4 }')
	$B mark && mark=$((mark + 1))
	[ "$n" = "$IOS" ] || fail "fio on $2 did $n I/Os, not $IOS"
	echo "# phase $mark $1 $n"
}
for r in warm 1 2; do
	for cfg in null_blk jit interp; do
		dev=/dev/nullb0
		if [ $cfg != null_blk ]; then
			$S load $D/nullblk.o size_mb=1024 qd=64 --engine=$cfg > /dev/null ||
				fail "cannot load nullblk.o"
			dev=/dev/$(dev_of)
		fi
		if [ $r = warm ]; then run warm $dev > /dev/null; else run $cfg $dev; fi
		[ $cfg = null_blk ] || $S unload nullblk > /dev/null
	done
done
cat /proc/kallsyms > "$SIPDRV_RESULTS/kallsyms"
rmmod null_blk
ktap_ok "instruction counts"
