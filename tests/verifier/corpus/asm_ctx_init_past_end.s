# SPDX-License-Identifier: GPL-2.0
# A ninth parameter: offset 64 of the 64-byte init context.
# kind: init
# expect: reject: invalid context access (off 64, size 8) in an init handler
# insn: 0
ldxdw %r0, [%r1+64]
exit
