#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/layering.sh on this tree, which must keep its layering, and on
# copies of it each with one offence planted: an include up a layer (and
# the folder cycle it makes), an include across one layer, a call into
# kmod/, user space including kmod/, a system header in a portable file.
# Each must fail naming the planted FILE:LINE. A kmod/ name in a comment is
# no offence.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
check=$top/scripts/layering.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 9

out=$("$check" "$top" 2>&1)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then
	ktap_ok "the tree keeps its layering"
else
	printf '%s\n' "$out" | sed 's/^/# /'
	ktap_fail "the tree keeps its layering"
fi

# A fresh copy of the tree's C folders in $tmp/t, with LINE appended to FILE;
# sets $line to its line number.
plant()
{
	rm -rf "$tmp/t" && mkdir -p "$tmp/t"
	(cd "$top" && find include sipdrv_runtime verifier channels sip kmod userspace_tools \
		-name '*.[ch]' ! -name '*.mod.c' -print0 | xargs -0 cp --parents -t "$tmp/t")
	printf '%s\n' "$2" >> "$tmp/t/$1"
	line=$(wc -l < "$tmp/t/$1")
}

# refused NAME PATTERN [ABSENT]: the planted copy fails, printing PATTERN
# (and nothing matching ABSENT).
refused()
{
	local out rc
	out=$("$check" "$tmp/t" 2>&1)
	rc=$?
	if [ $rc = 1 ] && grep -Eq -- "$2" <<< "$out" &&
	   { [ -z "${3:-}" ] || ! grep -Eq -- "$3" <<< "$out"; }; then
		ktap_ok "$1"
	else
		printf 'exit %s\n%s\n' "$rc" "$out" | sed 's/^/# /'
		ktap_fail "$1"
	fi
}

plant sipdrv_runtime/interp.c '#include "instance.h"'
refused "an include up a layer is refused" \
	"^sipdrv_runtime/interp\.c:$line: includes sip/instance\.h: sipdrv_runtime/ \(layer 1\) may not use sip/ \(layer 3\)$"
refused "and so is the folder cycle it makes" "^folder cycle: .*sipdrv_runtime/"

plant verifier/cfg.c '#include "channel.h"'
refused "an include across a layer is refused" \
	"^verifier/cfg\.c:$line: includes channels/channel\.h: verifier/ \(layer 2\) may not use channels/ \(layer 2\)$"

plant channels/contract.c 'static void up(void) { sipblk_notify(NULL, NULL); }'
refused "a call into kmod/ is refused" \
	"^channels/contract\.c:$line: names sipblk_notify, defined in kmod/ \(layer 4\), from channels/ \(layer 2\)$"

plant sip/helpers.c 'static void up(void) { sip_endpoint_close(NULL); sipdrv_jit_engine(NULL, 0); }'
refused "a call up a layer is refused, a call down is not" \
	"^sip/helpers\.c:$line: names sipdrv_jit_engine, defined in kmod/" sip_endpoint_close

plant userspace_tools/sipctl.c '#include "../kmod/sipdrv.h"'
refused "user space including the kernel glue is refused" \
	"^userspace_tools/sipctl\.c:$line: includes kmod/sipdrv\.h: userspace_tools/ \(layer 5\) may not use kmod/ \(layer 4\)$"

plant verifier/tnum.c '#include <stdio.h>'
refused "a system header in a portable file is refused" \
	"^verifier/tnum\.c:$line: #include <stdio\.h>: a portable file includes the platform shim"

plant channels/channel.c '/* the block shim (sipblk_notify) reads it */ // and sipblk_deliver'
out=$("$check" "$tmp/t" 2>&1)
ktap_check "a kmod/ name in a comment is no offence" test $? = 0 -a -z "$out"

ktap_finish
