# SPDX-License-Identifier: GPL-2.0
# sip_msg_block must be given the context itself, not a pointer into it.
# kind: msg
# expect: reject: argument 1 of sip_msg_block (r1: ctx) must be the handler's context
# insn: 1
add %r1, 8
call 5
mov %r1, %r0
call 2
mov %r0, 0
exit
