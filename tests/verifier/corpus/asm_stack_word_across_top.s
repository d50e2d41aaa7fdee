# SPDX-License-Identifier: GPL-2.0
# A word written at r10-2: its first two bytes are the stack's last, the
# other two are past its top.
# kind: raw
# expect: reject: stack access out of bounds (off -2, size 4): the stack is 512 bytes
# insn: 0
stw [%r10-2], 1
mov %r0, 0
exit
