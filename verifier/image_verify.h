/* SPDX-License-Identifier: GPL-2.0 */
/* Verifying the handlers of a parsed SIP image (kernel and user space). */
#ifndef _SIPDRV_IMAGE_VERIFY_H
#define _SIPDRV_IMAGE_VERIFY_H

#include "image_parse.h"
#include "verifier.h"

/* Where the lines of one entry's code are: the cookie of its sip_vprog. */
struct sip_entry_lines {
	const struct sip_image_view *view;
	u32 base;		/* the entry's first instruction in the image */
};

/*
 * What the verifier knows of manifest channel @mc: its contract is found by
 * hash among this kernel's (an unknown one lets no constant tag be sent;
 * sip_instance_create() refuses it at load anyway).
 */
void sip_vchan_from_manifest(struct sip_vchan *c, const struct sip_manifest_chan *mc);

/* Describes entry @e of image @v for sip_verify(); @lines must outlive @p. */
void sip_vprog_from_image(struct sip_vprog *p, const struct sip_image_view *v,
			  const struct sip_image_entry *e, struct sip_entry_lines *lines);

#endif /* _SIPDRV_IMAGE_VERIFY_H */
