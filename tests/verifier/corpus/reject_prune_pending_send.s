# SPDX-License-Identifier: GPL-2.0
# Pruning compares which send a pending block waits on. Two paths meet at
# "join" with block a (r7) sent and r9 a send's result on both: on the
# first r9 is the result of a's send, on the second the result of an
# earlier send of another block, c, while a's own result was dropped.
# "r9 != 0" proves a still ours only on the first; the write that follows
# is into a block that may be the receiver's on the second.
# kind: msg
# channels: 1
# contract: ping client
# expect: reject: r7 may have been sent (sip_send at insn 35): test the result first
# insn: 37
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
mov %r7, %r0
mov %r1, 64
call 1
jne %r0, 0, have_c
mov %r1, %r7
call 2
ja out
have_c:
mov %r8, %r0
ldxdw %r9, [%r6+8]
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
jne %r9, 0, path_b
mov %r5, %r7
call 4
mov %r9, %r0
mov %r1, %r8
call 2
ja join
path_b:
mov %r5, %r8
call 4
mov %r9, %r0
jeq %r9, 0, c_sent
mov %r1, %r8
call 2
c_sent:
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
mov %r5, %r7
call 4
join:
jeq %r9, 0, out
stb [%r7+0], 1
mov %r1, %r7
call 2
out:
mov %r0, 0
exit
