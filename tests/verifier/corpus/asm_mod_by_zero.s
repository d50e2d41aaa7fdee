# SPDX-License-Identifier: GPL-2.0
# x % y where y may be 0: the ISA defines x % 0 as x, so the result is
# not bounded by y and cannot offset a pointer.
# kind: msg
# data: 16
# expect: reject: pointer arithmetic with an unbounded value (r2): bound it first
# insn: 6
ldxdw %r2, [%r1+8]
ldxb %r3, [%r1+4]
and %r3, 1
mod %r2, %r3
lddw %r4, data+0
add %r4, %r2
ldxb %r0, [%r4+0]
exit
