#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sipctl against the loaded module in the guest: both versions printed and
# agreeing with the module's own sysfs entry.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
sipctl=$top/build/bin/sipctl

ktap_plan 4
out=$("$sipctl" version 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
ktap_check "sipctl version exits 0" test "$rc" = 0
ktap_check "sipctl version prints its own version" \
	grep -Eq '^sipctl [0-9.]+ \(ABI [0-9]+\)$' <<< "$out"
modver=$(cat /sys/module/sipdrv/version)
ktap_check "sipctl version prints the module's version" \
	grep -Eq "^sipdrv.ko ${modver//./\\.} \(ABI [0-9]+\)" <<< "$out"
ktap_check "both sides speak the same ABI" \
	test "$(grep -o 'ABI [0-9]*' <<< "$out" | sort -u | wc -l)" = 1
ktap_finish
