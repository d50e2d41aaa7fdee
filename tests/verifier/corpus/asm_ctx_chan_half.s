# SPDX-License-Identifier: GPL-2.0
# Half a channel handle: the chan field is read whole or not at all.
# kind: msg
# expect: reject: invalid context access (off 0, size 2) in a msg handler
# insn: 0
ldxh %r0, [%r1+0]
exit
