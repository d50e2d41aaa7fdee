# SPDX-License-Identifier: GPL-2.0
# lddw as the very last slot: its second half would lie past the end (the
# last exit is patched into the first half of lddw).
# kind: raw
# patch: 2 code=0x18
# expect: reject: lddw: missing its second slot at the end of the program
# insn: 2
mov %r0, 0
exit
exit
