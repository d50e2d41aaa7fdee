#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Block devices served by SIPs, as a user sees them: the ramdisk keeps what
# fio and ext4 write (checksums, fsck), nullblk completes reads and writes at once, a driver that
# never answers times out, one that crashes fails its disk and nothing else,
# unloading with I/O in flight and removing the module with drivers loaded
# never hang, 100 load/unload cycles leak nothing, broken images and
# unprivileged loads are refused. Engine: $SIPDRV_ENGINE (interp default).
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
D=$top/build/drivers
T=$top/build/tests/host/drivers
ENGINE=${SIPDRV_ENGINE:-interp}
tmp=$(mktemp -d)
trap 'umount $tmp/mnt 2>/dev/null; rm -rf "$tmp"' EXIT
load() { $S load "$@" --engine=$ENGINE; }
device() { $S list --json | sed -n "s/.*\"name\": \"$1\".*\"device\": \"\([a-z0-9]*\)\".*/\1/p"; }

clean_heap() { $S info --json | grep -q '"sips": 0, "instances": 0, "heap_blocks": 0,'; }

ktap_plan 36

# ---- ramdisk: data survives ----
expect_out "ramdisk loads and a disk appears" '^loaded ramdisk \(id [0-9]+\): sipblk[0-9]+$' \
	load $D/ramdisk.o size_mb=64 qd=32
dev=/dev/$(device ramdisk)
expect_out "the disk has the size asked for" '^67108864$' blockdev --getsize64 $dev
expect_out "fio: random direct writes of 512 B-256 KiB verify (crc32c)" 'err= 0' \
	bash -c "fio --name=mixed --filename=$dev --direct=1 --rw=randwrite --bsrange=512-256k \
		--size=16M --ioengine=libaio --iodepth=16 --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --randrepeat=0 2>&1 | grep -v 'verify: bad'"
expect_out "fio: buffered writes through the page cache verify" 'err= 0' \
	bash -c "fio --name=buffered --filename=$dev --rw=write --bsrange=1k-64k --size=16M \
		--offset=48M --verify=crc32c --do_verify=1 --verify_fatal=1 --end_fsync=1 2>&1"
# Two CPUs sending at once: the driver is often busy, so requests go both
# straight to it and through its ring, and the answers come back both ways.
expect_out "fio: two jobs on two CPUs write and read back 4-64 KiB at once (crc32c)" \
	'^2 jobs, err=0 err=0$' \
	bash -c "fio --name=pair --filename=$dev --direct=1 --rw=randwrite --bsrange=4k-64k \
		--size=8M --offset=16M --offset_increment=8M --numjobs=2 --cpus_allowed=0-1 \
		--cpus_allowed_policy=split --ioengine=libaio --iodepth=16 --verify=crc32c \
		--do_verify=1 --verify_fatal=1 --randrepeat=0 --minimal 2>&1 |
		awk -F';' 'NF > 100 { n++; e = e \" err=\" \$5 } END { print n \" jobs,\" e }'"
# Other SIPs come and go under traffic: with the JIT, each load hands the
# handler's static call over (kmod/jit.c) while this driver's runs use it.
handover()
{
	local pid i out ok=0
	fio --name=handover --filename=$dev --direct=1 --rw=randwrite --bsrange=4k-64k --size=8M \
		--offset=32M --ioengine=libaio --iodepth=8 --time_based --runtime=6 --verify=crc32c \
		--do_verify=1 --verify_fatal=1 --randrepeat=0 --minimal > $tmp/handover 2>&1 &
	pid=$!
	for i in $(seq 1 10); do
		load $D/echo.o > /dev/null || { echo "load $i failed"; continue; }
		out=$($S ping echo --count 200 2>&1)
		if grep -q ' 200 ok, 0 errors' <<< "$out"; then ok=$((ok + 1)); else echo "ping $i: $out"; fi
		$S unload echo > /dev/null || echo "unload $i failed"
	done
	wait $pid
	echo "$ok of 10 rounds ok, fio$(awk -F';' 'NF > 100 { print " err=" $5 }' $tmp/handover)"
}
expect_out "fio verifies while another SIP loads, answers 200 pings and unloads, 10 times" \
	'^10 of 10 rounds ok, fio err=0$' handover
