#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What no verified driver can do to the kernel or to other drivers, however
# it behaves within the rules: ask for more than the kernel's budgets (fuel,
# exchange-heap quota, granted memory), spin, take another driver's share of
# the heap, hang a disk's requests, loop forever with itself, keep a ping
# waiting, or run on after its own fault. Engine: $SIPDRV_ENGINE (interp by
# default; see isolation_jit.sh). The VM runner fails the test on any WARN,
# lockup, RCU stall or OOM report in the kernel log.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
D=$top/build/drivers
T=$top/build/tests/host/drivers
ENGINE=${SIPDRV_ENGINE:-interp}
P=/sys/module/sipdrv/parameters
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load() { $S load "$@" --engine=$ENGINE; }
device() { $S list --json | sed -n "s/.*\"name\": \"$1\".*\"device\": \"\([a-z0-9]*\)\".*/\1/p"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# expect_ms DESCRIPTION LIMIT_MS COMMAND...: the command ends within LIMIT_MS
# (times $SIPDRV_TIME_SCALE: 4 on the debug kernel).
expect_ms()
{
	local name=$1 limit=$(($2 * ${SIPDRV_TIME_SCALE:-1})) t0 ms
	shift 2
	t0=$(now_ms)
	"$@" > "$tmp/out" 2>&1
	ms=$(($(now_ms) - t0))
	ktap_diag "$name: $ms ms"
	if [ "$ms" -le "$limit" ]; then
		ktap_ok "$name"
	else
		sed 's/^/# /' "$tmp/out" | tail -20
		ktap_fail "$name"
	fi
}

ktap_plan 36

# ---- budgets are the kernel's ----
expect_out "a driver asking for unbounded fuel is refused at load, with the ceiling" \
	"asks for fuel of 18446744073709551615 instructions per run, above the kernel's ceiling of $(cat $P/fuel_max) instructions per run" \
	load $T/greedy_fuel.o
expect_out "a driver asking for the whole heap is refused at load" \
	"asks for an exchange-heap quota of 4294967295 blocks, above the kernel's ceiling of $(cat $P/quota_blocks) blocks" \
	load $T/greedy_heap.o
expect_out "a spinning driver loads with the default fuel" '^loaded spinner' load $T/spinner.o
expect_ms "an endless loop faults in well under a second" 1000 $S ping spinner --count 1
expect_out "stats say it ran out of fuel" 'ran out of fuel' $S stats spinner
$S unload spinner > /dev/null
# Cheap turns that each checksum 64 KiB: the helpers' work is charged too.
expect_out "a driver spinning on a helper loads with the default fuel" '^loaded helper-spinner' \
	load $T/helper_spinner.o
expect_ms "its loop of 64 KiB checksums faults in well under a second" 1000 \
	$S ping helper-spinner --count 1
expect_out "stats say its helpers ran out of fuel" 'its helpers copied or checksummed too much' \
	$S stats helper-spinner
$S unload helper-spinner > /dev/null

# ---- the heap: no driver takes more than its share ----
expect_out "a heap hog loads and takes all it can" '^loaded hog' load $T/hog.o
# quota_pct of a 64 MiB heap, in 1 MiB blocks.
expect_out "its quota stops it at its share (16 blocks of 1 MiB)" '"blocks": 16, .*"bytes": 16777216,' \
	$S stats hog --json
expect_out "a ramdisk loads next to it" '^loaded ramdisk' load $D/ramdisk.o size_mb=32 qd=32
dev=/dev/$(device ramdisk)
expect_out "fio verify on the ramdisk passes while the hog holds its share" 'err= 0' \
	bash -c "fio --name=hog --filename=$dev --direct=1 --rw=randwrite --bsrange=4k-256k \
		--size=16M --ioengine=libaio --iodepth=16 --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --randrepeat=0 2>&1 | grep -v 'verify: bad'"
expect_out "the hog unloads and gives its share back" '^unloaded hog$' $S unload hog
$S unload ramdisk > /dev/null

# ---- granted memory: a budget of its own, refused cleanly ----
budget=$(cat $P/grant_mb)
expect_out "granted memory beyond the budget ($budget MiB) is refused at load" \
	"init failed: init returned -122 \(sip_grant\(1024 MiB\) refused: over the budget of granted memory \($budget MiB, 0 in use\)\)" \
	load $D/ramdisk.o size_mb=1024
expect_out "a ramdisk within it loads" '^loaded ramdisk' load $D/ramdisk.o size_mb=$((budget / 2))
expect_out "and without the OOM killer" '^0$' bash -c "dmesg | grep -ci 'out of memory\|oom-kill'"
$S unload ramdisk > /dev/null

# ---- a disk whose driver cannot take its requests ----
old_timeout=$(cat $P/timeout_ms)
echo 2000 > $P/timeout_ms
expect_out "a block driver with a 4 KiB quota loads" '^loaded tinyblk' load $T/tinyblk.o
dev=/dev/$(device tinyblk)
expect_out "a 4 KiB write reaches it" '^ok$' \
	bash -c "dd if=/dev/zero of=$dev bs=4k count=1 oflag=direct 2>/dev/null && echo ok"
expect_ms "a 64 KiB write it can never take fails after the timeout instead of hanging" 8000 \
	bash -c "! dd if=/dev/zero of=$dev bs=64k count=1 oflag=direct"
expect_out "the writer saw an I/O error" 'Input/output error' cat "$tmp/out"
expect_ms "and the driver unloads" 5000 $S unload tinyblk
echo "$old_timeout" > $P/timeout_ms

# ---- a driver connected to itself ----
expect_out "a self-connecting driver loads" '^loaded selfloop' load $T/selfloop.o
expect_out "its out channel connects to its own peer channel" '^connected selfloop:2 to selfloop:1$' \
	$S connect selfloop:2 selfloop:1
expect_ms "a ping starts the endless exchange and returns" 5000 $S ping selfloop --count 1
r1=$($S stats selfloop --json | sed -n 's/.*"messages": \([0-9]*\),.*/\1/p')
sleep 2
r2=$($S stats selfloop --json | sed -n 's/.*"messages": \([0-9]*\),.*/\1/p')
ktap_diag "selfloop: $r1 then $r2 messages, 2 s apart"
expect_out "the exchange goes on, in the background ($r1 -> $r2 messages)" '^yes$' \
	bash -c "[ ${r2:-0} -gt ${r1:-0} ] && echo yes"
expect_out "other drivers are served meanwhile" '100 ok, 0 errors' \
	bash -c "$S load $D/echo.o --engine=$ENGINE > /dev/null && $S ping echo --count 100 --size 64"
expect_ms "and it unloads" 5000 $S unload selfloop
$S unload echo > /dev/null

# ---- after a fault, none of the driver's code runs ----
expect_out "a driver that aborts while serving a read loads" '^loaded abortblk' load $T/abortblk.o
dev=/dev/$(device abortblk)
# A direct read into a buffer of ours: lent to the driver, which writes after its abort.
expect_out "the read fails, and the code after sip_abort never wrote the reader's buffer" \
	'^EIO, buffer untouched$' python3 -c "
import mmap, os
buf = mmap.mmap(-1, 4096)
buf.write(b'\\x11' * 4096)
fd = os.open('$dev', os.O_RDONLY | os.O_DIRECT)
try:
    os.preadv(fd, [buf], 0)
    print('read succeeded')
except OSError as e:
    print(os.strerror(e.errno) == 'Input/output error' and 'EIO' or e, end='')
print(', buffer untouched' if buf[:4096] == b'\\x11' * 4096 else ', buffer written')
"
expect_out "stats say it aborted" 'faulted.*sip_abort' bash -c "$S stats abortblk | tr '\n' ' '"
$S unload abortblk > /dev/null

# ---- pings that never come back ----
expect_out "a driver that never answers loads" '^loaded silent' load $T/silent.o
expect_out "a ping to it stops at the first unanswered one" \
	'stopped after 1 round trips: the SIP did not answer within a second' \
	$S ping silent --count 1000000
expect_ms "an interrupted ping ends at once" 1500 \
	timeout -s INT 0.5 $S ping silent --count 1000000
$S unload silent > /dev/null

# ---- the largest frame: the JIT gets exactly the kernel's MAX_BPF_STACK ----
expect_out "a handler with a 504-byte frame loads, and its stack holds every byte" \
	'^loaded bigframe' load $T/bigframe.o
$S unload bigframe > /dev/null
expect_out "one with a 508-byte frame is refused by the verifier" \
	'stack too deep: the handler uses 520 bytes .* a run may use at most 512' load $T/overframe.o

expect_out "everything is back after unloading" \
	'^\{"sips": 0, "instances": 0, "heap_blocks": 0, "heap_bytes": 0,' $S info --json
ktap_finish
