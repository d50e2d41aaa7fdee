# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound): the verifier used to ACCEPT this program, which reads
# private data at an offset the message chooses freely.
#
# Two paths meet at insn 6. On the first (args[2] != 0) r3 is a copy of r2
# (mov links them: one id); on the second (args[2] == 0) r3 is args[1],
# unrelated to r2. At insn 6 "r2 <= 15" bounds r2 and, through the link,
# r3 on the first path only; r3 then offsets a pointer into data. The first
# path is explored first and its state kept at insn 6; the second arrives
# with the same ranges (all unknown) and is pruned, because reg_covers() in
# verifier/state.c compares scalar ids only when a reference (a send result
# or a block size) refers to them. But a link between two registers is
# itself knowledge the old path relied on. Fix: when an old scalar's id is
# shared by another register or spill of the old state, require the
# ids_match() mapping for it too (Linux had the same hole: fixed by "bpf:
# verify scalar ids mapping in regsafe() using check_ids()", 6.5).
# kind: msg
# data: 16
# expect: reject: pointer arithmetic with an unbounded value (r3)
# insn: 9
ldxdw %r2, [%r1+8]
ldxdw %r3, [%r1+16]
ldxdw %r5, [%r1+24]
jeq %r5, 0, +2
mov %r3, %r2
mov %r5, 0
jgt %r2, 15, +5
lddw %r4, data+0
add %r4, %r3
ldxb %r0, [%r4+0]
exit
mov %r0, 0
exit
