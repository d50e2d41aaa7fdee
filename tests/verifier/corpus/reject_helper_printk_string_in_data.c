// SPDX-License-Identifier: GPL-2.0
/*
 * %s of a name the driver keeps in writable data: %s prints strings of the
 * read-only data only (their end is known; this one's NUL may be gone).
 */
// expect: reject name_msg: sip_printk: conversion 1 (%s) prints a string of the read-only data, not r2 (data)
#include <sipdrv/sip.h>

SIP_MANIFEST(.name = "helper-printk-string-in-data");

static char name[8] = "disk";

SIP_MSG(name_msg)
{
	name[0] = 'a' + (msg->tag & 15);
	sip_printk("%s is ready", name);	// <-- here
	return 0;
}
