# SPDX-License-Identifier: GPL-2.0
# A read one byte before the message context.
# kind: msg
# expect: reject: invalid context access (off -1, size 1) in a msg handler
# insn: 0
ldxb %r0, [%r1-1]
exit
