# SPDX-License-Identifier: GPL-2.0
# sip_chan (helper 7) of an index from the context: it must be a constant.
# kind: init
# channels: 4
# expect: reject: argument 1 of sip_chan (r1) must be a constant
# insn: 2
ldxdw %r1, [%r1+0]
and %r1, 3
call 7
mov %r0, 0
exit
