# SPDX-License-Identifier: GPL-2.0
# The stack at both ends: r10-512 (the first byte) and r10-1 (the last),
# written and read back, a double word at the bottom and a byte at the
# top.
# kind: raw
# expect: accept
stdw [%r10-512], 1
stb [%r10-1], 2
ldxdw %r0, [%r10-512]
ldxb %r2, [%r10-1]
add %r0, %r2
exit
