#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make style: the kernel's own checks on the code that goes into sipdrv.ko.
#   checkpatch.pl --no-tree (from Debian's linux-source-6.1) on every C file
#   and header of the module's folders: no ERROR;
#   sparse (C=2) over the module's build: no warning.
# Prints each finding and exits 1 if there is any.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tar=/usr/src/linux-source-6.1.tar.xz
cp_dir=$top/build/checkpatch
kdir=${KDIR:-/lib/modules/$("$top/scripts/kver.sh")/build}
rc=0

[ -f "$tar" ] || { echo "style: no $tar (install linux-source-6.1)" >&2; exit 1; }
if [ ! -f "$cp_dir/scripts/checkpatch.pl" ]; then
	mkdir -p "$cp_dir"
	tar -xJf "$tar" -C "$cp_dir" --strip-components=1 --wildcards '*/scripts/checkpatch.pl' \
		'*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
fi

# The module's sources: what Kbuild compiles, with the headers beside it.
dirs=$(sed -n 's,^[[:space:]]*\([a-z_/]*\)/[a-z_]*\.o.*,\1,p' Kbuild | sort -u)
files=$(git ls-files -- $(for d in $dirs include; do printf '%s/*.c %s/*.h ' "$d" "$d"; done))
echo "== checkpatch.pl --no-tree on $(echo "$files" | wc -w) files ($(echo $dirs include))"
out=$(perl "$cp_dir/scripts/checkpatch.pl" --no-tree --terse --show-types --no-summary \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f $files 2>&1)
errors=$(printf '%s\n' "$out" | grep ': ERROR:')
if [ -n "$errors" ]; then
	printf '%s\n' "$errors"
	rc=1
fi
echo "checkpatch: $(printf '%s' "$errors" | grep -c ERROR) errors," \
	"$(printf '%s\n' "$out" | grep -c ': WARNING:') warnings (scripts/style.sh -v lists them)"
[ "${1:-}" = -v ] && printf '%s\n' "$out" | grep ': WARNING:'

echo "== sparse over sipdrv.ko and the test module"
if ! command -v sparse > /dev/null; then
	echo "style: sparse is not installed (scripts/install-deps.sh)" >&2
	exit 1
fi
log=$(make -s -C "$kdir" M="$top" SIPDRV_TESTS=m C=2 CHECK=sparse CF=-D__CHECK_ENDIAN__ \
	modules 2>&1)
warnings=$(printf '%s\n' "$log" | grep -E ': (warning|error):' | sort -u)
if [ -n "$warnings" ]; then
	printf '%s\n' "$warnings" | sed "s,$top/,,"
	rc=1
fi
echo "sparse: $(printf '%s' "$warnings" | grep -c .) warnings"
exit $rc
