# SPDX-License-Identifier: GPL-2.0
# Each frame has its own 512 bytes: a local function writes the bottom of
# its frame, and the caller's pointer into its own frame, received in r1.
# kind: raw
# expect: accept
stdw [%r10-512], 5
mov %r1, %r10
add %r1, -512
call local f
ldxdw %r2, [%r10-512]
add %r0, %r2
exit
f:
stdw [%r10-512], 6
stdw [%r1+0], 7
ldxdw %r0, [%r10-512]
exit
