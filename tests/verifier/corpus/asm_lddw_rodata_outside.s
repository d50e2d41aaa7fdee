# SPDX-License-Identifier: GPL-2.0
# lddw of read-only data in a driver that has none.
# kind: msg
# expect: reject: lddw: offset 1 is outside the read-only data (0 bytes)
# insn: 0
lddw %r2, rodata+1
mov %r0, 0
exit
