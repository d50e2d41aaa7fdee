#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: sipdrv's benchmarks, each printing measured figures and ratios.
# Benchmarks are not tests: they never fail on a slow result, only on a
# broken one (a wrong answer or a crash).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bin=$top/build/bin

echo "== interpreter vs native (host, wall clock, median of alternating rounds)"
"$bin/sipbench" interp --iters 2000 --rounds 7

echo
echo "== verifier: instructions verified per second (host, median of 5 runs; target 5 M/s)"
# Straight-line code (branches that merge again) of growing size, then nests
# of loops over private data; ns/insn stays flat when time grows linearly.
"$bin/sipbench" verify --reps 5

echo
echo "== interpreter: host instructions per bytecode instruction (callgrind; target <= 10 on arith)"
if ! command -v valgrind > /dev/null; then
	echo "SKIP: valgrind is not installed"
else
	printf '%-10s %14s %14s %12s\n' kernel "host insns" "bytecode insns" "per insn"
	iters=20
	for k in checksum parse arith; do
		out=$(mktemp)
		# Only instructions executed inside the interpreter's dispatch loop count.
		valgrind --tool=callgrind --toggle-collect=interp_fast --callgrind-out-file="$out" \
			"$bin/sipbench" interp --only "$k" --iters "$iters" --rounds 1 --no-native \
			> "$out.txt" 2> /dev/null
		host=$(awk '/^(summary|totals):/ { print $2; exit }' "$out")
		per_run=$(awk 'NR == 2 { print $5 }' "$out.txt")
		awk -v k="$k" -v h="$host" -v b="$((per_run * iters))" \
			'BEGIN { printf "%-10s %14d %14d %12.2f\n", k, h, b, h / b }'
		rm -f "$out" "$out.txt"
	done
fi

echo
echo "== message round trip on the host (user-space build; median of 7 rounds; target <= 300 cycles"
echo "   for kernel side <-> SIP; Singularity: 1,041 cycles, a Linux pipe: 5,797)"
# The SIP's handler runs in the sender's call (interpreter: there is no JIT
# in user space). TSC cycles count at the TSC's rate, not the core clock.
"$bin/sipbench" chan
"$bin/sipbench" pipe

echo
echo "== in the guest (QEMU TCG: emulated timings; alternating configurations, medians)"
# One boot: round trips (sipctl ping vs a pipe) and fio (nullblk SIP vs null_blk).
# The fio section's rounds took 8 min on one machine and 19 on another (fio
# starts slowly under TCG, reading its files over 9p): time limits well past
# both (make check keeps its own).
out=$top/build/results/bench
if "$top/tests/vm/run.sh" --quiet --timeout 3000 --vm-timeout 3600 --out "$out" bench/guest.sh; then
	grep '^#' "$out/share/guest.out" | sed 's/^# \{0,1\}//'
else
	grep '^#' "$out/share/guest.out" 2> /dev/null | sed 's/^# \{0,1\}//'
	echo "the guest benchmarks failed (above, and $out)" >&2
	exit 1
fi

echo
echo "== guest instructions per fio I/O (QEMU plugin counts: no timing noise; 4 KiB random"
echo "   reads at queue depth 1, 20,000 I/Os per run, mean of 2 rounds)"
"$top/bench/icount.sh"
