#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/GUIDE.md stays true: every C program in it is a whole driver with its
# verdict (a "// expect:" line, as in tests/verifier/corpus/). Each is taken
# out of the guide, built with clang and verified by the corpus runner,
# which checks the verdict, the refusal's message and the line it names.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
guide=$top/docs/GUIDE.md
objs=$top/build/tests/verifier
corpus=$top/build/tests/host/verifier_corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each ```c block into $tmp/guide_NN.c, and "NN LINE" (where it starts) into $tmp/list.
awk -v dir="$tmp" '
	/^```c$/ { n++; name = sprintf("%s/guide_%02d.c", dir, n); inside = 1;
		   printf "%02d %d\n", n, NR + 1 > (dir "/list"); next }
	/^```$/ && inside { inside = 0; close(name); next }
	inside { print > name }' "$guide"
[ -s "$tmp/list" ] || { ktap_plan 1; ktap_fail "the guide has C programs"; ktap_finish; }
mkdir -p "$objs"
ktap_plan "$(wc -l < "$tmp/list")"
while read -r n line; do
	src=$tmp/guide_$n.c
	name="program $n (GUIDE.md line $line)"
	if ! grep -q '^// expect: ' "$src"; then
		ktap_diag "$name has no '// expect:' line"
		ktap_fail "$name: verdict as the guide says"
		continue
	fi
	if ! out=$(cd "$tmp" && clang -O2 -g -target bpf -Wall -Werror -I"$top/include" \
		-c -o "$objs/guide_$n.o" "guide_$n.c" 2>&1); then
		printf '%s\n' "$out" | sed 's/^/# /'
		ktap_fail "$name: builds"
		continue
	fi
	out=$(cd "$tmp" && "$corpus" "guide_$n.c" 2>&1)
	if grep -q '^ok 1 ' <<< "$out"; then
		ktap_ok "$name: $(sed -n 's/^ok 1 guide_[0-9]*\.c: //p' <<< "$out")"
	else
		grep '^#' <<< "$out" | sed 's/^/# /'
		ktap_fail "$name: verdict as the guide says"
	fi
done < "$tmp/list"
ktap_finish
