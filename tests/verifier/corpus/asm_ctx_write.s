# SPDX-License-Identifier: GPL-2.0
# An immediate store into the message context's tag.
# kind: msg
# expect: reject: the context is read-only (write at off 4)
# insn: 0
stw [%r1+4], 1
mov %r0, 0
exit
