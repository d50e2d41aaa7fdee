# SPDX-License-Identifier: GPL-2.0
# A block of 64 bytes (sip_block_alloc, helper 1) checked for NULL, then
# written and read at bytes 0 and 63 and as a double word at 56, and freed
# (helper 2).
# kind: msg
# expect: accept
mov %r1, 64
call 1
jeq %r0, 0, +8
stb [%r0+0], 1
stb [%r0+63], 2
stdw [%r0+56], 3
ldxb %r2, [%r0+63]
ldxdw %r3, [%r0+56]
mov %r1, %r0
call 2
mov %r0, 0
exit
