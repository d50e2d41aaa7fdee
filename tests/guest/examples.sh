#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The example drivers as their users see them: the kernel's CRC-32 gives
# the known vectors (crcvec); statsblk keeps what fio writes (crc32c) and
# logs a summary every period and its counters and histogram when
# unloaded, in the kernel log and the sipdrv_log tracepoint; a SIP's lines
# past 10 in 5 s stay out of the kernel log and are counted. Engine:
# $SIPDRV_ENGINE (interp default).
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
D=$top/build/drivers
T=$top/build/tests/host/drivers
ENGINE=${SIPDRV_ENGINE:-interp}
TR=/sys/kernel/tracing
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load() { $S load "$@" --engine=$ENGINE; }
device() { $S list --json | sed -n "s/.*\"name\": \"$1\".*\"device\": \"\([a-z0-9]*\)\".*/\1/p"; }
# The kernel log's lines since mark_log, of SIP $1.
mark_log() { log0=$(dmesg | wc -l); }
log_of() { dmesg | tail -n +$((log0 + 1)) | grep " $1: "; }

ktap_plan 9

# ---- the kernel's CRC-32 (crc32_le through the platform shim) ----
expect_out "crcvec: sip_crc32 gives the known vectors in the kernel (init checks 7)" \
	'^loaded crcvec \(id [0-9]+\)$' load $T/crcvec.o
$S unload crcvec > /dev/null

# ---- statsblk: counters, a histogram, a summary every period ----
trace_on()
{
	[ -d $TR/events/sipdrv/sipdrv_log ] || { echo "no $TR/events/sipdrv/sipdrv_log"; return 1; }
	echo 0 > $TR/options/record-cmd	# see blk.sh: no sched_switch hook under TCG
	echo 0 > $TR/tracing_on && echo > $TR/trace && echo 1 > $TR/events/sipdrv/sipdrv_log/enable &&
		echo 1 > $TR/tracing_on
}
ktap_check "the sipdrv_log tracepoint can be enabled" trace_on
mark_log
expect_out "statsblk loads, a summary every second" '^loaded statsblk \(id [0-9]+\): sipblk[0-9]+$' \
	load $D/statsblk.o size_mb=32 period_s=1
dev=/dev/$(device statsblk)
expect_out "statsblk: fio writes for 3 s and reads back (crc32c)" 'err= 0' \
	bash -c "fio --name=stats --filename=$dev --direct=1 --rw=randwrite --bsrange=512-64k \
		--size=8M --ioengine=libaio --iodepth=8 --time_based --runtime=3 --verify=crc32c \
		--do_verify=1 --verify_fatal=1 --randrepeat=0 2>&1"
expect_out "statsblk: summaries while it served" \
	'statsblk: summary: [0-9]+ reads, [1-9][0-9]* writes, [0-9]+ flushes$' log_of statsblk
$S unload statsblk > /dev/null
expect_out "statsblk: unloaded, its final counters" \
	'statsblk: final: [1-9][0-9]* KiB read, [1-9][0-9]* KiB written, 0 errors$' log_of statsblk
expect_out "statsblk: and its histogram of request sizes" \
	'statsblk: requests of 512 bytes or more: [1-9][0-9]*$' log_of statsblk
traced()
{
	echo 0 > $TR/tracing_on
	grep -E 'sipdrv_log: statsblk: final: [0-9]+ reads, [0-9]+ writes, [0-9]+ flushes$' $TR/trace
	local rc=$?
	echo 0 > $TR/events/sipdrv/sipdrv_log/enable
	return $rc
}
ktap_check "the trace has statsblk's lines (sipdrv_log)" traced

# ---- the kernel log's budget: 10 lines per 5 s per SIP ----
budget()
{
	local i lines left
	load $T/printer.o > /dev/null || return 1
	mark_log
	for i in $(seq 1 25); do
		$S exchange printer --arg0 0 > /dev/null || { echo "exchange $i failed"; return 1; }
	done
	sleep 5
	$S exchange printer --arg0 0 > /dev/null	# a new period: the count comes first
	$S unload printer > /dev/null
	log_of printer | tail -4
	lines=$(log_of printer | grep -c 'printer: plain text$')
	left=$(log_of printer | sed -n 's/.*printer: \([0-9]*\) lines not logged (at most 10 per 5 s)$/\1/p' |
		awk '{ n += $1 } END { print n + 0 }')
	echo "$lines of 26 lines logged, $left counted as left out"
	[ "$lines" -le 20 ] && [ "$left" -gt 0 ] && [ $((lines + left)) = 26 ]
}
ktap_check "a SIP's 26 lines in 5 s and more: 10 per 5 s logged, the rest counted" budget

ktap_finish
