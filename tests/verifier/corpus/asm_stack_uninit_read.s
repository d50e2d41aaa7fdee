# SPDX-License-Identifier: GPL-2.0
# A stack slot read before anything was written to it.
# kind: msg
# expect: reject: read of uninitialised stack (off -8, size 8)
# insn: 0
ldxdw %r0, [%r10-8]
exit
