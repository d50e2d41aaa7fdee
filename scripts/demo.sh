#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What `make run` shows, inside the VM: the kernel, sipdrv.ko loaded by the
# runner, and sipctl talking to it.
top=${SIPDRV_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
set -e
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
echo "== sipdrv demo on $(uname -sr), $(nproc) vCPUs"
step grep sipdrv /proc/modules
step ls -l /dev/sipdrv
step "$top/build/bin/sipctl" version
