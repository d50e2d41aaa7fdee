# SPDX-License-Identifier: GPL-2.0
# A reserved field set: src of an immediate add must be 0.
# kind: raw
# patch: 1 src=1
# expect: reject: reserved field src is 1, must be 0
# insn: 1
mov %r0, 0
add %r0, 1
exit
