# SPDX-License-Identifier: GPL-2.0
# A handler that never returns: a loop with no exit at all. Accepted: each
# pass through it is safe, and the fuel counter the rewriter adds on the
# back edge stops it.
# kind: irq
# expect: accept
mov %r0, 0
spin:
add %r0, 1
ja spin
