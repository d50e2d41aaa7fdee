# SPDX-License-Identifier: GPL-2.0
# Eight frames of 64 bytes each: 8 x (64 + 8) = 576 bytes, more than a
# run's 512. The message names the first and last frames of a long chain
# and how many there are.
# kind: raw
# expect: reject: stack too deep: the call chain handler -> insn 4 -> insn 7 -> ... -> insn 22 (8 frames) uses 576 bytes (each frame's stack plus 8 for the runtime); a run may use at most 512
# insn: 20
stdw [%r10-64], 0
call local f1
ldxdw %r0, [%r10-64]
exit
f1:
stdw [%r10-64], 0
call local f2
exit
f2:
stdw [%r10-64], 0
call local f3
exit
f3:
stdw [%r10-64], 0
call local f4
exit
f4:
stdw [%r10-64], 0
call local f5
exit
f5:
stdw [%r10-64], 0
call local f6
exit
f6:
stdw [%r10-64], 0
call local f7
exit
f7:
stdw [%r10-64], 0
mov %r0, 0
exit
