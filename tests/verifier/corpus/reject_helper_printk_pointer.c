// SPDX-License-Identifier: GPL-2.0
/*
 * A block's address printed as a number: a pointer's value must never
 * leave the SIP, the kernel log included.
 */
// expect: reject leak_msg: pointer leak: sip_printk: conversion 2 (%x) would print r3 (block) as a number
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk-pointer");

SIP_MSG(leak_msg)
{
	void *b = sip_msg_block(msg);

	if (!b)
		return 0;
	sip_printk("block %llu at %llx", msg->block_size, (u64)b);	// <-- here
	sip_block_free(b);
	return 0;
}
