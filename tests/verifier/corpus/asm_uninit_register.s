# SPDX-License-Identifier: GPL-2.0
# A register read before anything was written to it (r2 of a raw program;
# only r1 and r10 are set at entry).
# kind: raw
# expect: reject: r2 is read before it is written
# insn: 0
mov %r0, %r2
exit
