# SPDX-License-Identifier: GPL-2.0
# A program with no instruction at all.
# kind: msg
# expect: reject: empty program

