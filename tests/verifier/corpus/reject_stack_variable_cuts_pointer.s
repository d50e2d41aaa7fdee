# SPDX-License-Identifier: GPL-2.0
# A write at a variable offset that may land in a spilled pointer: its
# slot may now hold a forged pointer, so none of its bytes may be read
# back (not as a pointer, not as a number). The block pointer spilled at
# r10-8 is filled after a byte store somewhere in [r10-16, r10-1].
# kind: msg
# expect: reject: read of uninitialised stack (off -8, size 8)
# insn: 12
mov %r6, %r1
call 5
jeq %r0, 0, out
stxdw [%r10-8], %r0
stdw [%r10-16], 0
ldxw %r2, [%r6+4]
and %r2, 15
mov %r3, %r10
add %r3, %r2
stb [%r3-16], 7
mov %r1, %r0
call 2
ldxdw %r1, [%r10-8]
mov %r0, 0
exit
out:
mov %r0, 0
exit
