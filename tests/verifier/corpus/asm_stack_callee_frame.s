# SPDX-License-Identifier: GPL-2.0
# Each frame has its own stack: a local function writes the bottom of its
# frame, and the caller's pointer into its own frame, received in r1. The
# two frames use 248 bytes each, 512 with the runtime's 8 below each: the
# most a run may use.
# kind: raw
# expect: accept
stdw [%r10-248], 5
mov %r1, %r10
add %r1, -248
call local f
ldxdw %r2, [%r10-248]
add %r0, %r2
exit
f:
stdw [%r10-248], 6
stdw [%r1+0], 7
ldxdw %r0, [%r10-248]
exit
