# SPDX-License-Identifier: GPL-2.0
# The handler's result is r0: exiting without setting it is refused.
# kind: init
# expect: reject: r0 is not set at exit
# insn: 0
exit
