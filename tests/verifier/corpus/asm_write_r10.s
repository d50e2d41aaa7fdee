# SPDX-License-Identifier: GPL-2.0
# r10, the frame pointer, is read-only: moving the frame would make every
# stack check meaningless.
# kind: raw
# expect: reject: r10 (the frame pointer) is read-only
# insn: 0
add %r10, -8
mov %r0, 0
exit