modprobe ext4 2>/dev/null
mkdir -p $tmp/mnt
make_files()
{
	mkfs.ext4 -q -F $dev && mount $dev $tmp/mnt || return 1
	for i in $(seq 1 40); do
		head -c $((RANDOM * 7 + i)) /dev/urandom > $tmp/mnt/file$i || return 1
	done
	(cd $tmp/mnt && sha256sum file*) > $tmp/sums && umount $tmp/mnt
}
ktap_check "ext4: mkfs, mount, write 40 files, unmount" make_files
expect_out "ext4: fsck finds it clean" 'fsck exit 0$' bash -c "fsck.ext4 -fn $dev; echo fsck exit \$?"
expect_out "ext4: remounted, every file reads back intact" '^0$' \
	bash -c "mount $dev $tmp/mnt && (cd $tmp/mnt && sha256sum -c --quiet $tmp/sums); echo \$?; umount $tmp/mnt"
expect_out "the driver holds no block between requests" '"faults": 0, "blocks": 0,' $S stats ramdisk --json
expect_out "debugfs: sipdrv/ramdisk/stats counts the requests it served (and the reads lent)" \
	"^id [0-9]+ engine $ENGINE state running device sipblk[0-9]+ messages [1-9][0-9]* .*blocks 0 .* blk_done [1-9][0-9]* blk_errors 0 blk_busy [0-9]+ blk_timeouts 0 blk_lent [1-9][0-9]* fault_reason 0 fault - \$" \
	bash -c "tr '\n' ' ' < /sys/kernel/debug/sipdrv/ramdisk/stats"

run_ns() { $S stats ramdisk --json | sed -n 's/.*"run_ns": \([0-9]*\).*/\1/p'; }
handler_time()
{
	local p=/sys/module/sipdrv/parameters/handler_time before on off
	before=$(run_ns)
	echo 1 > $p
	dd if=$dev of=/dev/null bs=4k count=16 iflag=direct 2> /dev/null
	on=$(run_ns)
	echo 0 > $p
	dd if=$dev of=/dev/null bs=4k count=16 iflag=direct 2> /dev/null
	off=$(run_ns)
	echo "run_ns: $before untimed, $on after 16 timed reads, $off after 16 more untimed"
	[ "$before" = 0 ] && [ "$on" -gt 0 ] && [ "$off" = "$on" ]
}
ktap_check "handler_time=1 times handler runs, and only while it is set" handler_time

lent_count() { sed -n 's/^blk_lent \([0-9]*\)$/\1/p' /sys/kernel/debug/sipdrv/ramdisk/stats; }
# lend=0 (a static key): reads are copied, and still read back what was written.
lend_param()
{
	local p=/sys/module/sipdrv/parameters/lend l0 l1 l2 sum back
	head -c 65536 /dev/urandom > $tmp/pattern
	dd if=$tmp/pattern of=$dev bs=64k seek=100 oflag=direct 2> /dev/null || return 1
	sum=$(sha256sum < $tmp/pattern)
	echo 0 > $p
	l0=$(lent_count)
	back=$(dd if=$dev bs=4k skip=1600 count=16 iflag=direct 2> /dev/null | sha256sum)
	l1=$(lent_count)
	echo 1 > $p
	[ "$back" = "$sum" ] || { echo "lend=0: read back differs"; return 1; }
	back=$(dd if=$dev bs=4k skip=1600 count=16 iflag=direct 2> /dev/null | sha256sum)
	l2=$(lent_count)
	echo "lend=$(cat $p); lent: $l0, $l1 after 16 reads with lend=0, $l2 after 16 with lend=1"
	[ "$back" = "$sum" ] && [ "$l1" = "$l0" ] && [ "$l2" -ge $((l1 + 16)) ]
}
ktap_check "lend=0 copies reads (none lent) that read back intact; lend=1 lends them again" lend_param

# The disk's counters are per CPU, summed when read: two readers on two
# CPUs at once, 2000 direct 4 KiB reads each, count exactly 4000 more done
# (plain shared counters lose some to each other), and at most that many
# lent (a read whose lend entry is still busy is copied instead).
blk_stat() { sed -n "s/^blk_$1 \([0-9]*\)\$/\1/p" /sys/kernel/debug/sipdrv/ramdisk/stats; }
counters_exact()
{
	local d0 l0 d1 l1 p1 p2
	d0=$(blk_stat done)
	l0=$(blk_stat lent)
	taskset -c 0 dd if=$dev of=/dev/null bs=4k count=2000 iflag=direct 2> /dev/null &
	p1=$!
	taskset -c 1 dd if=$dev of=/dev/null bs=4k count=2000 skip=4000 iflag=direct 2> /dev/null &
	p2=$!
	wait $p1 && wait $p2 || { echo "a reader failed"; return 1; }
	d1=$(blk_stat done)
	l1=$(blk_stat lent)
	echo "blk_done +$((d1 - d0)), blk_lent +$((l1 - l0)) after 2 x 2000 reads"
	[ $((d1 - d0)) = 4000 ] && [ $((l1 - l0)) -gt 0 ] && [ $((l1 - l0)) -le 4000 ]
}
ktap_check "two CPUs reading at once: blk_done counts every request" counters_exact

