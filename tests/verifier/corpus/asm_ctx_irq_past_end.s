# SPDX-License-Identifier: GPL-2.0
# A read at offset 16 of the 16-byte interrupt context.
# kind: irq
# expect: reject: invalid context access (off 16, size 4) in an irq handler
# insn: 0
ldxw %r0, [%r1+16]
exit
