#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The verifier's soundness fuzzer (tests/fuzz/) with fixed seeds and counts:
# the regression cases of tests/fuzz/regress/, then SIPDRV_FUZZ_COUNT
# (400000) programs of seed SIPDRV_FUZZ_SEED (1), then a tenth as many of the
# next seed under ASan and UBSan: raw programs and message handlers against
# the mock runtime, each accepted one run in the checked interpreter under
# the state-embedding oracle, as it is and in the kernel JIT's form. None
# may fault, leave the verifier's states, run on after a helper stopped the
# SIP, or break the runtime's rules. The same programs every time: a
# failure names the input that shows it (replay: build/fuzz/verifier-run FILE).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
seed=${SIPDRV_FUZZ_SEED:-1}
count=${SIPDRV_FUZZ_COUNT:-400000}
fuzzer=$top/build/fuzz/verifier-run
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

ktap_plan 3

if ! make --no-print-directory -C "$top" "$fuzzer" "$fuzzer-san" > "$tmp/build" 2>&1; then
	sed 's/^/# /' "$tmp/build" | tail -40
	ktap_fail "the fuzzer builds"
	ktap_skip "the fuzzer's runs" "no fuzzer"
	ktap_skip "the fuzzer's runs under the sanitizers" "no fuzzer"
	ktap_finish
fi

# A finding's report, without the counts.
show()
{
	awk '/SOUNDNESS BUG|runtime error|ERROR:/ { on = 1 } on' "$1" |
		grep -v -E '^verifier_fuzz: +[0-9]+ refused' | head -120 | sed 's/^/# /'
}

# run NAME BINARY ARGS...: one result, the counts as diagnostics.
run()
{
	local name=$1 bin=$2 start=$SECONDS rc

	shift 2
	mkdir -p "$tmp/findings"
	"$bin" -o "$tmp/findings" "$@" > "$tmp/out" 2>&1
	rc=$?
	grep -E '^verifier_fuzz: ([0-9]+ programs|raw |kernel JIT)' "$tmp/out" | tail -3 |
		sed 's/^verifier_fuzz: /# /'
	ktap_diag "$((SECONDS - start)) s"
	if [ "$rc" -eq 0 ]; then
		ktap_ok "$name"
		return
	fi
	show "$tmp/out"
	for f in "$tmp"/findings/*; do
		[ -f "$f" ] || continue
		cp "$f" "$top/build/fuzz/"
		ktap_diag "input kept: build/fuzz/$(basename "$f")"
	done
	rm -rf "$tmp/findings"
	ktap_fail "$name"
}

run "the regression cases of tests/fuzz/regress" "$fuzzer-san" -n 0 "$top"/tests/fuzz/regress/*.s
run "seed $seed, $count programs: no finding" "$fuzzer" -s "$seed" -n "$count"
run "seed $((seed + 1)), $((count / 10)) programs under ASan and UBSan: no finding" \
	"$fuzzer-san" -s "$((seed + 1))" -n "$((count / 10))"
ktap_finish
