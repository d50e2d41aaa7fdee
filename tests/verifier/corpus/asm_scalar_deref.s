# SPDX-License-Identifier: GPL-2.0
# A number used as an address.
# kind: msg
# expect: reject: read of memory through r2, which is a number, not a pointer
# insn: 1
ldxdw %r2, [%r1+8]
ldxdw %r0, [%r2+0]
exit
