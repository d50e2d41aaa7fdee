# SPDX-License-Identifier: GPL-2.0
# Shifting the frame pointer's copy: bits of an address as a number.
# kind: raw
# expect: reject: pointer leak: rsh on a pointer (r2: stack)
# insn: 1
mov %r2, %r10
rsh %r2, 12
mov %r0, %r2
exit
