# SPDX-License-Identifier: GPL-2.0
# A jump from a local function into its caller's code.
# kind: raw
# expect: reject: jump to insn 1 leaves the function
# insn: 3
call local f
mov %r0, 0
exit
f:
ja -3
exit
