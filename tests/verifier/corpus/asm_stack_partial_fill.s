# SPDX-License-Identifier: GPL-2.0
# A spilled pointer read back with a 4-byte load: its low half would
# become a number.
# kind: msg
# expect: reject: partial read of a spilled pointer (off -8, size 4)
# insn: 1
stxdw [%r10-8], %r1
ldxw %r0, [%r10-8]
exit
