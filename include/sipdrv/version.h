/* SPDX-License-Identifier: GPL-2.0 */
/* The release of sipdrv: one definition shared by sipdrv.ko and the tools. */
#ifndef _SIPDRV_VERSION_H
#define _SIPDRV_VERSION_H

#define SIPDRV_RELEASE "0.1.0"

#endif /* _SIPDRV_VERSION_H */