# ---- nullblk: answers at once, moves no data ----
expect_out "nullblk loads" '^loaded nullblk' load $D/nullblk.o size_mb=128
ndev=/dev/$(device nullblk)
expect_out "nullblk: writes are accepted" 'copied' dd if=/dev/urandom of=$ndev bs=64k count=16 oflag=direct
expect_out "nullblk: 4 MiB read into a fresh buffer come back as zeroes" '^4194304 bytes, 0 not zero$' \
	bash -c "dd if=$ndev bs=1M count=4 iflag=direct 2>/dev/null > $tmp/z; \
		echo \$(stat -c %s $tmp/z) bytes, \$(tr -d '\\000' < $tmp/z | wc -c) not zero"

# ---- I/O in flight when the driver goes ----
unload_busy()
{
	# allow_file_create=0: once the disk is gone fio must not make
	# /dev/sipblkN a regular file (tmpfs), which would hide later disks.
	fio --name=busy --filename=$dev --direct=1 --rw=randrw --bs=4k --ioengine=libaio \
		--iodepth=32 --size=32M --time_based --runtime=60 --allow_file_create=0 \
		> $tmp/fio.out 2>&1 &
	local pid=$!
	sleep 2
	timeout 60 $S unload ramdisk || { kill $pid; return 1; }
	timeout 60 tail --pid=$pid -f /dev/null || { kill -9 $pid; echo "fio hangs"; return 1; }
	[ ! -e $dev ] || { echo "$dev is still there"; return 1; }
}
ktap_check "unloading with 32 requests in flight completes or fails them, no hang" unload_busy

# ---- a driver that never answers ----
echo 1000 > /sys/module/sipdrv/parameters/timeout_ms
expect_out "a driver that never answers loads" '^loaded hangblk' load $T/hangblk.o
hdev=/dev/$(device hangblk)
expect_out "its requests fail with a timeout error, after the timeout" 'Connection timed out' \
	timeout 60 dd if=$hdev of=/dev/null bs=4k count=1 iflag=direct
expect_out "and it unloads" '^unloaded hangblk$' $S unload hangblk

# ---- a driver that keeps a lent read buffer past its request ----
thief() # ANSWER ERROR: two direct reads fail with ERROR; the kept buffer is gone
{
	local tdev out n0
	load $T/thiefblk.o answer=$1 > /dev/null || return 1
	tdev=/dev/$(device thiefblk)
	n0=$(dmesg | wc -l)
	for i in 1 2; do
		out=$(timeout 60 dd if=$tdev of=/dev/null bs=4k count=1 iflag=direct 2>&1)
		grep -q "$2" <<< "$out" || { echo "read $i: $out"; $S unload thiefblk; return 1; }
	done
	$S unload thiefblk > /dev/null || return 1
	out=$(dmesg | tail -n +$((n0 + 1)) | grep ' thiefblk: ')
	echo "$out"
	[ "$(grep -c 'the block of an ended request is gone' <<< "$out")" = 1 ] &&
		! grep -q 'wrote into' <<< "$out"
}
ktap_check "a read answered without its lent buffer fails; the buffer kept in a slot is gone" \
	thief 1 'Input/output error'
ktap_check "a read that times out takes its lent buffer back from the slot the driver kept it in" \
	thief 0 'Connection timed out'
echo 10000 > /sys/module/sipdrv/parameters/timeout_ms

# ---- a driver that crashes, watched through the tracepoints ----
TR=/sys/kernel/tracing
trace_on()
{
	[ -d $TR/events/sipdrv ] || { echo "no $TR/events/sipdrv"; return 1; }
	# No comm recording: it would hook sched_switch, patching the text of
	# __schedule while the other vCPU runs it, which QEMU's TCG can turn
	# into a soft lockup (text_poke_bp waits for a CPU spinning on int3).
	echo 0 > $TR/options/record-cmd
	echo 0 > $TR/tracing_on && echo > $TR/trace && echo 1 > $TR/events/sipdrv/enable &&
		echo 1 > $TR/tracing_on
}
ktap_check "the sipdrv tracepoints (load, msg, fault, unload) can be enabled" trace_on
load $D/ramdisk.o size_mb=16 > /dev/null
expect_out "a driver that aborts after 20 requests loads" '^loaded crashblk' load $T/crashblk.o
cdev=/dev/$(device crashblk)
expect_out "its disk fails with I/O errors, without hanging" 'Input/output error' \
	timeout 60 dd if=/dev/zero of=$cdev bs=4k count=200 oflag=direct
