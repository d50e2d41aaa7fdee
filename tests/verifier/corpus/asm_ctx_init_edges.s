# SPDX-License-Identifier: GPL-2.0
# The init context's first and last parameters (offsets 0 and 56, 8 bytes
# each) read through a moved context pointer (constant offsets are fine).
# kind: init
# expect: accept
ldxdw %r0, [%r1+0]
add %r1, 56
ldxdw %r2, [%r1+0]
add %r0, %r2
exit
