# SPDX-License-Identifier: GPL-2.0
# sip_log of 16 stack bytes of which only 8 were written.
# kind: msg
# expect: reject: sip_log reads uninitialised stack (off -16, size 16)
# insn: 4
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
mov %r2, 16
call 8
mov %r0, 0
exit
