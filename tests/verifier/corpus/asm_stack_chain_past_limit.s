# SPDX-License-Identifier: GPL-2.0
# Two frames that each fit, but not together: the caller uses 248 bytes
# and the callee 256, so the chain takes 256 + 264 = 520 bytes with the
# runtime's 8 below each frame, more than a run's 512. Refused at the call
# that makes the chain too deep.
# kind: raw
# expect: reject: stack too deep: the call chain handler -> insn 5 uses 520 bytes (each frame's stack plus 8 for the runtime); a run may use at most 512
# insn: 2
stdw [%r10-248], 5
mov %r1, 1
call local f
ldxdw %r0, [%r10-248]
exit
f:
stdw [%r10-256], 6
ldxdw %r0, [%r10-256]
exit
