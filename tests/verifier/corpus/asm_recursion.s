# SPDX-License-Identifier: GPL-2.0
# A function that calls itself.
# kind: raw
# expect: reject: recursive call of the function at insn 3
# insn: 3
call local f
mov %r0, 0
exit
f:
call local f
exit
