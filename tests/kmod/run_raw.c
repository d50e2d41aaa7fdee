// SPDX-License-Identifier: GPL-2.0
/*
 * sipdrv_test.ko: runs raw bytecode through sipdrv.ko's interpreter for the
 * guest conformance test, and measures a task's stack (stack_probe.c; see
 * sipdrv_test.h). Test-only: never built by make.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "interp.h"
#include "conformance_helpers.h"
#include "instance.h"
#include "rewrite.h"
#include "sipdrv_test.h"

/* sipdrv.ko's JIT engine (kmod/jit.c). */
const struct sip_engine *sipdrv_jit_engine(char *msg, u32 size);

struct run_buffers {
	struct sip_insn *insns;
	u8 *mem;
	void *stack;
};

static void buffers_free(struct run_buffers *b)
{
	kvfree(b->insns);
	kvfree(b->mem);
	kfree(b->stack);
}

static int buffers_fill(struct run_buffers *b, const struct sipdrv_test_run *req)
{
	b->insns = vmemdup_user(u64_to_user_ptr(req->insns), req->insn_cnt * sizeof(*b->insns));
	if (IS_ERR(b->insns)) {
		int ret = PTR_ERR(b->insns);

		b->insns = NULL;
		return ret;
	}
	if (req->mem_len) {
		b->mem = vmemdup_user(u64_to_user_ptr(req->mem), req->mem_len);
		if (IS_ERR(b->mem)) {
			int ret = PTR_ERR(b->mem);

			b->mem = NULL;
			return ret;
		}
	}
	b->stack = kzalloc(SIP_RUN_STACK_BYTES, GFP_KERNEL);
	return b->stack ? 0 : -ENOMEM;
}

static void run_prog(const struct sip_prog *prog, struct run_buffers *b,
		     struct sipdrv_test_run *req)
{
	struct sip_region region = {
		.start = (unsigned long)b->mem, .size = req->mem_len, .writable = true,
	};
	struct sip_run run = {
		.args = { req->mem_len ? (unsigned long)b->mem : 0, req->mem_len },
		.stack = b->stack,
		.regions = &region,
		.nr_regions = 1,
	};
	int ret;

	/* The current run is per CPU: stay on this one while it runs. */
	preempt_disable();
	ret = req->mode ? sip_interp_run_checked(prog, &run) : sip_interp_run(prog, &run);
	preempt_enable();
	req->r0 = run.r0;
	if (ret) {
		req->fault = run.fault.kind;
		req->insn = run.fault.insn;
		snprintf(req->msg, sizeof(req->msg), "%s (addr %#llx, size %u)",
			 sip_fault_name(run.fault.kind), run.fault.addr, run.fault.size);
	}
}

/* Does the program's result depend on r2 at entry (a handler gets only r1)? */
static bool reads_r2(const struct sip_prog *prog, struct run_buffers *b, struct sipdrv_test_run *req)
{
	struct sip_region region = { (unsigned long)b->mem, req->mem_len, true };
	u64 r0[2];
	int i;

	for (i = 0; i < 2; i++) {
		struct sip_run run = {
			.args = { req->mem_len ? (unsigned long)b->mem : 0, req->mem_len ^ i },
			.stack = b->stack, .regions = &region, .nr_regions = 1,
		};

		preempt_disable();
		sip_interp_run_checked(prog, &run);
		preempt_enable();
		r0[i] = run.r0;
	}
	return r0[0] != r0[1];
}

/*
 * The stack a raw program uses, each function alike: the lowest offset its
 * r10-based loads and stores reach, or SIP_STACK_SIZE when r10 is copied
 * (its reach is then unknown). A handler gets what the verifier measured;
 * these programs are not verified.
 */
static u32 raw_stack_use(const struct sip_insn *insns, u32 len)
{
	u32 pc, use = 0;

	for (pc = 0; pc < len; pc++) {
		u8 cls = SIP_CLASS(insns[pc].code);
		u8 base = cls == SIP_LDX ? insns[pc].src : insns[pc].dst;

		if (insns[pc].code == (SIP_LD | SIP_IMM | SIP_DW)) {
			pc++;	/* lddw: its second half is not an instruction */
			continue;
		}
		if ((cls == SIP_ALU64 || cls == SIP_ALU) && SIP_SRC(insns[pc].code) == SIP_X &&
		    insns[pc].src == SIP_REG_FP)
			return SIP_STACK_SIZE;
		if ((cls == SIP_LDX || cls == SIP_ST || cls == SIP_STX) && base == SIP_REG_FP &&
		    insns[pc].off < 0 && (u32)-insns[pc].off > use)
			use = (u32)-insns[pc].off;
	}
	return (use + 7) & ~7u;
}

