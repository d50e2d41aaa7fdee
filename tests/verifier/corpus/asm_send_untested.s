# SPDX-License-Identifier: GPL-2.0
# A block sent (helper 4) without testing the result.
# kind: msg
# channels: 1
# contract: ping client
# expect: reject: the result of sip_send at insn 9 is not tested
# insn: 11
mov %r6, %r1
mov %r1, 8
call 1
jeq %r0, 0, +6
mov %r5, %r0
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
call 4
mov %r0, 0
exit
