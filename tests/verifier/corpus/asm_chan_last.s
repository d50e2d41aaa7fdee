# SPDX-License-Identifier: GPL-2.0
# sip_chan of the last declared channel (3 of 4), used to send.
# kind: init
# channels: 4
# contract: ping client
# expect: accept
mov %r1, 3
call 7
mov %r1, %r0
mov %r2, 1
mov %r3, 0
mov %r4, 0
mov %r5, 0
call 4
exit
