# SPDX-License-Identifier: GPL-2.0
# Pruning maps blocks between paths by their references, not by the
# register they are in. Two paths meet at "join" with r2 the 64-byte block
# and r3 the 8-byte one on the first, the other way round on the second;
# the write at r2+63 is inside its block only on the first.
# kind: msg
# expect: reject: write to exchange block out of bounds (off 63, size 1, block 8)
# insn: 20
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
mov %r7, %r0
mov %r1, 8
call 1
jne %r0, 0, have_b
mov %r1, %r7
call 2
ja out
have_b:
mov %r8, %r0
ldxdw %r1, [%r6+8]
jne %r1, 0, path_b
mov %r2, %r7
mov %r3, %r8
ja join
path_b:
mov %r2, %r8
mov %r3, %r7
mov %r1, 0
join:
stb [%r2+63], 1
stb [%r3+0], 2
mov %r1, %r7
call 2
mov %r1, %r8
call 2
out:
mov %r0, 0
exit
