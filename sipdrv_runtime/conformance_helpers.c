// SPDX-License-Identifier: GPL-2.0
/* The bpf_conformance suite's helper table (see conformance_helpers.h). */
#include "platform.h"
#include "conformance_helpers.h"

static u64 helper_unwind(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	(void)r2, (void)r3, (void)r4, (void)r5;
	if (!r1)
		sip_run_stop();
	return r1;
}

static const sip_helper_fn conformance_fns[] = {
	[SIP_CONFORMANCE_HELPER_UNWIND] = helper_unwind,
};

const struct sip_helper_table conformance_helpers = {
	.fns = conformance_fns,
	.count = ARRAY_SIZE(conformance_fns),
};
