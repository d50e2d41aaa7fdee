/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helpers the bpf_conformance suite expects (uBPF's numbering): helper 5
 * is "unwind", which ends the program when its argument is 0. Used by the
 * .data runner, the plugin and the kernel's test path.
 */
#ifndef _SIPDRV_CONFORMANCE_HELPERS_H
#define _SIPDRV_CONFORMANCE_HELPERS_H

#include "interp.h"

#define SIP_CONFORMANCE_HELPER_UNWIND 5

extern const struct sip_helper_table conformance_helpers;

#endif /* _SIPDRV_CONFORMANCE_HELPERS_H */
