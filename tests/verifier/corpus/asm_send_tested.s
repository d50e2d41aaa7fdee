# SPDX-License-Identifier: GPL-2.0
# A block sent with the result tested: freed when the send failed (jne 0),
# gone to the peer when it returned 0.
# kind: msg
# channels: 1
# contract: ping client
# expect: accept
mov %r6, %r1
mov %r1, 8
call 1
jeq %r0, 0, +11
mov %r7, %r0
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
mov %r5, %r7
call 4
jeq %r0, 0, +3
mov %r1, %r7
call 2
mov %r0, -5
mov %r0, 0
exit
