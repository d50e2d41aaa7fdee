#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds the debug kernel of make check-debug from Debian's linux-source-6.1:
# make ARCH=x86_64 tinyconfig, then tests/vm/kernel/guest.config (what the
# test VM needs) and tests/vm/kernel/debug.config (KASAN, lockdep, UBSAN,
# kmemleak, ...). The tree is kept outside the repository, in
#   $SIPDRV_KERNEL_CACHE (default: ${XDG_CACHE_HOME:-$HOME/.cache}/sipdrv)/linux-HASH
# where HASH covers the source package's version, the config fragments, this
# script and the compiler, so that a second run does not rebuild and any
# change does. Compiles through ccache when it is installed. Prints the
# tree's path (a KDIR for sipdrv.ko, with arch/x86/boot/bzImage) on stdout;
# progress goes to stderr and the build log to TREE.log.
#   debug-kernel.sh [--print]   --print: only print the path, build nothing
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tar=/usr/src/linux-source-6.1.tar.xz
frags=("$top/tests/vm/kernel/guest.config" "$top/tests/vm/kernel/debug.config")
cache=${SIPDRV_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sipdrv}

die() { echo "debug-kernel: $*" >&2; exit 1; }
[ -f "$tar" ] || die "no $tar (install linux-source-6.1: scripts/install-deps.sh)"
version=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || stat -c %s.%Y "$tar")
hash=$( { echo "$version"; cat "${frags[@]}"; gcc --version | head -1; } |
	sha256sum | cut -c1-16)
tree=$cache/linux-$hash
if [ "${1:-}" = --print ]; then
	echo "$tree"
	exit 0
fi
if [ -f "$tree/.sipdrv-built" ]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$cache"
# The tree of another configuration becomes this one's: Kbuild rebuilds
# only the files that read a changed option. The cache keeps one tree.
for old in "$cache"/linux-*; do
	[ -d "$old" ] && [ "$old" != "$tree" ] || continue
	case $old in *.tmp) rm -rf "$old"; continue ;; esac
	rm -f "$old.log"
	if [ ! -f "$tree/Makefile" ] && [ -f "$old/Makefile" ]; then
		echo "debug-kernel: reusing $old" >&2
		rm -f "$old/.sipdrv-built"
		mv "$old" "$tree"
	else
		rm -rf "$old"
	fi
done
log=$tree.log
start=$(date +%s)
if [ ! -f "$tree/Makefile" ]; then
	echo "debug-kernel: extracting $tar into $tree" >&2
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	tar -xJf "$tar" -C "$tree.tmp" --strip-components=1
	mv "$tree.tmp" "$tree"
fi
cc=gcc
command -v ccache > /dev/null && cc="ccache gcc"
kmake() { make -C "$tree" ARCH=x86_64 CC="$cc" HOSTCC="$cc" "$@"; }
echo "debug-kernel: configuring (tinyconfig + ${frags[*]##*/})" >&2
{
	kmake tinyconfig
	(cd "$tree" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m .config "${frags[@]}")
	kmake olddefconfig
} > "$log" 2>&1 || { tail -n 30 "$log" >&2; die "configuration failed (log: $log)"; }
# Every option the fragments ask for must have stuck: Kconfig drops
# silently what a missing dependency forbids.
missing=$(cat "${frags[@]}" | grep -E '^CONFIG_[A-Z0-9_]+=' | while IFS= read -r line; do
	grep -qxF "$line" "$tree/.config" || echo "$line"
done)
[ -z "$missing" ] || die "options that did not stick (a dependency is missing): $(echo $missing)"
echo "debug-kernel: building (log: $log); about 10-20 min on 2 cores, 1-2 through ccache" >&2
nice -n 5 make -C "$tree" ARCH=x86_64 CC="$cc" HOSTCC="$cc" -j"$(nproc)" bzImage modules \
	>> "$log" 2>&1 || { tail -n 40 "$log" >&2; die "build failed (log: $log)"; }
touch "$tree/.sipdrv-built"
echo "debug-kernel: built in $(( $(date +%s) - start )) s: $tree" >&2
echo "$tree"
