#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmarks that need sipdrv.ko: run inside the test VM by bench/run.sh
# (tests/vm/run.sh bench/guest.sh). TCG timings are emulated and noisy, so
# every comparison alternates its configurations (A B C, then C B A for fio) over
# $ROUNDS rounds and reports the median of the per-round ratios.
#   1. message round trip: the kernel and the echo SIP (sipctl ping; jit and
#      interp; no block and a 4 KiB block) next to a pipe round trip between
#      two processes (sipbench pipe);
#   2. fio 4 KiB random reads at queue depth 1 (psync) and 32 (libaio) on
#      /dev/sipblkN served by the nullblk SIP (jit, interp) and on Linux's
#      null_blk with the same settings (one queue, depth 64, 512-byte
#      sectors, completion in the submitter's context: irqmode=0), with IOPS,
#      the ratio to null_blk and the CPU time per I/O (busy time of all CPUs
#      in /proc/stat over the run, divided by the I/Os).
# Output: KTAP, one case per section, the figures as diagnostics.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
B=$top/build/bin/sipbench
D=$top/build/drivers
# One round's jit / null_blk ratio spreads by about 2.5% (standard deviation,
# the host's noise): the median of 15 is good to about 0.8%.
ROUNDS=${SIPDRV_BENCH_ROUNDS:-15}
RUNTIME=${SIPDRV_BENCH_RUNTIME:-3}
PINGS=${SIPDRV_BENCH_PINGS:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { printf '# %s\n' "$*"; }
# section NAME FUNCTION: one KTAP case; the function's figures are printed either way.
section()
{
	local name=$1 rc
	shift
	"$@" > $tmp/out 2>&1
	rc=$?
	sed 's/^\([^#]\)/# \1/' $tmp/out
	if [ $rc = 0 ]; then ktap_ok "$name"; else ktap_fail "$name"; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

ktap_plan 2

# ---- 1. round trips ----
ping_ns() # ENGINE SIZE: mean ns of $PINGS kernel <-> echo round trips
{
	$S load $D/echo.o --engine=$1 > /dev/null || return 1
	$S ping echo --count $PINGS --size $2 > $tmp/ping || { $S unload echo; return 1; }
	$S unload echo > /dev/null
	grep -q " $PINGS ok, 0 errors" $tmp/ping || { cat $tmp/ping; return 1; }
	sed -n 's/^round trip: mean \([0-9.]*\) ns.*/\1/p' $tmp/ping
}
pipe_ns() { $B pipe --count $((PINGS / 4)) --rounds 1 | sed -n 's/.*processes: \([0-9.]*\) ns.*/\1/p'; }

roundtrips()
{
	local r cfg v
	for r in $(seq 1 $ROUNDS); do
		for cfg in jit:0 jit:1 jit:4096 interp:0 interp:4096 pipe; do
			if [ $cfg = pipe ]; then
				v=$(pipe_ns)
			else
				v=$(ping_ns ${cfg%:*} ${cfg#*:})
			fi
			[ -n "$v" ] || { say "no figure for $cfg"; return 1; }
			echo "$r $cfg $v" >> $tmp/rt
		done
	done
	say "round trip, median of $ROUNDS rounds (each: $PINGS pings; pipe: $((PINGS / 4)))"
	say "$(printf '%-40s %10s %12s' path 'ns' 'pipe / this')"
	for cfg in jit:0 jit:1 jit:4096 interp:0 interp:4096 pipe; do
		local ns ratio name
		ns=$(awk -v c=$cfg '$2 == c { print $3 }' $tmp/rt | median)
		ratio=$(awk -v c=$cfg '{ v[$1, $2] = $3 } END {
			for (i = 1; i <= '$ROUNDS'; i++) print v[i, "pipe"] / v[i, c] }' $tmp/rt | median)
		case $cfg in
		pipe) name="pipe, two processes (1 byte)" ;;
		*:0) name="kernel <-> echo SIP, ${cfg%:*}, no block" ;;
		*:1) name="kernel <-> echo SIP, ${cfg%:*}, 1-byte block" ;;
		*) name="kernel <-> echo SIP, ${cfg%:*}, 4 KiB block" ;;
		esac
		say "$(printf '%-40s %10.0f %12.1f' "$name" $ns $ratio)"
	done
}
section "message round trip: kernel <-> SIP vs a pipe between two processes" roundtrips

# ---- 2. fio on block devices ----
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

