# SPDX-License-Identifier: GPL-2.0
# Two functions that call each other.
# kind: raw
# expect: reject: recursive call: the function at insn
# insn: 3
call local f
mov %r0, 0
exit
f:
call local g
exit
g:
call local f
exit
