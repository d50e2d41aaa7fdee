# SPDX-License-Identifier: GPL-2.0
# What a helper's prototype promises of its result, used without a check:
# sip_crc32's is a 32-bit number (its top 4 bits index a 16-byte table),
# sip_memset's is 0 or -errno (added to a pointer 4095 bytes into a
# 4096-byte region, it stays inside).
# kind: msg
# data: 4096
# expect: accept
lddw %r1, data+0
mov %r2, 0
mov %r3, 16
call 19
lddw %r1, data+4095
add %r1, %r0
ldxb %r6, [%r1+0]
mov %r1, 0
lddw %r2, data+0
mov %r3, 16
call 25
rsh %r0, 28
lddw %r1, data+0
add %r1, %r0
ldxb %r0, [%r1+0]
exit
