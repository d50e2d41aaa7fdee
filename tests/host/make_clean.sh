#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make clean removes what the builds made and nothing else: on a copy of
# the tracked files (as they are in the working tree) holding the build
# products of this tree (the module's objects, .cmd files and .ko files,
# or a stand-in set if no module was built here) and a build/ folder,
# make clean leaves git status with no deleted or changed tracked file
# (tests/verifier/corpus/*.s are sources) and no build product left.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy=$tmp/src

ktap_plan 4
if ! git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
	for c in "make clean succeeds" "no tracked file deleted or changed" "no build product left" \
		"the corpus .s files are all still there"; do
		ktap_skip "$c" "not a git checkout (the check compares with the tracked files)"
	done
	ktap_finish
fi

# The tracked files, committed in a fresh repository.
mkdir -p "$copy"
(cd "$top" && git ls-files -z | tar --null -T - -cf -) | tar -C "$copy" -xf - &&
	git -C "$copy" init -q && git -C "$copy" add -A &&
	git -C "$copy" -c user.name=copy -c user.email=copy@localhost commit -qm copy ||
	{ ktap_fail "a copy of the tree"; ktap_finish; }

# The build products of this tree (ignored, untracked, outside build/).
products=$(cd "$top" && git ls-files -o -i --exclude-standard | grep -v '^build/')
if [ -n "$products" ]; then
	(cd "$top" && printf '%s\n' "$products" | tar -T - -cf -) | tar -C "$copy" -xf -
	ktap_diag "$(wc -l <<< "$products") build products copied from the tree"
else
	for f in kmod/sipdrv.ko kmod/sipdrv.mod kmod/sipdrv.mod.c kmod/sipdrv.mod.o kmod/main.o \
		kmod/.main.o.cmd verifier/check.o verifier/.check.o.cmd tests/kmod/sipdrv_test.ko \
		Module.symvers modules.order .modules.order.cmd; do
		touch "$copy/$f"
	done
	ktap_diag "no module built here: stand-in products"
fi
mkdir -p "$copy/build/obj" && touch "$copy/build/obj/x.o"
corpus=$(cd "$copy" && git ls-files 'tests/verifier/corpus/*.s' | wc -l)
ktap_diag "$corpus tracked .s files in tests/verifier/corpus"

ktap_check "make clean succeeds" make --no-print-directory -C "$copy" clean

expect_out "no tracked file deleted or changed" '^none$' \
	bash -c "out=\$(git -C '$copy' status --porcelain --untracked-files=no);
		 [ -z \"\$out\" ] && echo none || printf '%s\n' \"\$out\" | head -20"
expect_out "no build product left (build/, objects, .cmd, .ko, Module.symvers)" '^none$' \
	bash -c "out=\$(git -C '$copy' status --porcelain --ignored --untracked-files=all);
		 [ -z \"\$out\" ] && echo none || printf '%s\n' \"\$out\" | head -20"
expect_out "the $corpus corpus .s files are all still there" "^$corpus\$" \
	bash -c "cd '$copy' && ls tests/verifier/corpus/*.s | wc -l"
ktap_finish
