#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The VM runner: boots the installed kernel under QEMU (TCG, 2 vCPUs) with a
# small busybox initramfs, shares the host root read-only over virtio-9p, loads
# sipdrv.ko from the build tree and runs the given test programs inside, in one
# boot. Each program's output (KTAP) and exit status come back through a
# writable 9p share; only results the guest wrote count. The guest kernel runs
# with panic_on_warn and oops=panic, so a WARN, oops or lockup ends the boot
# and shows up as missing results. On failure the guest's kernel log is shown.
#
# usage: tests/vm/run.sh [options] PROGRAM...
#   --kver KVER        kernel release to boot (default: scripts/kver.sh)
#   --kernel BZIMAGE   boot this kernel instead of /boot/vmlinuz-KVER: one with
#                      virtio-pci and 9p built in (make check-debug's), booted
#                      with pci=noacpi and kmemleak's final scan
#   --module PATH|none sipdrv.ko to load first (default: kmod/sipdrv.ko)
#   --qemu-arg ARG     extra QEMU argument (repeatable; also $SIPDRV_QEMU_ARGS)
#   --out DIR          results directory (default: build/vm/results)
#   --timeout S        time limit per program in the guest (default 600)
#   --vm-timeout S     time limit for the whole boot (default 1800)
#   --mem SIZE         guest memory (default 2G)
#   --console          stream the programs' output (and kernel messages) live
#   --quiet            print only failures and the summary
# $SIPDRV_VM_CMDLINE: extra kernel parameters (for example nokaslr).
# PROGRAM is an executable path inside the repository (it runs in the guest
# at the same path, with the repository as working directory).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
kver=${KVER:-}
kernel=
module=$top/kmod/sipdrv.ko
out=$top/build/vm/results
test_timeout=600
vm_timeout=1800
mem=2G
console=0
quiet=()
qemu_extra=()
# shellcheck disable=SC2206
[ -n "${SIPDRV_QEMU_ARGS:-}" ] && qemu_extra=($SIPDRV_QEMU_ARGS)

die() { echo "vm: $*" >&2; exit 2; }
usage() { sed -n '/^# usage:/,/^# PROGRAM/{s/^# \{0,1\}//;p}' "$0"; }

while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=$2; shift 2 ;;
	--kernel) kernel=$2; shift 2 ;;
	--module) module=$2; shift 2 ;;
	--qemu-arg) qemu_extra+=("$2"); shift 2 ;;
	--out) out=$2; shift 2 ;;
	--timeout) test_timeout=$2; shift 2 ;;
	--vm-timeout) vm_timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--console) console=1; shift ;;
	--quiet) quiet=(--quiet); shift ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-*) usage >&2; die "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { usage >&2; die "no test program given"; }
case $top in
*[[:space:]]*) die "the repository path '$top' has white space; the kernel command line cannot carry it" ;;
esac
builtin=0
if [ -n "$kernel" ]; then
	# A kernel of our own build: its release is in the tree beside it, and
	# what the initramfs would load is built in.
	kernel=$(realpath "$kernel") || die "no kernel image $kernel"
	[ -r "$kernel" ] || die "no kernel image $kernel"
	kver=$(cat "${kernel%/arch/x86/boot/bzImage}/include/config/kernel.release" 2>/dev/null) ||
		die "$kernel is not in a built kernel tree (no include/config/kernel.release)"
	builtin=1
else
	[ -n "$kver" ] || kver=$("$top/scripts/kver.sh")
	[ -n "$kver" ] || die "no installed kernel with both /boot/vmlinuz-KVER and /lib/modules/KVER/build"
	kernel=/boot/vmlinuz-$kver
fi
command -v qemu-system-x86_64 > /dev/null || die "qemu-system-x86_64 not found (run scripts/install-deps.sh)"
if [ "$module" != none ]; then
	module=$(realpath "$module")
	[ -f "$module" ] || die "no module at $module (run make)"
fi

