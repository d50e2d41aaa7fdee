# SPDX-License-Identifier: GPL-2.0
# The distance between two pointers into the same region is a number that
# reveals nothing: allowed, and bounded.
# kind: msg
# data: 64
# expect: accept
lddw %r2, data+48
lddw %r3, data+8
sub %r2, %r3
mov %r0, %r2
exit
