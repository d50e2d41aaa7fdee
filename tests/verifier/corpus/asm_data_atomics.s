# SPDX-License-Identifier: GPL-2.0
# Atomics on private data at aligned, fixed offsets: add, fetch-add (the
# old value comes back as a number), xchg and cmpxchg, on 32- and 64-bit
# words, the last word of the region included.
# kind: msg
# data: 16
# expect: accept
lddw %r2, data+0
mov %r3, 1
lock add [%r2+0], %r3
lock fetch add [%r2+8], %r3
lock xchg32 [%r2+12], %r3
mov %r0, 0
mov %r4, 5
lock cmpxchg [%r2+8], %r4
add %r0, %r3
exit
