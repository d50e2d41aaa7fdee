# SPDX-License-Identifier: GPL-2.0
# A local call into the middle of lddw.
# kind: raw
# expect: reject: call: target 4 is the middle of lddw
# insn: 0
call local +3
mov %r0, 0
exit
lddw %r0, 5
exit
