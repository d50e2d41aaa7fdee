#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Counts the results of test programs run by tests/run-host.sh or
# tests/vm/run.sh and prints one line per program, then (with --total) the
# closing line "N passed, N failed[, N skipped]". Exits 1 when anything failed.
#
# A results directory holds tests.list (one program name per line, the
# programs that were meant to run) and, per program, NAME.out (its output,
# KTAP) and NAME.rc (its exit status). Only what the program wrote counts:
# a missing NAME.rc, fewer cases than the KTAP plan, or a non-zero exit with
# no failing case are all failures.
#
#   summarize.sh [--total] [--quiet|--brief] DIR...
# --quiet prints only failing programs, --brief only the closing line.
set -u
total=0 quiet=0
while [ $# -gt 0 ]; do
	case $1 in
	--total) total=1; shift ;;
	--quiet) quiet=1; shift ;;
	--brief) quiet=2; shift ;;
	*) break ;;
	esac
done

pass=0 fail=0 skip=0
for dir in "$@"; do
	[ -f "$dir/tests.list" ] || { echo "summarize: no $dir/tests.list" >&2; fail=$((fail + 1)); continue; }
	while read -r name; do
		[ -n "$name" ] || continue
		out="$dir/$name.out" rcf="$dir/$name.rc"
		rc=missing
		[ -f "$rcf" ] && rc=$(cat "$rcf")
		# p f s planned: counts of top-level KTAP lines (nested, indented
		# subtests are the program's own business).
		read -r p f s planned < <(awk '
			/^ok [0-9]+/ { if ($0 ~ /# [Ss][Kk][Ii][Pp]/) s++; else p++; next }
			/^not ok [0-9]+/ { if ($0 ~ /# [Ss][Kk][Ii][Pp]/) s++; else f++; next }
			/^1\.\.[0-9]+/ { planned = substr($1, 4) + 0 }
			END { print p + 0, f + 0, s + 0, (planned == "" ? -1 : planned) }' "$out" 2>/dev/null || echo "0 0 0 -1")
		why=""
		if [ "$rc" = missing ]; then
			# The program (or the whole guest) never finished: what it
			# reported counts, and so does everything it did not.
			why="no exit status: it did not run, crashed or timed out"
			[ "$planned" -gt $((p + f + s)) ] && f=$((f + planned - p - f - s))
			[ "$f" -eq 0 ] && f=1
		elif [ $((p + f + s)) -eq 0 ]; then
			# Not KTAP: the exit status is the verdict (4 = kselftest skip).
			case $rc in
			0) p=1 ;;
			4) s=1 ;;
			*) f=1; why="exit status $rc" ;;
			esac
		else
			if [ "$planned" -gt $((p + f + s)) ]; then
				why="$((planned - p - f - s)) of $planned planned cases missing"
				f=$((f + planned - p - f - s))
			fi
			if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ "$f" -eq 0 ]; then
				why="exit status $rc"
				f=1
			fi
		fi
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
		if [ "$quiet" = 2 ]; then
			:
		elif [ "$f" -gt 0 ]; then
			echo "FAIL $name: $f failed, $p passed${why:+ ($why)}"
			# The failing program's own words: its diagnostics and verdicts.
			grep -vE '^ok ' "$out" 2>/dev/null | head -n 100 | sed 's/^/    /'
		elif [ "$quiet" = 0 ]; then
			msg="$p passed"
			[ "$s" -gt 0 ] && msg="$msg, $s skipped"
			echo "ok   $name: $msg"
			grep -E '# SKIP' "$out" 2>/dev/null | sed 's/^/    /'
		fi
	done < "$dir/tests.list"
done

if [ "$total" = 1 ]; then
	line="$pass passed, $fail failed"
	[ "$skip" -gt 0 ] && line="$line, $skip skipped"
	echo "$line"
fi
[ "$fail" -eq 0 ]
