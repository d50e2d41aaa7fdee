# SPDX-License-Identifier: GPL-2.0
# A jump into the middle of lddw: the target is the second slot, which
# holds only the high half of the constant.
# kind: raw
# expect: reject: ja: target 3 is the middle of lddw
# insn: 0
ja +2
mov %r0, 1
lddw %r0, 0x1122334455667788
exit
