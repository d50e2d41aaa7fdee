# SPDX-License-Identifier: GPL-2.0
# The frame pointer stored into private data.
# kind: msg
# data: 16
# expect: reject: pointer leak: storing a pointer (r10: stack) into private data
# insn: 2
lddw %r2, data+0
stxdw [%r2+0], %r10
mov %r0, 0
exit
