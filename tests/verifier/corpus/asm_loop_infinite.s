# SPDX-License-Identifier: GPL-2.0
# A loop with no exit condition the verifier can decide (it counts until
# the number wraps): accepted, the fuel counter stops it.
# kind: raw
# expect: accept
mov %r0, 0
loop:
add %r0, 1
jne %r0, 0, loop
exit
