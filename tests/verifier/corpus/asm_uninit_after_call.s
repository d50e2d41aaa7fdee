# SPDX-License-Identifier: GPL-2.0
# r1-r5 are clobbered by a helper call: reading r1 afterwards (as if it
# still held the context) is refused.
# kind: msg
# expect: reject: r1 is read before it is written (a call leaves r1-r5 unset)
# insn: 1
call 9
ldxw %r0, [%r1+4]
exit
