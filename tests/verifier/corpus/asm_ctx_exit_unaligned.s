# SPDX-License-Identifier: GPL-2.0
# The exit context read 8 bytes at offset 4, across two parameters.
# kind: exit
# expect: reject: invalid context access (off 4, size 8) in an exit handler
# insn: 0
ldxdw %r0, [%r1+4]
exit