# --- the initramfs: busybox, /init and the modules that reach the 9p root ---
initramfs=$top/build/vm/initramfs-$kver.cpio.gz
[ "$builtin" = 1 ] && initramfs=$top/build/vm/initramfs-builtin.cpio.gz
build_initramfs()
{
	local busybox dir m
	busybox=$(command -v busybox) || die "busybox not found (install busybox-static)"
	ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
		die "$busybox is not static (install busybox-static)"
	dir=$(mktemp -d)
	mkdir -p "$dir/bin" "$dir/proc" "$dir/sys" "$dir/dev" "$dir/modules"
	cp "$busybox" "$dir/bin/busybox"
	cp "$top/tests/vm/init" "$dir/init"
	: > "$dir/modules.order"
	# modprobe prints the dependency closure in load order; keep the first
	# occurrence of each module.
	[ "$builtin" = 1 ] || for m in $(modprobe -S "$kver" --show-depends -a virtio_pci 9pnet_virtio 9p |
		   awk '$1 == "insmod" && !seen[$2]++ { print $2 }'); do
		case $m in
		*.ko) cp "$m" "$dir/modules/" ;;
		*.ko.xz) xz -dc "$m" > "$dir/modules/$(basename "${m%.xz}")" ;;
		*.ko.zst) zstd -qdc "$m" > "$dir/modules/$(basename "${m%.zst}")" ;;
		*) die "unexpected module file $m" ;;
		esac
		basename "${m%.ko*}.ko" >> "$dir/modules.order"
	done
	[ "$builtin" = 1 ] || [ -s "$dir/modules.order" ] || die "cannot resolve the 9p modules of $kver"
	mkdir -p "$(dirname "$initramfs")"
	(cd "$dir" && find . | cpio -o -H newc --quiet | gzip -1) > "$initramfs.tmp" &&
		mv "$initramfs.tmp" "$initramfs"
	rm -rf "$dir"
}
if [ ! -s "$initramfs" ] || [ "$top/tests/vm/init" -nt "$initramfs" ] ||
   [ "$0" -nt "$initramfs" ]; then
	build_initramfs
fi

# --- the results share: what the guest is asked to do and what it reports ---
rm -rf "$out"
mkdir -p "$out/share"
share=$out/share
{
	printf 'TOP=%q\nMODULE=%q\nTEST_TIMEOUT=%q\nCONSOLE=%q\n' \
		"$top" "$module" "$test_timeout" "$console"
	printf 'KMEMLEAK=%q\n' "$builtin"
	# The debug kernel (KASAN, lockdep) runs SIPs about three times slower:
	# the few limits in milliseconds that guest tests check scale with it.
	printf 'TIME_SCALE=%q\n' "$([ "$builtin" = 1 ] && echo 4 || echo 1)"
} > "$share/config"
: > "$share/programs"
echo vm > "$share/tests.list"
for prog in "$@"; do
	path=$(realpath "$prog") || die "no such program $prog"
	[ -x "$path" ] || die "$prog is not executable"
	name=$(basename "$path")
	name=${name%.sh}
	grep -qx "$name" "$share/tests.list" && die "two programs named $name"
	echo "$name $path" >> "$share/programs"
	echo "$name" >> "$share/tests.list"
done

# A kernel built for but not bootable here (make KDIR=... for another
# machine): every program is reported as skipped, with the reason.
if [ ! -r "$kernel" ]; then
	while read -r name path; do
		printf '1..1\nok 1 %s # SKIP cannot boot the guest: no %s\n' "$name" "$kernel" > "$share/$name.out"
		echo 4 > "$share/$name.rc"
	done < "$share/programs"
	printf '1..1\nok 1 boot # SKIP no %s\n' "$kernel" > "$share/vm.out"
	echo 4 > "$share/vm.rc"
	exec "$top/tests/lib/summarize.sh" "${quiet[@]}" "$share"
fi

