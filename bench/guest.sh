#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmarks that need sipdrv.ko: run inside the test VM by bench/run.sh
# (tests/vm/run.sh bench/guest.sh). TCG timings are emulated and noisy, so
# every comparison alternates its configurations and reports the median of
# the per-round (or per-pair) ratios.
#   1. message round trip: the kernel and the echo SIP (sipctl ping; jit and
#      interp; no block and a 4 KiB block) next to a pipe round trip between
#      two processes (sipbench pipe), over $ROUNDS rounds (A B C, then C B A);
#   2. fio 4 KiB random reads at queue depth 1 (psync) and 32 (libaio) on
#      /dev/sipblkN served by the nullblk SIP (jit, interp) and on Linux's
#      null_blk with the same settings (one queue, depth 64, 512-byte
#      sectors, completion in the submitter's context: irqmode=0), in
#      alternating pairs of short jobs (see fio_pairs), with IOPS, the ratio
#      to null_blk and the CPU time per I/O.
# Output: KTAP, one case per section, the figures as diagnostics.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
B=$top/build/bin/sipbench
D=$top/build/drivers
ROUNDS=${SIPDRV_BENCH_ROUNDS:-15}
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
# One fio process per engine, depth and round runs PAIRS pairs of short jobs
# one after the other (stonewall), null_blk's and the SIP's alternating (A B,
# then B A): the two sides of a ratio run a second apart, in one process.
# Separate fio runs per device (as before) left seconds between them, and
# fio's start under TCG (its files read over 9p) took longer than the runs.
FIO_ROUNDS=${SIPDRV_BENCH_FIO_ROUNDS:-10}
PAIRS=${SIPDRV_BENCH_PAIRS:-3}
JOB_S=${SIPDRV_BENCH_JOB_S:-1}

# fio_pairs SIP_DEV DEPTH: one line per job: "IOPS CPU_US_PER_IO", in job order
fio_pairs()
{
	local engine=psync i
	[ $2 -gt 1 ] && engine=libaio
	{
		printf '[global]\nfilename=%s\ndirect=1\nrw=randread\nbs=4k\nsize=512M\n' /dev/nullb0
		printf 'ioengine=%s\niodepth=%s\ntime_based\nruntime=%s\nramp_time=250ms\n' \
			$engine $2 $JOB_S
		printf 'norandommap\nrandrepeat=0\nstonewall\n'
		for i in $(seq 1 $PAIRS); do
			if [ $((i % 2)) = 1 ]; then
				printf '[n%s]\n[s%s]\nfilename=%s\n' $i $i $1
			else
				printf '[s%s]\nfilename=%s\n[n%s]\n' $i $1 $i
			fi
		done
	} > $tmp/pairs.fio
	# terse v3: 3 the job's name, 5 its error, 8 read IOPS, 88 and 89 its user and
	# system CPU (% of one CPU, from the job's own rusage: with completions in the
	# submitter's context, every I/O's kernel work runs in fio's job)
	fio --minimal $tmp/pairs.fio 2> $tmp/fio.err | awk -F';' '
		$5 != 0 || $8 == 0 { bad = 1; exit }
		{ printf "%s %s %.2f\n", substr($3, 1, 1), $8, ($88 + $89) * 1e4 / $8 } END { exit bad }' ||
		{ say "fio on $1 failed: $(cat $tmp/fio.err)"; return 1; }
}

sip_dev() { $S list --json | sed -n 's/.*"name": "nullblk".*"device": "\([a-z0-9]*\)".*/\1/p'; }

fio_all()
{
	local r cfg qd dev order n
	# $tmp/fio: "ROUND CFG DEPTH PAIR SIDE IOPS CPU" (SIDE n: null_blk, s: the SIP)
	for r in $(seq 1 $FIO_ROUNDS); do
		# null_blk is loaded afresh each round, as the SIP is: where a
		# driver's structures land decides how often QEMU's software TLB
		# (direct-mapped) evicts the fio stack's page for them, which moved
		# a run by up to a third. Each side gets a new draw every round.
		modprobe null_blk nr_devices=1 queue_mode=2 irqmode=0 submit_queues=1 \
			hw_queue_depth=64 bs=512 gb=1 || { say "no null_blk module"; return 1; }
		[ -b /dev/nullb0 ] || { say "null_blk made no /dev/nullb0"; return 1; }
		order="jit interp"
		[ $((r % 2)) = 0 ] && order="interp jit"
		for cfg in $order; do
			$S load $D/nullblk.o size_mb=1024 qd=64 --engine=$cfg > /dev/null || return 1
			dev=/dev/$(sip_dev)
			# A load's or an unload's deferred work (freeing JIT code,
			# RCU callbacks) slowed the next run by up to a tenth.
			sleep 2
			for qd in 1 32; do
				fio_pairs $dev $qd > $tmp/jobs || { $S unload nullblk 2> /dev/null; return 1; }
				awk -v r=$r -v c=$cfg -v q=$qd '{ print r, c, q, int((NR + 1) / 2), $0 }' \
					$tmp/jobs >> $tmp/fio
			done
			$S unload nullblk > /dev/null
		done
		rmmod null_blk
	done
	n=$((FIO_ROUNDS * PAIRS))
	say "fio 4 KiB random reads: $FIO_ROUNDS rounds of $PAIRS alternating pairs of ${JOB_S} s jobs per engine"
	say "and depth; medians of the $n pairs (targets: jit >= 0.95 of null_blk)"
	say "$(printf '%-22s %-8s %10s %12s %15s' device depth IOPS 'vs null_blk' 'CPU us per I/O')"
	for qd in 1 32; do
		for cfg in null_blk jit interp; do
			local iops ratio cpu name sel
			sel='$3 == q && $2 == c && $5 == "s"'
			[ $cfg = null_blk ] && sel='$3 == q && $5 == "n"'
			iops=$(awk -v c=$cfg -v q=$qd "$sel"' { print $6 }' $tmp/fio | median)
			cpu=$(awk -v c=$cfg -v q=$qd "$sel"' { print $7 }' $tmp/fio | median)
			ratio=1
			[ $cfg = null_blk ] || ratio=$(awk -v c=$cfg -v q=$qd '$2 == c && $3 == q {
				v[$1, $4, $5] = $6; k[$1, $4] = 1 }
				END { for (i in k) print v[i, "s"] / v[i, "n"] }' $tmp/fio | median)
			case $cfg in
			null_blk) name="null_blk (Linux)" ;;
			*) name="nullblk SIP, $cfg" ;;
			esac
			say "$(printf '%-22s %-8s %10.0f %12.3f %15.1f' "$name" \
				"$([ $qd = 1 ] && echo 1/psync || echo 32/aio)" $iops $ratio $cpu)"
		done
	done
	for qd in 1 32; do
		say "jit / null_blk by pair, depth $qd:$(awk -v q=$qd '$2 == "jit" && $3 == q {
			v[$1, $4, $5] = $6 } END { for (i = 1; i <= '$FIO_ROUNDS'; i++) for (p = 1; p <= '$PAIRS'; p++)
				printf " %.3f", v[i, p, "s"] / v[i, p, "n"] }' $tmp/fio)"
	done
	[ -n "${SIPDRV_RESULTS:-}" ] && cp $tmp/fio "$SIPDRV_RESULTS/fio_pairs"
	return 0
}
section "fio: nullblk SIP (jit, interp) vs Linux null_blk" fio_all
ktap_finish
