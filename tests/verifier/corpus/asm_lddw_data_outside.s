# SPDX-License-Identifier: GPL-2.0
# lddw of an offset beyond private data's end (17 of 16 bytes).
# kind: msg
# data: 16
# expect: reject: lddw: offset 17 is outside the private data (16 bytes)
# insn: 0
lddw %r2, data+17
mov %r0, 0
exit