# --- boot ---
cmdline="console=ttyS0 edd=off loglevel=5 panic=-1 panic_on_warn=1 oops=panic"
cmdline+=" softlockup_panic=1 hung_task_panic=1 random.trust_cpu=on"
# TCG's rdtsc reads the host's TSC, which is synchronized and invariant,
# but Linux's boot-time sync check fails under emulation and falls back to
# the HPET: every clock read becomes an emulated MMIO read under QEMU's big
# lock, about a fifth of all CPU time in the I/O benchmarks, and a source of
# noise between runs. The TSC makes the guest keep time as hardware does
# (and lets the vDSO serve clock_gettime without a system call).
cmdline+=" tsc=reliable clocksource=tsc"
# TCG's TSC runs at the host's rate. The guest calibrates it against the
# PIT, which under a loaded host is off by any factor (time then ran 24
# times too fast: spurious timeouts, RCU stalls): tell it the host's rate,
# from the host kernel's own calibration.
tsc_mhz=$(dmesg 2>/dev/null | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p; s/.*tsc: Detected \([0-9.]*\) MHz processor.*/\1/p' | tail -n 1)
[ -n "$tsc_mhz" ] || tsc_mhz=$(grep -q constant_tsc /proc/cpuinfo &&
	sed -n 's/^cpu MHz[[:space:]]*: \([0-9.]*\)$/\1/p' /proc/cpuinfo | head -n 1)
[ -n "$tsc_mhz" ] && cmdline+=" tsc_early_khz=$(awk -v m="$tsc_mhz" 'BEGIN { printf "%d", m * 1000 }')"
# Our own kernel (the debug one) has ACPI only for the CPUs: without
# pci=noacpi, ACPI's _PRT evaluation waits 30 s per virtio device. A 1 MiB
# log buffer keeps the first report when a storm of them follows.
[ "$builtin" = 1 ] && cmdline+=" pci=noacpi log_buf_len=1M"
cmdline+=" sipdrv_top=$top${SIPDRV_VM_CMDLINE:+ $SIPDRV_VM_CMDLINE}"
qemu=(qemu-system-x86_64 -accel tcg -smp 2 -m "$mem"
      -nodefaults -no-user-config -nographic -no-reboot
      -kernel "$kernel" -initrd "$initramfs" -append "$cmdline"
      -serial stdio -bios qboot.rom
      -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
      -virtfs "local,path=$share,mount_tag=results,security_model=none"
      -virtfs "local,path=$top,mount_tag=repo,security_model=none,readonly=on,multidevs=remap"
      "${qemu_extra[@]}")
start=$(date +%s%N)
if [ "$console" = 1 ]; then
	timeout -k 5 "$vm_timeout" "${qemu[@]}" < /dev/null 2>&1 | tee "$out/console.log"
	qemu_rc=${PIPESTATUS[0]}
else
	timeout -k 5 "$vm_timeout" "${qemu[@]}" < /dev/null > "$out/console.log" 2>&1
	qemu_rc=$?
fi
ms=$(( ($(date +%s%N) - start) / 1000000 ))

[ "$qemu_rc" = 124 ] && echo "vm: the guest did not finish within ${vm_timeout}s" >> "$out/console.log"
"$top/tests/lib/summarize.sh" "${quiet[@]}" "$share"
rc=$?
if [ "$rc" != 0 ]; then
	# A program that failed while the guest lived left the kernel log behind;
	# a guest that died left only its console (which has the panic).
	for f in "$share"/*.dmesg; do
		[ -f "$f" ] || continue
		echo "----- guest kernel log after $(basename "$f" .dmesg) (last 60 lines of $f) -----"
		tail -n 60 "$f"
	done
	echo "----- guest console, last 200 lines (all of it: $out/console.log) -----"
	tr -d '\r' < "$out/console.log" | tail -n 200
fi
printf 'vm: boot and tests took %d.%d s (qemu exit %s)\n' $((ms / 1000)) $((ms % 1000 / 100)) "$qemu_rc"
exit "$rc"
