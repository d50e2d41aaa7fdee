#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms.conf builds sipdrv.ko with DKMS against the installed headers: a
# copy of the tracked files is added and built (and, as root, installed)
# with every DKMS tree in a temporary folder (--sourcetree, --dkmstree,
# --installtree, the signing key), so /usr/src, /var/lib/dkms and
# /lib/modules are left alone. The module built has the kernel's vermagic,
# and, being the production build, exports nothing (scripts/ko-exports.sh).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 6

conf_ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
release=$(sed -n 's/^#define SIPDRV_RELEASE "\(.*\)"$/\1/p' "$top/include/sipdrv/version.h")
expect_out "dkms.conf's PACKAGE_VERSION is SIPDRV_RELEASE ($release)" '^same$' \
	bash -c "echo 'dkms.conf: $conf_ver, version.h: $release'; [ -n '$release' ] && [ '$conf_ver' = '$release' ] && echo same"

kver=${KVER:-$("$top/scripts/kver.sh")}
skip_rest()
{
	ktap_skip "dkms add" "$1"
	ktap_skip "dkms build against the $kver headers, without a warning" "$1"
	ktap_skip "the module has the kernel's vermagic" "$1"
	ktap_skip "the module exports nothing" "$1"
	ktap_skip "dkms install puts it in updates/dkms" "$1"
	ktap_finish
}
command -v dkms > /dev/null || skip_rest "no dkms (apt-get install dkms)"
[ -n "$kver" ] && [ -f "/lib/modules/$kver/build/Makefile" ] || skip_rest "no kernel headers"
git -C "$top" rev-parse --git-dir > /dev/null 2>&1 || skip_rest "not a git checkout (the copy is of the tracked files)"

# The tracked files as they are in the working tree, where dkms wants them.
src=$tmp/src/sipdrv-$conf_ver
mkdir -p "$src" "$tmp/dkms" "$tmp/inst/$kver"
(cd "$top" && git ls-files -z | tar --null --ignore-failed-read -T - -cf - 2> /dev/null) |
	tar -C "$src" -xf -
# Signing (if the kernel's sign-file is there) with a key made here, not in /var/lib/dkms.
export mok_signing_key=$tmp/mok.key mok_certificate=$tmp/mok.pub
dk=(dkms --sourcetree "$tmp/src" --dkmstree "$tmp/dkms" --installtree "$tmp/inst" -j 2)

expect_out "dkms add" "$conf_ver" "${dk[@]}" add -m sipdrv -v "$conf_ver"
nice -n 10 "${dk[@]}" build -m sipdrv -v "$conf_ver" -k "$kver" > "$tmp/build.out" 2>&1
rc=$?
ko=$(find "$tmp/dkms/sipdrv/$conf_ver/$kver" -name 'sipdrv.ko*' -path '*/module/*' 2> /dev/null | head -1)
log=$tmp/dkms/sipdrv/$conf_ver/$kver/$(uname -m)/log/make.log
if [ $rc -eq 0 ] && [ -n "$ko" ] && [ -f "$log" ] && ! grep -i 'warning:' "$log"; then
	ktap_ok "dkms build against the $kver headers, without a warning"
else
	tail -20 "$tmp/build.out" | sed 's/^/# /'
	tail -30 "$log" "$tmp/dkms/sipdrv/$conf_ver/build/make.log" 2> /dev/null | sed 's/^/# /'
	ktap_fail "dkms build against the $kver headers, without a warning"
fi
# The vermagic of a module the kernel shipped, which it loads.
ref=$(find "/lib/modules/$kver/kernel" -name 'loop.ko*' -o -name 'null_blk.ko*' | head -1)
want=$(modinfo -F vermagic "$ref" 2> /dev/null)
expect_out "the module has the kernel's vermagic ($kver)" '^same$' \
	bash -c "got=\$(modinfo -F vermagic '$ko'); echo \"built: \$got; kernel: $want\";
		 [ -n '$want' ] && [ \"\$got\" = '$want' ] && echo same"
cp "$ko" "$tmp/check.ko" 2> /dev/null
case $ko in *.xz) xz -dc "$ko" > "$tmp/check.ko" ;; *.zst) zstd -qdc "$ko" > "$tmp/check.ko" ;; esac
ktap_check "the module exports nothing (no test-only entry point)" \
	"$top/scripts/ko-exports.sh" --none "$tmp/check.ko"

if [ "$(id -u)" = 0 ]; then
	"${dk[@]}" install --no-depmod -m sipdrv -v "$conf_ver" -k "$kver" > "$tmp/install.out" 2>&1
	expect_out "dkms install puts it in updates/dkms" "updates/dkms/sipdrv.ko" \
		bash -c "cat '$tmp/install.out' | tail -5; cd '$tmp/inst/$kver' && find . -name 'sipdrv.ko*'"
else
	ktap_skip "dkms install puts it in updates/dkms" "install needs root"
fi
ktap_finish
