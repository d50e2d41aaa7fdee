/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The integer types of portable sipdrv code (kernel style: u8..u64, s8..s64),
 * the same in sipdrv.ko, in user space and in drivers compiled for the BPF
 * target. Only the compiler's own freestanding headers are used outside the
 * kernel, never libc's.
 */
#ifndef _SIPDRV_TYPES_H
#define _SIPDRV_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>

typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef unsigned long long u64;	/* as in the kernel, so "%llu" fits both */
typedef __INT8_TYPE__ s8;
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;
typedef long long s64;
#endif

#endif /* _SIPDRV_TYPES_H */
