#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What `make run` shows, inside the VM (sipdrv.ko is loaded by the runner):
# a ramdisk served by a verified SIP carrying an ext4 file system and fio's
# checksums, the drivers' list and statistics, a kernel <-> SIP round trip,
# a malicious driver refused by the verifier with its reason, and a driver
# that crashes taking down nothing but its own disk. Ends with one KTAP line.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
S=$top/build/bin/sipctl
D=$top/build/drivers
T=$top/build/tests/host/drivers
mnt=$(mktemp -d)
failed=0

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# step COMMAND...: shows it, runs it; a failure fails the demo.
step()
{
	printf '\033[1m$ %s\033[0m\n' "$*"
	"$@" || { echo "(failed: exit $?)"; failed=1; }
}
# refused COMMAND...: shows it, runs it; it must fail.
refused()
{
	printf '\033[1m$ %s\033[0m\n' "$*"
	if "$@"; then
		echo "(it should have been refused)"
		failed=1
	fi
	return 0
}

echo "1..1"
say "sipdrv on $(uname -sr), $(nproc) vCPUs"
step "$S" version

say "a driver written in C, verified before it runs"
step "$S" verify "$D/ramdisk.o"
step "$S" load "$D/ramdisk.o" size_mb=64 qd=32
dev=/dev/$("$S" list --json | sed -n 's/.*"name": "ramdisk".*"device": "\([a-z0-9]*\)".*/\1/p')
step ls -l "$dev"

say "fio writes 16 MiB of random blocks, reads them back and checks every crc32c"
step bash -c "fio --name=verify --filename=$dev --direct=1 --rw=randwrite --bsrange=4k-128k \
	--size=16M --ioengine=libaio --iodepth=16 --verify=crc32c --verify_fatal=1 \
	--randrepeat=0 2>&1 | grep -E 'IOPS|err='"

say "an ext4 file system on it"
modprobe ext4 2> /dev/null
step mkfs.ext4 -q -F "$dev"
step mount "$dev" "$mnt"
step cp -r "$top/include" "$mnt/"
step bash -c "(cd $mnt && find . -type f | sort | xargs sha256sum) > /tmp/demo.sums"
step umount "$mnt"
step fsck.ext4 -fn "$dev"
step mount "$dev" "$mnt"
step bash -c "cd $mnt && sha256sum -c --quiet /tmp/demo.sums && echo 'all $(wc -l < /tmp/demo.sums) files read back intact'"
step umount "$mnt"

say "what the drivers are doing"
step "$S" load "$D/nullblk.o" size_mb=256
step "$S" load "$D/echo.o"
step "$S" list
step "$S" stats ramdisk
step cat /sys/kernel/debug/sipdrv/ramdisk/stats
step "$S" ping echo --count 10000 --size 4096

say "a malicious driver: it reads 64 KiB from each 4 KiB request block (kernel memory)"
refused "$S" load "$T/snoop.o"

say "a driver that crashes after 20 requests: its disk fails, nothing else does"
step "$S" load "$T/crashblk.o"
cdev=/dev/$("$S" list --json | sed -n 's/.*"name": "crashblk".*"device": "\([a-z0-9]*\)".*/\1/p')
refused dd if=/dev/zero of="$cdev" bs=4k count=100 oflag=direct status=none
step "$S" list
step "$S" stats crashblk
step bash -c "dd if=$dev of=/dev/null bs=1M count=16 iflag=direct 2>&1 | tail -1"

say "unload everything: every exchange-heap block comes back"
for n in crashblk echo nullblk ramdisk; do
	step "$S" unload $n
done
step "$S" info

rmdir "$mnt"
if [ $failed = 0 ]; then
	echo "ok 1 demo"
else
	echo "not ok 1 demo"
fi
