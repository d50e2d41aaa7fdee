# SPDX-License-Identifier: GPL-2.0
# An instruction no path reaches: jumped over and not a jump target.
# kind: raw
# expect: reject: unreachable instruction
# insn: 2
mov %r0, 0
ja +1
mov %r0, 1
exit