/*
 * Mode 2: the program as a SIP handler on the JIT engine: rewritten (v4
 * lowered, fuel) and compiled by the kernel's JIT, r1 = the memory. Programs
 * that call helpers, read r2 at entry or use sdiv/smod do not fit a handler
 * on this JIT: load_error -EOPNOTSUPP with the reason.
 */
static void run_jit(const struct sip_prog *prog, struct run_buffers *b, struct sipdrv_test_run *req)
{
	u32 stack[SIP_MAX_CALL_DEPTH * 8];
	struct sip_rewrite_opts ro = {
		.fuel = 1 << 20, .flags = SIP_RW_SAVE_AUX | SIP_RW_LOWER_V4 | SIP_RW_JIT_FIXUPS,
		.func_stack = stack, .nr_funcs = ARRAY_SIZE(stack),
	};
	const struct sip_engine *jit = sipdrv_jit_engine(req->msg, sizeof(req->msg));
	struct sip_run run = { .stack = b->stack };
	struct sip_insn *code = NULL;
	struct sip_diag diag;
	void *jc = NULL;
	u32 len, i;
	u64 r0;

	req->load_error = -EOPNOTSUPP;
	if (!jit)
		return;
	for (i = 0; i < req->insn_cnt; i++) {
		u8 c = b->insns[i].code;

		if (c == (SIP_JMP | SIP_K | SIP_CALL) && b->insns[i].src == SIP_CALL_HELPER) {
			strscpy(req->msg, "calls a helper", sizeof(req->msg));
			return;
		}
		if (c == (SIP_JMP | SIP_X | SIP_CALL)) {
			strscpy(req->msg, "calls through a register", sizeof(req->msg));
			return;
		}
	}
	if (reads_r2(prog, b, req)) {
		strscpy(req->msg, "reads r2 at entry", sizeof(req->msg));
		return;
	}
	/* Each frame and the rewriter's slot below it within the kernel's 512 bytes. */
	stack[0] = raw_stack_use(b->insns, req->insn_cnt);
	if (stack[0] + SIP_STACK_FRAME_EXTRA > SIP_STACK_SIZE) {
		snprintf(req->msg, sizeof(req->msg), "uses %u bytes of stack", stack[0]);
		return;
	}
	for (i = 1; i < ARRAY_SIZE(stack); i++)
		stack[i] = stack[0];
	if (sip_rewrite(b->insns, req->insn_cnt, &ro, &code, &len, &diag) ||
	    sip_relocate(code, len, 0, 0, jit->encode_helper, NULL, &diag) ||
	    jit->load(NULL, 0, code, len, stack, ARRAY_SIZE(stack), &jc, &diag)) {
		strscpy(req->msg, diag.msg, sizeof(req->msg));
		kvfree(code);	/* sip_zalloc() is kvzalloc() in the kernel */
		return;
	}
	kvfree(code);	/* sip_zalloc() is kvzalloc() in the kernel */
	req->load_error = 0;
	preempt_disable();
	jit->run(NULL, jc, &run, req->mem_len ? b->mem : NULL, &r0);
	preempt_enable();
	req->r0 = (u32)r0;	/* what a native handler returns is 32 bits */
	jit->unload(jc);
}

static long test_ioctl_run(void __user *uarg)
{
	struct sipdrv_test_run req;
	struct run_buffers b = { };
	struct sip_prog *prog;
	struct sip_diag diag;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.mode > 2 || !req.insn_cnt || req.insn_cnt > SIPDRV_TEST_MAX_INSNS ||
	    req.mem_len > SIPDRV_TEST_MAX_MEM)
		return -EINVAL;
	req.load_error = 0;
	req.fault = 0;
	req.insn = 0;
	req.r0 = 0;
	memset(req.msg, 0, sizeof(req.msg));

	ret = buffers_fill(&b, &req);
	if (ret)
		goto out;
	req.load_error = sip_prog_load(b.insns, req.insn_cnt, &conformance_helpers, &prog, &diag);
	if (req.load_error) {
		req.insn = diag.insn;
		strscpy(req.msg, diag.msg, sizeof(req.msg));
	} else {
		if (req.mode == 2)
			run_jit(prog, &b, &req);
		else
			run_prog(prog, &b, &req);
		sip_prog_free(prog);
	}
	if (copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
out:
	buffers_free(&b);
	return ret;
}

static long test_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case SIPDRV_TEST_IOC_RUN:
		return test_ioctl_run((void __user *)arg);
	case SIPDRV_TEST_IOC_STACK:
		return sipdrv_test_stack_ioctl((void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations test_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = test_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice test_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sipdrv_test",
	.fops = &test_fops,
	.mode = 0600,
};

module_misc_device(test_miscdev);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sipdrv test hooks: raw bytecode through sipdrv.ko's interpreter (tests only)");
