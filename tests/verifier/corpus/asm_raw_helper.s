# SPDX-License-Identifier: GPL-2.0
# Helpers need a handler's context: a raw program may not call them.
# kind: raw
# expect: reject: helper calls are not allowed in a raw program (call 9)
# insn: 0
call 9
exit
