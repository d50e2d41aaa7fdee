# SPDX-License-Identifier: GPL-2.0
# The handler's last instruction falls into the local function placed
# after it, instead of exiting.
# kind: raw
# expect: reject: falls through into the next function (at insn 3)
# insn: 2
call local f
mov %r0, 0
add %r0, 1
f:
mov %r0, 2
exit
