# SPDX-License-Identifier: GPL-2.0
# A double word read where only its low word was written.
# kind: msg
# expect: reject: read of uninitialised stack (off -16, size 8)
# insn: 1
stw [%r10-16], 7
ldxdw %r0, [%r10-16]
exit
