#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The verifier's soundness fuzzer (tests/fuzz/verifier_fuzz.c) for a bounded
# time: every program the verifier accepts runs in the checked interpreter,
# and none may fault. SIPDRV_FUZZ_SECONDS sets the time (default 30). The
# corpus grows in build/fuzz/verifier.corpus from run to run; a failing input
# is kept as build/fuzz/verifier-crash-* (replay: build/fuzz/verifier FILE).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
secs=${SIPDRV_FUZZ_SECONDS:-30}
fuzzer=$top/build/fuzz/verifier
corpus=$top/build/fuzz/verifier.corpus
name="no accepted program faults in $secs s"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 1

# clang's libFuzzer runtime comes with libclang-rt-14-dev.
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > "$tmp/t.c"
if ! clang -fsanitize=fuzzer -o "$tmp/t" "$tmp/t.c" > /dev/null 2>&1; then
	ktap_skip "$name" "clang with libFuzzer is not available (install clang libclang-rt-14-dev)"
	ktap_finish
fi

if ! make --no-print-directory -C "$top" "$fuzzer" > "$tmp/build" 2>&1; then
	sed 's/^/# /' "$tmp/build" | tail -40
	ktap_fail "$name"
	ktap_finish
fi

mkdir -p "$corpus"
start=$SECONDS
# Undefined behaviour in the verifier is a bug too: stop on the first report.
# A program that takes the verifier a minute (under the sanitizers) is one.
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
timeout -k 5 $((secs + 180)) "$fuzzer" -max_total_time="$secs" -timeout=60 \
	-print_final_stats=1 -artifact_prefix="$top/build/fuzz/verifier-" \
	"$corpus" > "$tmp/out" 2>&1
rc=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/out")
summary=$(grep -E '^verifier_fuzz: [0-9]+ programs' "$tmp/out" | tail -1)
ktap_diag "${execs:-?} inputs run (libFuzzer execs) in $((SECONDS - start)) s"
ktap_diag "${summary#verifier_fuzz: }"
if [ "$rc" -eq 0 ] && [ -n "$summary" ]; then
	ktap_ok "$name"
else
	ktap_diag "the fuzzer stopped with status $rc:"
	# From the first report on, without libFuzzer's progress lines.
	awk '/SOUNDNESS BUG|runtime error|ERROR:|ALARM/ { on = 1 } on' "$tmp/out" |
		grep -v -E '^#[0-9]+|NEW_FUNC|^verifier_fuzz: +[0-9]+ refused' | head -100 |
		sed 's/^/# /'
	ktap_fail "$name"
fi
ktap_finish
