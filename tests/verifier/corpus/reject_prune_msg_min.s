# SPDX-License-Identifier: GPL-2.0
# Pruning compares what is known of msg->block_size even where no register
# holds it. Two paths meet at "join" with the same registers: on the first
# (explored first), msg->block_size was checked to be at least 64 and the
# register dropped; on the second it was never checked. The message's
# block, taken after the join, has 64 bytes only on the first.
# kind: msg
# expect: reject: write to exchange block out of bounds (off 63, size 1, block 0)
# insn: 13
	mov %r6, %r1
	ldxdw %r3, [%r6+8]
	mov %r2, 0
	jeq %r3, 0, other
	ldxdw %r2, [%r6+32]
	jlt %r2, 64, out
	mov %r2, 0
	mov %r3, 0
	ja join
other:
	mov %r3, 0
join:
	mov %r1, %r6
	call 5
	jeq %r0, 0, out
	stb [%r0+63], 1
	mov %r1, %r0
	call 2
out:
	mov %r0, 0
	exit
