# SPDX-License-Identifier: GPL-2.0
# A stack access whose offset depends on a value (bounded, but not
# constant): every byte it may read was written. Was refused as "variable
# offset into the stack" before variable stack offsets were allowed.
# kind: msg
# expect: accept
stdw [%r10-16], 0
stdw [%r10-8], 0
ldxw %r2, [%r1+4]
and %r2, 8
mov %r3, %r10
add %r3, %r2
ldxdw %r0, [%r3-16]
exit
