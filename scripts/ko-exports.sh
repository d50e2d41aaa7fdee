#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The symbols a kernel module exports (its __ksymtab entries), one a line:
#   scripts/ko-exports.sh [--none] MODULE.ko
# --none: print them and fail if there is any (a production sipdrv.ko exports
# nothing: the raw bytecode entry points are for the test build only).
none=0
[ "${1:-}" = --none ] && { none=1; shift; }
ko=${1:?usage: $0 [--none] MODULE.ko}
[ -f "$ko" ] || { echo "$0: no $ko" >&2; exit 2; }
syms=$(nm "$ko" | sed -n 's/^[0-9a-f]* [A-Za-z] __ksymtab_\(.*\)$/\1/p' | sort) || exit 2
[ -n "$syms" ] && printf '%s\n' "$syms"
if [ "$none" = 1 ] && [ -n "$syms" ]; then
	echo "$0: $ko exports $(wc -l <<< "$syms") symbols; a production build must export none" >&2
	exit 1
fi
exit 0
