#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The verifier's soundness fuzzer (tests/fuzz/) with a fixed seed and count,
# under ASan and UBSan: the regression cases of tests/fuzz/regress/ first,
# then SIPDRV_FUZZ_COUNT (100000) programs of seed SIPDRV_FUZZ_SEED (1),
# raw programs and message handlers against the mock runtime. Every program
# the verifier accepts runs in the checked interpreter under the
# state-embedding oracle, and none may fault, leave the verifier's states,
# or break the runtime's rules. The same programs every time: a failure
# names the input that shows it (replay: build/fuzz/verifier-run FILE).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
seed=${SIPDRV_FUZZ_SEED:-1}
count=${SIPDRV_FUZZ_COUNT:-100000}
fuzzer=$top/build/fuzz/verifier-run-san
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 2

if ! make --no-print-directory -C "$top" "$fuzzer" > "$tmp/build" 2>&1; then
	sed 's/^/# /' "$tmp/build" | tail -40
	ktap_fail "the fuzzer builds"
	ktap_skip "the regression cases" "no fuzzer"
	ktap_finish
fi

# A finding's report, without the counts.
show()
{
	awk '/SOUNDNESS BUG|runtime error|ERROR:/ { on = 1 } on' "$1" |
		grep -v -E '^verifier_fuzz: +[0-9]+ refused' | head -120 | sed 's/^/# /'
}

mkdir -p "$tmp/findings"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$fuzzer" -n 0 "$top"/tests/fuzz/regress/*.s > "$tmp/regress" 2>&1
rc=$?
ktap_diag "$(ls "$top"/tests/fuzz/regress/*.s | wc -l) regression cases"
if [ "$rc" -eq 0 ]; then
	ktap_ok "the regression cases of tests/fuzz/regress"
else
	show "$tmp/regress"
	ktap_fail "the regression cases of tests/fuzz/regress"
fi

start=$SECONDS
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$fuzzer" -s "$seed" -n "$count" -o "$tmp/findings" > "$tmp/out" 2>&1
rc=$?
name="seed $seed, $count programs: no finding"
grep -E '^verifier_fuzz: ([0-9]+ programs|raw )' "$tmp/out" | tail -2 |
	sed 's/^verifier_fuzz: /# /'
ktap_diag "$((SECONDS - start)) s"
if [ "$rc" -eq 0 ]; then
	ktap_ok "$name"
else
	show "$tmp/out"
	for f in "$tmp"/findings/*; do
		[ -f "$f" ] || continue
		cp "$f" "$top/build/fuzz/"
		ktap_diag "input kept: build/fuzz/$(basename "$f")"
	done
	ktap_fail "$name"
fi
ktap_finish
