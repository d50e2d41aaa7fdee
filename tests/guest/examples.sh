#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The example drivers as their users see them: the kernel's CRC-32 gives
# the known vectors (crcvec); xorblk and crcblk keep what fio writes
# (crc32c verification, direct and through the page cache), a fresh xorblk
# reads as its key and crcblk refuses no sector; statsblk logs a summary
# every period and its counters and histogram when unloaded, in the kernel
# log and the sipdrv_log tracepoint; a SIP's lines past 10 in 5 s stay out of
# the kernel log and are counted; tlvping answers a block of records with
# their summary, byte for byte. Engine: $SIPDRV_ENGINE (interp default).
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

# fio_verify NAME DEV ARGS...: random direct writes of 512 B-128 KiB, then
# buffered ones, each read back and checked (crc32c); prints "err= N" lines.
fio_verify()
{
	local name=$1 dev=$2
	shift 2
	fio --name=$name-direct --filename=$dev --direct=1 --rw=randwrite --bsrange=512-128k \
		--size=8M --ioengine=libaio --iodepth=16 --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --randrepeat=0 "$@" 2>&1 | grep -E 'err=|verify'
	fio --name=$name-buffered --filename=$dev --rw=write --bsrange=1k-64k --size=8M \
		--offset=8M --verify=crc32c --do_verify=1 --verify_fatal=1 --end_fsync=1 "$@" 2>&1 |
		grep -E 'err=|verify'
}
# Both runs ended without an error.
fio_ok() { out=$(fio_verify "$@"); echo "$out"; [ "$(grep -c 'err= 0' <<< "$out")" = 2 ]; }

ktap_plan 22

# ---- the kernel's CRC-32 (crc32_le through the platform shim) ----
expect_out "crcvec: sip_crc32 gives the known vectors in the kernel (init checks 7)" \
	'^loaded crcvec \(id [0-9]+\)$' load $T/crcvec.o
$S unload crcvec > /dev/null

# ---- xorblk: data XORed with a key on its way to memory and back ----
expect_out "xorblk loads with key 0xa7" '^loaded xorblk \(id [0-9]+\): sipblk[0-9]+$' \
	load $D/xorblk.o size_mb=32 key=0xa7
dev=/dev/$(device xorblk)
expect_out "xorblk: a fresh disk reads as its key, every byte" '^65536 bytes, 0 not the key$' \
	bash -c "dd if=$dev bs=64k count=1 iflag=direct 2>/dev/null > $tmp/fresh; \
		echo \$(stat -c %s $tmp/fresh) bytes, \$(tr -d '\\247' < $tmp/fresh | wc -c) not the key"
ktap_check "xorblk: fio writes read back intact (direct and buffered, crc32c)" fio_ok xor $dev
expect_out "xorblk unloads" '^unloaded xorblk$' $S unload xorblk

# ---- crcblk: a CRC-32 per sector, checked on every read ----
mark_log
expect_out "crcblk loads" '^loaded crcblk \(id [0-9]+\): sipblk[0-9]+$' load $D/crcblk.o size_mb=32
dev=/dev/$(device crcblk)
expect_out "crcblk: a fresh disk reads as zeroes (its table starts right)" \
	'^65536 bytes, 0 not zero$' \
	bash -c "dd if=$dev bs=64k count=1 skip=100 iflag=direct 2>/dev/null > $tmp/zero; \
		echo \$(stat -c %s $tmp/zero) bytes, \$(tr -d '\\000' < $tmp/zero | wc -c) not zero"
ktap_check "crcblk: fio writes read back intact (direct and buffered, crc32c)" fio_ok crc $dev
expect_out "crcblk: no request failed" '^blk_errors 0$' cat /sys/kernel/debug/sipdrv/crcblk/stats
$S unload crcblk > /dev/null
expect_out "crcblk: unloaded, it logs that no sector was refused" \
	'crcblk: 0 sectors refused for a wrong CRC$' log_of crcblk

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
# The kernel log keeps 10 lines per 5 s of a driver (a summary a second
# fills it); the trace keeps every line.
expect_out "statsblk: and its histogram of request sizes (in the trace)" \
	'sipdrv_log: statsblk: requests of 512 bytes or more: [1-9][0-9]*$' cat $TR/trace
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
	local i lines left t0 ms periods
	load $T/printer.o > /dev/null || return 1
	mark_log
	t0=$(date +%s%N)
	for i in $(seq 1 25); do
		$S exchange printer --arg0 0 > /dev/null || { echo "exchange $i failed"; return 1; }
	done
	ms=$((($(date +%s%N) - t0) / 1000000))
	sleep 5
	$S exchange printer --arg0 0 > /dev/null	# a new period: the count comes first
	$S unload printer > /dev/null
	log_of printer | tail -4
	lines=$(log_of printer | grep -c 'printer: plain text$')
	left=$(log_of printer | sed -n 's/.*printer: \([0-9]*\) lines not logged (at most 10 per 5 s)$/\1/p' |
		awk '{ n += $1 } END { print n + 0 }')
	echo "$lines of 26 lines logged, $left counted as left out; the 25 took $ms ms"
	# Every line is logged or counted. Within 5 s (any kernel but a debug
	# one), 25 lines span two periods at most: 10 + 10, the rest counted.
	# Slower, each period begun still logs at most 10.
	periods=$((ms < 5000 ? 2 : ms / 5000 + 2))
	[ $((lines + left)) = 26 ] && [ "$lines" -le $((periods * 10)) ] &&
		{ [ "$ms" -ge 5000 ] || [ "$left" -gt 0 ]; }
}
ktap_check "a SIP's 26 lines in 5 s and more: 10 per 5 s logged, the rest counted" budget

# ---- tlvping: a summary of the records, byte for byte ----
expect_out "tlvping loads" '^loaded tlvping \(id [0-9]+\)$' load $D/tlvping.o
# number 0x102, "hello", an empty record of type 9, number 0x1000 (8 bytes),
# " world", a record of type 7, an empty number, a text running past the end
printf '\x01\x02\x01\x02\x02\x05hello\x09\x00\x01\x08\x00\x00\x00\x00\x00\x00\x10\x00\x02\x06 world\x07\x03\x01\x02\x03\x01\x00\x02\x28x' > $tmp/records
# struct tlv_summary (7 records, 3 numbers, sum 0x1102, 11 text bytes, their
# CRC-32 0x0d4a1185, 2 others, truncated), then the records' last 9 bytes
printf '\x07\x00\x00\x00\x03\x00\x00\x00\x02\x11\x00\x00\x00\x00\x00\x00\x0b\x00\x00\x00\x85\x11\x4a\x0d\x02\x00\x00\x00\x01\x00\x00\x00\x03\x01\x02\x03\x01\x00\x02\x28x' > $tmp/expected
expect_out "tlvping: the echo of 41 bytes of records comes back" '^echo: arg0 7 arg1 0, block 41 bytes$' \
	$S exchange tlvping --in $tmp/records --out $tmp/answer --arg0 7
expect_out "tlvping: its block is the summary, then the rest of the records, byte for byte" \
	'^same$' bash -c "cmp $tmp/expected $tmp/answer && echo same"
head -c 11 $tmp/records > $tmp/short
expect_out "tlvping: a block too small for the summary is answered with -EMSGSIZE" \
	'^echo: arg0 8 arg1 -90, block 11 bytes$' $S exchange tlvping --in $tmp/short --arg0 8
$S unload tlvping > /dev/null
ktap_finish
