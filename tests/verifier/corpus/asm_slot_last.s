# SPDX-License-Identifier: GPL-2.0
# The last declared slot (1 of 2) emptied and its block freed.
# kind: exit
# slots: 2
# expect: accept
mov %r1, 1
mov %r2, 0
call 6
mov %r1, %r0
call 2
mov %r0, 0
exit
