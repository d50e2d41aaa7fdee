#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check does the same work on every run: its fuzzing is a fixed seed
# and count (tests/host/verifier_fuzz.sh), whose programs and verdicts do
# not change from one run to the next, and nothing in it is time-boxed
# (libFuzzer's -max_total_time, fio's time_based runtime): time-boxed
# fuzzing is make fuzz-timed, a target of its own.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
fuzzer=$top/build/fuzz/verifier-run
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 4

# The check-nodeps recipe, and the host tests it runs.
sed -n '/^check-nodeps:/,/^$/p' "$top/Makefile" > "$tmp/recipe"
boxed()
{
	grep -nE -- '-max_total_time|time_based|--runtime[= ]' "$tmp/recipe" \
		$(ls "$top"/tests/host/*.sh | grep -v /check_deterministic.sh) \
		"$top"/tests/run-host.sh && return 1
	[ -s "$tmp/recipe" ] || { echo "no check-nodeps recipe in the Makefile"; return 1; }
	return 0
}
ktap_check "no time-boxed run in make check's recipe or its host tests" boxed
expect_out "verifier_fuzz.sh's seed and count are fixed numbers" '^fixed$' \
	bash -c "grep -E '^seed=\\\$\\{SIPDRV_FUZZ_SEED:-[0-9]+\\}\$' '$top/tests/host/verifier_fuzz.sh' &&
		 grep -E '^count=\\\$\\{SIPDRV_FUZZ_COUNT:-[0-9]+\\}\$' '$top/tests/host/verifier_fuzz.sh' &&
		 echo fixed"
expect_out "make fuzz-timed runs the libFuzzer targets for FUZZ_SECONDS" '-max_total_time=7 ' \
	make --no-print-directory -n -C "$top" fuzz-timed FUZZ_SECONDS=7

# Twice the same seed and count: the same programs, the same verdicts.
same_twice()
{
	make --no-print-directory -C "$top" "$fuzzer" > "$tmp/build" 2>&1 || { tail "$tmp/build"; return 1; }
	"$fuzzer" -s 5 -n 2000 2>&1 | grep '^verifier_fuzz:' > "$tmp/a"
	"$fuzzer" -s 5 -n 2000 2>&1 | grep '^verifier_fuzz:' > "$tmp/b"
	head -1 "$tmp/a"
	[ -s "$tmp/a" ] && diff "$tmp/a" "$tmp/b"
}
ktap_check "the fuzzer's counts for seed 5, 2000 programs are the same on two runs" same_twice
ktap_finish
