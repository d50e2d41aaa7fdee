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

# The module's sources: what Kbuild compiles, with the headers beside it, and
# the folders whose C files a compiled file #includes (kmod/msgpath.c: sip/).
dirs=$( (sed -n 's,^[[:space:]]*\([a-z_/]*\)/[a-z_]*\.o.*,\1,p' Kbuild
	git grep -h '^#include "\.\./.*\.c"' -- kmod | sed 's,.*"\.\./\(.*\)/[^/]*",\1,') | sort -u)
files=$(git ls-files -- $(for d in $dirs include; do printf '%s/*.c %s/*.h ' "$d" "$d"; done))
# checkpatch knows only the typedefs of the file it reads: give it the
# module's, so that "const sip_helper_fn *p" reads as a declaration.
git grep -h '^typedef' -- $files | sed -n -e 's/.*(\*\([a-z_0-9]*\)).*/\1/p' \
	-e 's/^typedef .*[[:space:]]\([a-z_0-9]*\);.*/\1/p' | sort -u > "$cp_dir/typedefs"
echo "== checkpatch.pl --no-tree on $(echo "$files" | wc -w) files ($(echo $dirs include))"
out=$(perl "$cp_dir/scripts/checkpatch.pl" --no-tree --terse --show-types --no-summary \
	--typedefsfile "$cp_dir/typedefs" \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f $files 2>&1)

# The macros on which checkpatch's COMPLEX_MACRO and
# MULTISTATEMENT_MACRO_USE_DO_WHILE are false positives, by name (a new one
# must be added here deliberately; the types stay checked everywhere else):
#  - X-macro tables (a list of rows, no value to parenthesize) and the row
#    macros they are expanded with (an enum entry, a declaration, an argument
#    list, or a term of a sum or mask folded over the rows);
#  - attribute macros ("inline __attribute__((...))", as the kernel's own
#    compiler_attributes.h spells __always_inline).
fp_macros=" SIP_ENTRY_SECTIONS SIP_HELPERS _A0 _A1 _A2 _A3 _A4 _SIP_HELPER_ID _SIP_HELPER_DECL
	SIP_CONTRACT_BLOCK_STATES SIP_CONTRACT_BLOCK_MSGS SIP_CONTRACT_PING_MSGS SIP_CONTRACTS
	_SIP_ROW _SIP_SENDS_CLIENT _SIP_SENDS_SERVER
	SIP_INSNS _SIP_ALU _SIP_ALU_OFF _SIP_JMP SIP_MNEM_ALIASES
	__always_inline "
errors=$(printf '%s\n' "$out" | grep ': ERROR:' | while IFS=: read -r f l rest; do
	case $rest in
	*ERROR:COMPLEX_MACRO:* | *ERROR:MULTISTATEMENT_MACRO_USE_DO_WHILE:*)
		name=$(sed -n "${l}s/^#[[:space:]]*define[[:space:]]\{1,\}\([A-Za-z0-9_]*\).*/\1/p" "$f")
		if [ -n "$name" ] && [[ $fp_macros == *[[:space:]]$name[[:space:]]* ]]; then
			continue
		fi
		;;
	esac
	printf '%s:%s:%s\n' "$f" "$l" "$rest"
done)
if [ -n "$errors" ]; then
	printf '%s\n' "$errors"
	rc=1
fi
echo "checkpatch: $(printf '%s' "$errors" | grep -c ERROR) errors" \
	"($(printf '%s\n' "$out" | grep -c ': ERROR:') before the table macros' false positives)," \
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
