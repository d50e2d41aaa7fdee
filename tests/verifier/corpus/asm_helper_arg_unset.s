# SPDX-License-Identifier: GPL-2.0
# sip_log (helper 8) called with its length register never set.
# kind: msg
# rodata: 8
# expect: reject: argument 2 of sip_log (the size, r2) must be a number
# insn: 2
lddw %r1, rodata+0
call 8
mov %r0, 0
exit
