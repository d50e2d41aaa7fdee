#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The same as examples.sh, with every SIP compiled by the kernel's JIT.
SIPDRV_ENGINE=jit exec "$(dirname "$0")/examples.sh"
