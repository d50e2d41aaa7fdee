# SPDX-License-Identifier: GPL-2.0
# Register r11 does not exist for drivers (the rewriter keeps it for the
# fuel counter).
# kind: raw
# patch: 0 dst=11
# expect: reject: invalid register r11
# insn: 0
mov %r0, 0
exit
