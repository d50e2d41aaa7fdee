# SPDX-License-Identifier: GPL-2.0
# A load into r10 is a write to the frame pointer too.
# kind: raw
# expect: reject: r10 (the frame pointer) is read-only
# insn: 1
stdw [%r10-8], 0
ldxdw %r10, [%r10-8]
mov %r0, 0
exit
