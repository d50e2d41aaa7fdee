# SPDX-License-Identifier: GPL-2.0
# Pruning compares a number's link to a send result (its zid). Two paths
# meet at "join" with block r7 sent at insn 10 and r8 holding the low half
# of that send's result (zero exactly when the send succeeded) on the
# first, an unrelated number on the second. "r8 != 0" proves the block is
# still ours only on the first. (In C, clang keeps the path's own condition
# register, whose different values already stop pruning.)
# kind: msg
# channels: 1
# contract: ping client
# expect: reject: r7 may have been sent (sip_send at insn 10): test the result first
# insn: 19
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
mov %r7, %r0
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
mov %r5, %r7
call 4
ldxdw %r2, [%r6+8]
jne %r2, 0, path_b
mov32 %r8, %r0
mov %r2, 0
ja join
path_b:
mov32 %r8, -5
mov %r2, 0
join:
jeq %r8, 0, out
stb [%r7+0], 1
mov %r1, %r7
call 2
out:
mov %r0, 0
exit
