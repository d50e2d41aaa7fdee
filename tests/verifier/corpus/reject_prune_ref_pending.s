# SPDX-License-Identifier: GPL-2.0
# Pruning compares whether a block is owned or waits for a send's result.
# Two paths meet at "join" after a send each: of no block on the first (r7
# still owned), of r7 on the second, the result not yet tested. The write
# that follows is safe only on the first.
# kind: msg
# channels: 1
# contract: ping client
# expect: reject: r7 may have been sent (sip_send at insn 16): test the result first
# insn: 18
mov %r6, %r1
mov %r1, 64
call 1
jeq %r0, 0, out
mov %r7, %r0
ldxdw %r9, [%r6+8]
ldxw %r1, [%r6+0]
mov %r2, 1
mov %r3, 0
mov %r4, 0
mov %r5, 0
jne %r9, 0, path_b
call 4
mov %r9, 0
ja join
path_b:
mov %r5, %r7
call 4
mov %r9, 0
join:
stb [%r7+0], 1
mov %r1, %r7
call 2
out:
mov %r0, 0
exit