expect_out "stats say why it stopped" 'faulted.*the driver called sip_abort\(-5\)' \
	bash -c "$S stats crashblk | tr '\n' ' '"
dev=/dev/$(device ramdisk)
expect_out "the other disk still works" 'copied' dd if=/dev/zero of=$dev bs=64k count=16 oflag=direct
$S unload crashblk > /dev/null
traced()
{
	local p ok=0
	echo 0 > $TR/tracing_on
	for p in 'sipdrv_load: crashblk id=[0-9]+ engine=(interp|jit) device=sipblk[0-9]+$' \
		'sipdrv_msg: crashblk chan=0 tag=[0-9]+ block=4096 ns=[0-9]+$' \
		'sipdrv_fault: crashblk reason=[0-9]+: the driver called sip_abort\(-5\)$' \
		'sipdrv_unload: crashblk id=[0-9]+$'; do
		grep -Eq "$p" $TR/trace || { echo "no line matches: $p"; ok=1; }
	done
	echo 0 > $TR/events/sipdrv/enable
	[ $ok = 0 ] || grep sipdrv $TR/trace | head -20
	return $ok
}
ktap_check "the trace shows crashblk's load, its messages, its fault and its unload" traced
expect_out "debugfs: an unloaded driver's directory is gone" '^gone$' \
	bash -c "[ -d /sys/kernel/debug/sipdrv/ramdisk ] && [ ! -e /sys/kernel/debug/sipdrv/crashblk ] && echo gone"
$S unload ramdisk > /dev/null
$S unload nullblk > /dev/null

# ---- load/unload cycles: 100 of a SIP with traffic, 10 with a disk ----
cycles()
{
	local i
	for i in $(seq 1 100); do
		load $D/echo.o > /dev/null || { echo "load $i failed"; return 1; }
		$S ping echo --count 10 --size 512 > /dev/null || { echo "ping $i failed"; return 1; }
		$S unload echo > /dev/null || { echo "unload $i failed"; return 1; }
	done
	for i in $(seq 1 10); do
		load $D/ramdisk.o size_mb=4 > /dev/null || { echo "load disk $i failed"; return 1; }
		dd if=/dev/zero of=/dev/sipblk0 bs=4k count=4 oflag=direct 2> /dev/null
		$S unload ramdisk > /dev/null || { echo "unload disk $i failed"; return 1; }
	done
	clean_heap || { $S info; return 1; }
}
ktap_check "110 load/unload cycles (10 with a disk) leave no SIP, instance or block behind" cycles

# ---- refusals ----
$S image $D/ramdisk.o --out $tmp/good.img > /dev/null
head -c 100 $tmp/good.img > $tmp/trunc.img
expect_out "a truncated image is refused with the reason" \
	'image: .*(size|bytes|past the end|header)' load --image $tmp/trunc.img
cp $tmp/good.img $tmp/off.img
printf '\xf0\xff\xff\xff' | dd of=$tmp/off.img bs=1 seek=40 conv=notrunc 2>/dev/null
expect_out "an image with a section offset past its end is refused" \
	'image: section insns \(off 4294967280' load --image $tmp/off.img
cp $tmp/good.img $tmp/count.img
printf '\xff\xff\xff\x7f' | dd of=$tmp/count.img bs=1 seek=36 conv=notrunc 2>/dev/null
expect_out "an image with a huge entry count is refused" 'image: section entries' \
	load --image $tmp/count.img
expect_out "an unprivileged user cannot load" 'permission denied \(this needs CAP_SYS_ADMIN' \
	setpriv --reuid=65534 --regid=65534 --clear-groups $S load $D/nullblk.o

# ---- the module goes with drivers loaded ----
rmmod_loaded()
{
	load $D/ramdisk.o > /dev/null && load $D/nullblk.o > /dev/null || return 1
	rmmod sipdrv || return 1
	[ ! -e /dev/sipblk0 ] && [ ! -d /sys/module/sipdrv ] || { echo "left behind"; return 1; }
	insmod $top/kmod/sipdrv.ko
}
ktap_check "rmmod with two block drivers loaded removes both disks" rmmod_loaded
ktap_finish
