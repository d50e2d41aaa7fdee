# SPDX-License-Identifier: GPL-2.0
# sip_crc32's result shifted by 27 spans 32 values: one past a 16-byte
# table at its top.
# kind: msg
# data: 16
# expect: reject: read of private data out of bounds (off [0, 31], size 1, size 16)
# insn: 9
mov %r1, 0
lddw %r2, data+0
mov %r3, 16
call 25
rsh %r0, 27
lddw %r1, data+0
add %r1, %r0
ldxb %r0, [%r1+0]
exit
