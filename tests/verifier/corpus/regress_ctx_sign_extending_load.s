# SPDX-License-Identifier: GPL-2.0
# Regression (once unsound): the verifier used to ACCEPT this program, which reads up to
# 128 bytes before the start of private data.
#
# ldxsb (a cpu v4 sign-extending load) of the message's tag gives a value
# in [-128, 127]. check_ctx() in verifier/check.c bounds every context load
# with vreg_bounded(..., size, false), ignoring the sign flag that
# check_ldx() passes for SIP_MEMSX, so the verifier believes r2 is in
# [0, 255] and private data of 256 bytes covers data+r2. With a tag whose
# low byte is 0x80, the read is at data-128. The same load from the stack,
# private data or a block is bounded correctly: only the context path drops
# the flag. Fix: pass @sign through check_ctx() to vreg_bounded().
# kind: msg
# data: 256
# expect: reject: read of private data out of bounds (off [-128, 127], size 1, size 256)
# insn: 4
ldxsb %r2, [%r1+4]
lddw %r4, data+0
add %r4, %r2
ldxb %r0, [%r4+0]
exit
