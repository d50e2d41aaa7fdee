#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: guest instructions per I/O, counted by QEMU (bench/tcg_count.so)
# while bench/icount_guest.sh runs fio on null_blk and on the nullblk SIP.
# Counts do not suffer TCG's timing noise; they weigh every instruction the
# same (an atomic or a call costs TCG more than an add). The translation
# blocks run per I/O (TBs) count TCG's control transfers: calls, returns
# and branches. Prints, per
# configuration and I/O (mean of two rounds): the kernel's instructions,
# those in the driver's module (null_blk.ko, or sipdrv.ko: the shim, the
# channels, the heap and the engine; the JIT's code is outside every module
# and counts as kernel), fio's own (user space), and null_blk's total over
# this one's (kernel and fio).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/results/icount
plugin=$top/build/bench/tcg_count.so
counts=$out/counts
mkdir -p "$out"
if ! "$top/tests/vm/run.sh" --quiet --out "$out" \
	--qemu-arg -plugin --qemu-arg "$plugin,out=$counts" bench/icount_guest.sh > "$out/log" ||
	! grep -q '^ok' "$out/share/icount_guest.out"; then
	cat "$out/log" "$out/share/icount_guest.out" 2> /dev/null
	echo "the instruction count run failed ($out)" >&2
	exit 1
fi
# phase lines: "# phase MARK CONFIG IOS"
grep '^# phase' "$out/share/icount_guest.out" | while read -r _ _ mark cfg ios; do
	mod=sipdrv
	[ "$cfg" = null_blk ] && mod=null_blk
	# kallsyms text symbols and this phase's blocks, merged by address
	{
		awk '$2 ~ /^[tTwW]$/ { print $1, 0, ($4 ? $4 : "[kernel]") }' "$out/share/kallsyms"
		awk -v m="$mark" '/^mark/ { cur = $2; if (cur == m) user = $3; next }
			cur == m { print $1, 1, $2, $3, $4 } END { print "0000000000000000", 2, user }' "$counts"
	} | sort -k1,1 -k2,2n | awk -v cfg="$cfg" -v ios="$ios" -v mod="[$mod]" '
		$2 == 0 { where = $3; next }
		$2 == 2 { user = $3; next }
		{ kernel += $3; blocks += $4; looks += $5
		  if (where == mod) { driver += $3; dblocks += $4; dlooks += $5 } }
		END { print cfg, kernel / ios, driver / ios, user / ios, blocks / ios, dblocks / ios,
			looks / ios, dlooks / ios }'
done > "$out/per_io"
# fio's own count varies between runs (a few %) whatever the device: the
# totals use its mean over every run.
printf '%-10s %10s %10s %8s %10s %14s %13s %13s %13s %13s\n' device "kernel/IO" "module/IO" "fio/IO" \
	"total/IO" "null_blk/this" "kernel TBs/IO" "module TBs/IO" "kernel lkp/IO" "module lkp/IO"
for cfg in null_blk jit interp; do
	awk -v c=$cfg '{ ua += $4; na++ } $1 == c { n++; k += $2; d += $3; u += $4; kb += $5; db += $6
			kl += $7; dl += $8 }
		$1 == "null_blk" { nn++; nk += $2 }
		END { if (!n) exit 1; k /= n; d /= n; u /= n; ua /= na; nk /= nn; kb /= n; db /= n
			kl /= n; dl /= n
			printf "%-10s %10.0f %10.0f %8.0f %10.0f %14.3f %13.0f %13.0f %13.0f %13.0f\n", c, k,
				d, u, k + ua, (nk + ua) / (k + ua), kb, db, kl, dl }' \
		"$out/per_io" || { echo "no counts for $cfg ($out)" >&2; exit 1; }
done
