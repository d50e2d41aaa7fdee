/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared between the files of sipdrv.ko's Linux glue. */
#ifndef _SIPDRV_KMOD_H
#define _SIPDRV_KMOD_H

int sipdrv_dev_init(void);
void sipdrv_dev_uninit(void);

#endif /* _SIPDRV_KMOD_H */
