# SPDX-License-Identifier: GPL-2.0
# sip_irq_ack (helper 13) from an init handler.
# kind: init
# expect: reject: sip_irq_ack is not allowed in an init handler
# insn: 1
mov %r1, 0
call 13
mov %r0, 0
exit
