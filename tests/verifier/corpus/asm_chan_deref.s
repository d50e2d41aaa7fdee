# SPDX-License-Identifier: GPL-2.0
# A channel handle used as an address.
# kind: msg
# expect: reject: r2 is a channel handle, not a pointer
# insn: 1
ldxw %r2, [%r1+0]
ldxw %r0, [%r2+0]
exit
