#!/bin/sh
# Prints the newest installed kernel release that has both its build tree
# (/lib/modules/$KVER/build) and its image (/boot/vmlinuz-$KVER): the kernel
# sipdrv.ko is built for and booted under QEMU by default. Prints nothing when
# there is none.
for dir in $(ls -d /lib/modules/*/ 2>/dev/null | sort -rV); do
	kver=$(basename "$dir")
	if [ -e "/lib/modules/$kver/build/Makefile" ] && [ -e "/boot/vmlinuz-$kver" ]; then
		echo "$kver"
		exit 0
	fi
done
