# SPDX-License-Identifier: GPL-2.0
# Pruning counts copies of a pointer as links, as it does copies of a
# number. Two paths meet at "join": on the first (explored first), r8 is a
# copy of r7; on the second it points elsewhere in the block, within the
# same offsets. "r7 < end" then bounds r8 only on the first.
# kind: msg
# expect: reject: write to exchange block out of bounds (off [0, 255], size 1, block 1)
# insn: 25
	mov %r6, %r1
	call 5
	jeq %r0, 0, out
	mov %r9, %r0
	mov %r1, %r9
	call 3
	mov %r5, %r9
	add %r5, %r0
	ldxdw %r1, [%r6+8]
	and %r1, 255
	mov %r7, %r9
	add %r7, %r1
	ldxdw %r2, [%r6+16]
	jeq %r2, 0, other
	mov %r8, %r7
	ja join
other:
	ldxdw %r3, [%r6+24]
	and %r3, 255
	mov %r8, %r9
	add %r8, %r3
join:
	mov %r0, 0
	mov %r1, 0
	mov %r2, 0
	mov %r3, 0
	jge %r7, %r5, done
	stb [%r8+0], 1
	ja done
done:
	mov %r1, %r9
	call 2
out:
	mov %r0, 0
	exit
