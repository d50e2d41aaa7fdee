/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * sipdrv user ABI: the ioctls of /dev/sipdrv.
 *
 * Protocol
 * --------
 * sipdrv.ko registers the misc character device /dev/sipdrv. User space opens
 * it (read access is enough for the queries; commands that change the set of
 * loaded drivers will need CAP_SYS_ADMIN) and issues ioctls whose argument is
 * always a pointer to one of the structures below. The ioctl number encodes
 * the structure's size, so a caller built against another layout gets
 * -ENOTTY rather than a misread structure.
 *
 * Rules every command follows:
 *   - Fields documented as "in: must be zero" are reserved for future use; a
 *     non-zero value is refused with -EINVAL, so that they can be given a
 *     meaning later without old kernels silently ignoring it.
 *   - An argument pointer that cannot be read or written returns -EFAULT.
 *   - An unknown command returns -ENOTTY.
 *   - Compatibility: SIPDRV_ABI_VERSION is bumped whenever a structure or
 *     command changes incompatibly. User space must check it first
 *     (SIPDRV_IOC_VERSION never changes) and refuse to talk to a module whose
 *     ABI differs from its own.
 *
 * Commands
 * --------
 * SIPDRV_IOC_VERSION (struct sipdrv_version, in/out)
 *	Reports the module's ABI version, release string and build features.
 */
#ifndef _UAPI_SIPDRV_H
#define _UAPI_SIPDRV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SIPDRV_DEVICE_NAME	"sipdrv"
#define SIPDRV_DEVICE_PATH	"/dev/" SIPDRV_DEVICE_NAME

/* The ABI this header describes. */
#define SIPDRV_ABI_VERSION	1

#define SIPDRV_IOC_MAGIC	0xb5

#define SIPDRV_RELEASE_LEN	32

struct sipdrv_version {
	__u32 flags;		/* in: must be zero */
	__u32 abi;		/* out: SIPDRV_ABI_VERSION of the module */
	__u32 features;		/* out: optional features (none defined yet: 0) */
	__u32 reserved;		/* out: zero */
	char release[SIPDRV_RELEASE_LEN]; /* out: NUL-terminated release string */
};

#define SIPDRV_IOC_VERSION	_IOWR(SIPDRV_IOC_MAGIC, 0x00, struct sipdrv_version)

#endif /* _UAPI_SIPDRV_H */
