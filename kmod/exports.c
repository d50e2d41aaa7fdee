// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime API sipdrv.ko offers other modules: only the test module
 * (tests/kmod/) uses it, to run the conformance suite through the very
 * interpreter compiled into sipdrv.ko.
 */
#include <linux/export.h>

#include "interp.h"

EXPORT_SYMBOL_GPL(sip_prog_load);
EXPORT_SYMBOL_GPL(sip_prog_free);
EXPORT_SYMBOL_GPL(sip_interp_run);
EXPORT_SYMBOL_GPL(sip_interp_run_checked);
EXPORT_SYMBOL_GPL(sip_run_stop);
EXPORT_SYMBOL_GPL(sip_fault_name);
