# SPDX-License-Identifier: GPL-2.0
# Eight frames, the most allowed: the handler and seven nested functions
# (f1 calls f2 ... calls f7).
# kind: raw
# expect: accept
call local f1
exit
f1:
call local f2
exit
f2:
call local f3
exit
f3:
call local f4
exit
f4:
call local f5
exit
f5:
call local f6
exit
f6:
call local f7
exit
f7:
mov %r0, 7
exit
