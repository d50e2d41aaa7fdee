#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sipctl verify as a driver author uses it: every example driver is accepted
# with a summary, a bad driver is refused naming the source line, bare
# programs (--raw) are verified too, and -v shows the failing path. A
# handler too complex to verify is refused naming the loop that exploded.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
sipctl=$top/build/bin/sipctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

drivers=("$top"/build/drivers/*.o)
ktap_plan $((${#drivers[@]} + 8))
for d in "${drivers[@]}"; do
	out=$("$sipctl" verify "$d" 2>&1)
	rc=$?
	if [ $rc = 0 ] && grep -q "^$d: accepted: [0-9]* instructions" <<< "$out"; then
		ktap_ok "example driver $(basename "$d") verifies"
	else
		printf '%s\n' "$out" | sed 's/^/# /'
		ktap_fail "example driver $(basename "$d") verifies"
	fi
done

bad=$top/build/tests/host/drivers/use_after_send.o
line=$(grep -n 'USE-AFTER-SEND' "$top/tests/host/drivers/use_after_send.c" | cut -d: -f1)
out=$("$sipctl" verify "$bad" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
ktap_check "a use after send is refused with exit status 1" test "$rc" = 1
ktap_check "the refusal names the instruction and the source line" \
	grep -Eq "bad_msg: insn [0-9]+ \(use_after_send\.c:$line\): r[0-9] points to a block sent at insn [0-9]+: it belongs to the receiver now" <<< "$out"
out=$("$sipctl" verify -v "$bad" 2>&1)
ktap_check "-v prints the failing path and the state" \
	bash -c 'grep -q "the failing path" <<< "$1" && grep -q "gone(sent at insn" <<< "$1"' _ "$out"

# Six independent ifs in a 64-turn loop: the loop is named, and -v adds
# the table of what each prune point cost.
src=$top/tests/verifier/corpus/reject_complex_loop_branches.c
head=$(grep -n '<-- here' "$src" | cut -d: -f1)
back=$(grep -n 'if (bits & 32)' "$src" | cut -d: -f1)
out=$("$sipctl" verify "$top/build/tests/verifier/reject_complex_loop_branches.o" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
ktap_check "a loop that does not converge is named, with its back edge and a fix" \
	bash -c '[ "$1" = 1 ] && grep -Eq "stats_msg: insn [0-9]+ \(reject_complex_loop_branches\.c:$2\): program too complex: 4194304 state comparisons \(limit 4194304\): the loop at reject_complex_loop_branches\.c:$2 \(back edge at line $3\) ran [0-9]+ turns without converging .*; fewer independent ifs per turn, updates without branches \(masks\) or fewer turns let it converge" <<< "$4"' \
	_ "$rc" "$head" "$back" "$out"
out=$("$sipctl" verify -v "$top/build/tests/verifier/reject_complex_loop_branches.o" 2>&1)
ktap_check "-v adds the costliest prune points, the loop's head among them" \
	bash -c 'grep -q "^prune points by state comparisons:" <<< "$1" &&
		 grep -Eq "^ +[0-9]+ reject_complex_loop_branches\.c:$2 +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+  head reject_complex_loop_branches\.c:$2$" <<< "$1"' \
	_ "$out" "$head"

# A raw program: r0 = r1 & 7; load from the stack after storing: accepted.
printf '\xbf\x10\x00\x00\x00\x00\x00\x00\x57\x00\x00\x00\x07\x00\x00\x00\x7b\x0a\xf8\xff\x00\x00\x00\x00\x79\xa0\xf8\xff\x00\x00\x00\x00\x95\x00\x00\x00\x00\x00\x00\x00' > "$tmp/ok.bin"
ktap_check "--raw accepts a bare program that uses the stack" \
	bash -c '"$1" verify --raw "$2" | grep -q "accepted: 5 instructions"' _ "$sipctl" "$tmp/ok.bin"
# r0 = *(u64 *)(r10 - 8) before any store: refused.
printf '\x79\xa0\xf8\xff\x00\x00\x00\x00\x95\x00\x00\x00\x00\x00\x00\x00' > "$tmp/bad.bin"
out=$("$sipctl" verify --raw "$tmp/bad.bin" 2>&1)
rc=$?
ktap_check "--raw refuses an uninitialised stack read (exit 1, message)" \
	bash -c '[ "$1" = 1 ] && grep -q "insn 0: read of uninitialised stack (off -8, size 8)" <<< "$2"' _ "$rc" "$out"
printf '\x95\x00\x00' > "$tmp/odd.bin"
out=$("$sipctl" verify --raw "$tmp/odd.bin" 2>&1)
ktap_check "--raw refuses a file that is not whole instructions" \
	grep -q "3 bytes is not a program of whole 8-byte instructions" <<< "$out"
ktap_finish
