// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime API a test build of sipdrv.ko offers other modules: only the
 * test module (tests/kmod/) uses it, to run the conformance suite through
 * the very interpreter and JIT engine compiled into sipdrv.ko. These load
 * and run bytecode no verifier saw, so this file is linked only when Kbuild
 * is given SIPDRV_TESTS (make module-tests); a plain make module leaves it
 * out, and the module says which build it is (modinfo sipdrv_tests).
 */
#include <linux/export.h>
#include <linux/module.h>

#include "interp.h"
#include "rewrite.h"
#include "sipdrv.h"

MODULE_INFO(sipdrv_tests, "exports raw bytecode entry points for sipdrv_test.ko");

EXPORT_SYMBOL_GPL(sip_prog_load);
EXPORT_SYMBOL_GPL(sip_prog_free);
EXPORT_SYMBOL_GPL(sip_interp_run);
EXPORT_SYMBOL_GPL(sip_interp_run_checked);
EXPORT_SYMBOL_GPL(sip_run_stop);
EXPORT_SYMBOL_GPL(sip_fault_name);
EXPORT_SYMBOL_GPL(sip_prog_load_flags);
EXPORT_SYMBOL_GPL(sip_rewrite);
EXPORT_SYMBOL_GPL(sip_relocate);
EXPORT_SYMBOL_GPL(sipdrv_jit_engine);
