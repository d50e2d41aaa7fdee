#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Exchange heap and channels in the kernel, with SIPs written in C: blocks
# make round trips through two SIPs and come back intact, a contract
# violation or a spinning loop stops only the guilty SIP, a dead SIP's
# blocks are reclaimed, quotas hold, and nothing is left when all unload.
# Runs with the engine in $SIPDRV_ENGINE (interp by default; see
# sip_channels_jit.sh).
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/ktap.sh"
S=$top/build/bin/sipctl
D=$top/build/drivers
T=$top/build/tests/host/drivers
ENGINE=${SIPDRV_ENGINE:-interp}
load() { $S load "$@" --engine=$ENGINE; }

ktap_plan 24
expect_out "echo loads" '^loaded echo \(id [0-9]+\)$' load $D/echo.o
expect_out "the ping relay loads" '^loaded ping' load $D/ping.o
expect_out "relay's out channel connects to echo" '^connected ping:1 to echo:0$' $S connect ping:1 echo:0
expect_out "4 KiB blocks go kernel -> ping -> echo -> ping -> kernel intact" \
	'^1000 round trips with 4096-byte blocks: 1000 ok, 0 errors$' $S ping ping --count 1000 --size 4096
expect_out "1-byte blocks too" '1000 ok, 0 errors' $S ping ping --count 1000 --size 1
expect_out "and messages without a block" '1000 ok, 0 errors' $S ping ping --count 1000
expect_out "the relay ran each ping and each echo" '"messages": 6000, .*"blocks": 0,' $S stats ping --json
expect_out "echo holds no block after the round trips" '"messages": 3000, .*"blocks": 0, "hw_blocks": 1,' \
	$S stats echo --json
expect_out "a connected channel cannot be pinged from the kernel" 'connected to another|busy' \
	$S ping echo --count 1

expect_out "a SIP that breaks its contract loads" '^loaded violator' load $T/violator.o
expect_out "its first answer arrives, then it is stopped" '^3 round trips.*: 1 ok, 2 errors$' \
	$S ping violator --count 3
expect_out "stats say why" 'faulted.*stopped by   contract sipdrv.ping, channel 0, tag 2: a reply without a request' \
	bash -c "$S stats violator | tr '\n' ' '"
expect_out "the other SIPs go on" '100 ok, 0 errors' $S ping ping --count 100 --size 64

expect_out "a spinning SIP is stopped by its fuel" 'ran out of fuel' \
	bash -c "$S load $T/spinner.o --engine=$ENGINE >/dev/null && $S ping spinner --count 1; $S stats spinner"

# The hoarder keeps the blocks (no ping comes back whole): 5 errors, but its
# quota of 3 lets only 3 of the 5 blocks reach it.
expect_out "a hoarder is sent 5 blocks and keeps them" '^5 round trips.*: 0 ok, 5 errors$' \
	bash -c "$S load $T/hoarder.o --engine=$ENGINE >/dev/null && $S ping hoarder --count 5 --size 100"
expect_out "its quota let it hold 3, never more" '"messages": 3, .*"blocks": 3, "hw_blocks": 3' \
	$S stats hoarder --json
expect_out "unloading it gives them back" '"heap_blocks": 0,' \
	bash -c "$S unload hoarder >/dev/null && $S info --json"

# The second sip_msg_block of a message finds nothing (inlined by the JIT).
expect_out "a SIP that takes its message's block twice gets it once" \
	'^200 round trips with 64-byte blocks: 200 ok, 0 errors$' \
	bash -c "$S load $T/twice.o --engine=$ENGINE >/dev/null && $S ping twice --count 200 --size 64"
expect_out "and it holds no block afterwards, nor has it faulted" '"faults": 0, "blocks": 0,' \
	bash -c "$S stats twice --json; $S unload twice > /dev/null"

expect_out "keeper takes parameters" '^loaded keeper' load $T/keeper.o depth=9
expect_out "a bad parameter is refused with the reason" 'parameter depth: 99 is outside 1..64' \
	bash -c "$S unload keeper >/dev/null; $S load $T/keeper.o depth=99"
expect_out "the SIPs run on the $ENGINE engine" "\"name\": \"echo\", .*\"engine\": \"$ENGINE\"" $S list --json

for s in ping echo violator spinner; do $S unload $s > /dev/null; done
expect_out "everything is back after unloading" \
	'^\{"sips": 0, "instances": 0, "heap_blocks": 0, "heap_bytes": 0,' $S info --json
expect_out "no SIP left in the list" '^\[\]$' $S list --json
ktap_finish
