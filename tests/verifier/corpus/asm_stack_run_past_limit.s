# SPDX-License-Identifier: GPL-2.0
# One byte deeper than a one-frame run may go: r10-505 is inside the
# frame's 512 addressable bytes, but the frame then takes 512 bytes (505
# rounded up to 8) plus the runtime's 8 below it, more than a run's 512.
# kind: raw
# expect: reject: stack too deep: the handler uses 520 bytes (its stack plus 8 for the runtime); a run may use at most 512
# insn: 1
mov %r0, 0
stb [%r10-505], 1
exit
