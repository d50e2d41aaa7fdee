# SPDX-License-Identifier: GPL-2.0
# A byte read at offset 40 of the 40-byte message context.
# kind: msg
# expect: reject: invalid context access (off 40, size 1) in a msg handler
# insn: 0
ldxb %r0, [%r1+40]
exit
