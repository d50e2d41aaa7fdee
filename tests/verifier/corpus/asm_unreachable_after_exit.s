# SPDX-License-Identifier: GPL-2.0
# Dead code after the exit of the only path (a forgotten error path).
# kind: msg
# expect: reject: unreachable instruction
# insn: 2
mov %r0, 0
exit
mov %r0, -22
exit
