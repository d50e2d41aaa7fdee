# SPDX-License-Identifier: GPL-2.0
# A context field chosen by a bounded value: context offsets must be
# constants.
# kind: init
# expect: reject: variable offset into the context (r2)
# insn: 2
ldxdw %r2, [%r1+0]
and %r2, 8
add %r1, %r2
ldxdw %r0, [%r1+0]
exit
