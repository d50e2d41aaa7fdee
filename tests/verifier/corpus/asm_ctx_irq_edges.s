# SPDX-License-Identifier: GPL-2.0
# The interrupt context's fields: irq (offset 0, 4 bytes) and count (the
# last, offset 8, 8 bytes).
# kind: irq
# expect: accept
ldxw %r0, [%r1+0]
ldxdw %r2, [%r1+8]
add %r0, %r2
exit
