# SPDX-License-Identifier: GPL-2.0
# The last byte of the message context (39) alone: not the start of a
# field, so refused, although it is inside the context.
# kind: msg
# expect: reject: invalid context access (off 39, size 1) in a msg handler
# insn: 0
ldxb %r0, [%r1+39]
exit
