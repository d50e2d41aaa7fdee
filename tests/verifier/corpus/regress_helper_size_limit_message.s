# SPDX-License-Identifier: GPL-2.0
# Regression (the message used to mislead): sip_log asked to read 65537 bytes, one
# more than a helper may access (MAX_MEM_ARG, 65536). The verdict is right
# but the message reads "sip_log: size r2 is unbounded (at most 65537):
# bound it first": the size is a constant, so "unbounded" is wrong, and the
# number printed is the size's own maximum, not the limit it broke, so the
# reader cannot tell what bound to use. check_helper_mem() in
# verifier/check.c should say e.g. "sip_log: size r2 may be up to 65537
# bytes, more than a helper may access (65536)". (The same message for a
# really unbounded size prints "at most 18446744073709551615".)
# kind: msg
# data: 16
# expect: reject: sip_log: size r2 may be 65537, more than the 65536 a helper takes
# insn: 3
lddw %r1, data+0
mov %r2, 65537
call 8
mov %r0, 0
exit
