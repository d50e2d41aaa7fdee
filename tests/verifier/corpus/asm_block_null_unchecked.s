# SPDX-License-Identifier: GPL-2.0
# The result of sip_block_alloc written to without a NULL test.
# kind: msg
# expect: reject: r0 may be NULL: check it before the write
# insn: 2
mov %r1, 8
call 1
stdw [%r0+0], 1
mov %r1, %r0
call 2
mov %r0, 0
exit