fio_run() # DEV DEPTH: prints "iops cpu_us_per_io"
{
	local engine=psync b0 b1 out
	[ $2 -gt 1 ] && engine=libaio
	b0=$(busy_jiffies)
	out=$(fio --name=bench --filename=$1 --direct=1 --rw=randread --bs=4k --size=512M \
		--ioengine=$engine --iodepth=$2 --time_based --runtime=$RUNTIME --ramp_time=1 \
		--norandommap --randrepeat=0 --minimal 2> $tmp/fio.err)
	b1=$(busy_jiffies)
	# terse v3: field 5 the error, 6 KiB read, 8 read IOPS
	awk -F';' -v b=$((b1 - b0)) -v hz=$(getconf CLK_TCK) -v t=$((RUNTIME + 1)) '
		$5 != 0 || $8 == 0 { exit 1 }
		{ printf "%s %.1f\n", $8, b / hz * 1e6 / ($8 * t) }' <<< "$out" ||
		{ say "fio on $1 failed: $out $(cat $tmp/fio.err)"; return 1; }
}

sip_dev() { $S list --json | sed -n 's/.*"name": "nullblk".*"device": "\([a-z0-9]*\)".*/\1/p'; }

fio_all()
{
	local r cfg qd dev v order
	modprobe null_blk nr_devices=1 queue_mode=2 irqmode=0 submit_queues=1 hw_queue_depth=64 \
		bs=512 gb=1 || { say "no null_blk module"; return 1; }
	[ -b /dev/nullb0 ] || { say "null_blk made no /dev/nullb0"; return 1; }
	for r in $(seq 1 $ROUNDS); do
		# Every other round in reverse order: a drift during a round
		# weighs on both sides of the ratios.
		order="null_blk jit interp"
		[ $((r % 2)) = 0 ] && order="interp jit null_blk"
		for cfg in $order; do
			dev=/dev/nullb0
			if [ $cfg != null_blk ]; then
				$S load $D/nullblk.o size_mb=1024 qd=64 --engine=$cfg > /dev/null || return 1
				dev=/dev/$(sip_dev)
			fi
			# A load's or an unload's deferred work (freeing JIT code,
			# RCU callbacks) slowed the next run by up to a tenth.
			sleep 2
			for qd in 1 32; do
				v=$(fio_run $dev $qd) || { $S unload nullblk 2> /dev/null; return 1; }
				echo "$r $cfg $qd $v" >> $tmp/fio
			done
			[ $cfg = null_blk ] || $S unload nullblk > /dev/null
		done
	done
	rmmod null_blk
	say "fio 4 KiB random reads, median of $ROUNDS rounds of ${RUNTIME} s (targets: jit >= 0.95 of null_blk)"
	say "$(printf '%-22s %-6s %10s %12s %14s' device depth IOPS 'vs null_blk' 'CPU us per I/O')"
	for qd in 1 32; do
		for cfg in null_blk jit interp; do
			local iops ratio cpu name
			iops=$(awk -v c=$cfg -v q=$qd '$2 == c && $3 == q { print $4 }' $tmp/fio | median)
			cpu=$(awk -v c=$cfg -v q=$qd '$2 == c && $3 == q { print $5 }' $tmp/fio | median)
			ratio=$(awk -v c=$cfg -v q=$qd '$3 == q { v[$1, $2] = $4 } END {
				for (i = 1; i <= '$ROUNDS'; i++) print v[i, c] / v[i, "null_blk"] }' $tmp/fio | median)
			case $cfg in
			null_blk) name="null_blk (Linux)" ;;
			*) name="nullblk SIP, $cfg" ;;
			esac
			say "$(printf '%-22s %-6s %10.0f %12.3f %14.1f' "$name" \
				"$([ $qd = 1 ] && echo 1/psync || echo 32/aio)" $iops $ratio $cpu)"
		done
	done
	for qd in 1 32; do
		say "jit / null_blk by round, depth $qd: $(awk -v q=$qd '$3 == q { v[$1, $2] = $4 } END {
			for (i = 1; i <= '$ROUNDS'; i++) printf " %.3f", v[i, "jit"] / v[i, "null_blk"] }' $tmp/fio)"
	done
	[ -n "${SIPDRV_RESULTS:-}" ] && cp $tmp/fio "$SIPDRV_RESULTS/fio_rounds"
	return 0
}
section "fio: nullblk SIP (jit, interp) vs Linux null_blk" fio_all
ktap_finish
