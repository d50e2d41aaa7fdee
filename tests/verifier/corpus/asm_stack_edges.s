# SPDX-License-Identifier: GPL-2.0
# The stack at both ends: r10-504 (the deepest byte a one-frame run may
# use: with the runtime's 8 bytes below the frame, 512 in all) and r10-1
# (the last), written and read back, a double word at the bottom and a
# byte at the top.
# kind: raw
# expect: accept
stdw [%r10-504], 1
stb [%r10-1], 2
ldxdw %r0, [%r10-504]
ldxb %r2, [%r10-1]
add %r0, %r2
exit
