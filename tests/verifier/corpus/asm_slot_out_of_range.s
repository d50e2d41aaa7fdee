# SPDX-License-Identifier: GPL-2.0
# sip_slot_xchg (helper 6) of slot 2 when the manifest declares 2 slots.
# kind: msg
# slots: 2
# expect: reject: sip_slot_xchg: slot 2 out of range (the manifest declares 2)
# insn: 2
mov %r1, 2
mov %r2, 0
call 6
mov %r1, %r0
call 2
mov %r0, 0
exit
