# SPDX-License-Identifier: GPL-2.0
# A pointer's offset may reach twice the largest block's size (2^31), so
# that "p + 2 <= end" may be computed past a full block's end; one value
# added may be at most a block's size (2^30). Three such additions leave
# the range: refused at the third, whatever is done with the pointer.
# kind: msg
# data: 8
# expect: reject: pointer offset out of range ([3221225472, 3221225472])
# insn: 5
lddw %r2, data+0
mov %r3, 1073741824
add %r2, %r3
add %r2, %r3
add %r2, %r3
mov %r0, 0
exit
