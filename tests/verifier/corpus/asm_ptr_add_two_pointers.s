# SPDX-License-Identifier: GPL-2.0
# Adding two pointers gives nothing meaningful, only a mix of addresses.
# kind: raw
# expect: reject: pointer leak: add between
# insn: 3
lddw %r2, data+0
mov %r3, %r10
add %r3, %r2
mov %r0, 0
exit
