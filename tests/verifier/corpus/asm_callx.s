# SPDX-License-Identifier: GPL-2.0
# An indirect call through a register (callx): only helpers and local
# functions known at load time may be called.
# kind: msg
# expect: reject: through a register is not allowed
# insn: 1
mov %r2, 1
call %r2
mov %r0, 0
exit
