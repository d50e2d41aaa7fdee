# SPDX-License-Identifier: GPL-2.0
# A call to a helper number the ABI does not define.
# kind: msg
# expect: reject: call to unknown helper 99
# insn: 0
call 99
mov %r0, 0
exit
