# SPDX-License-Identifier: GPL-2.0
# Regression (memory safety of the verifier itself, fixed): the verdict is right,
# but verifying this program reads freed memory. Built with
# -fsanitize=address (cc ... tests/host/verifier_corpus.c
# build/san/libsipdrv.a), the corpus runner stops on this file (the same
# program as corpus/asm_helper_mem_uninit.s) with "heap-use-after-free in
# stack_range verifier/check.c".
#
# check_helper_mem() takes p = reg(st, pregno) and s = reg(st, sregno),
# pointers into the current frame, and calls stack_range(), whose
# vframe_grow() reallocates that frame when the helper's memory reaches
# deeper than any stack byte touched so far (here: 16 bytes from r10-16,
# only r10-8 written). stack_range() then reads base->frameno from the
# freed frame, and check_helper_mem() goes on reading s->umax. In the
# kernel this reads freed slab memory (a garbage frameno then indexes
# st->frames). check_mem() is safe because it copies the register first;
# check_helper_mem() should do the same (copy *p and *s before growing).
# kind: msg
# expect: reject: sip_log reads uninitialised stack (off -16, size 16)
# insn: 4
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
mov %r2, 16
call 8
mov %r0, 0
exit
