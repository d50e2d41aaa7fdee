// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier proper: walks every path of a handler with abstract states
 * (vstate.h), checking each instruction against what is known at that point,
 * forking at undecided branches, pruning paths an already verified state
 * covers and widening loop heads so that loops converge.
 */
#include "venv.h"
#include "disasm.h"
#include "printk_fmt.h"

#define WIDEN_AFTER 64		/* loop-head visits explored exactly before widening */
#define MAX_THRESHOLDS 256
#define MOV_THRESHOLD 65536	/* moved constants up to this are thresholds */
#define MAX_KEPT_PER_INSN 64	/* states kept at one instruction for pruning */
#define MAX_KEPT_PER_LOOP 256	/* at a loop head: each path's turns, until widened */
#define MAX_COMPARES (4ull << 20)	/* state comparisons, over the whole run */
#define MAX_PTR_OFF VPTR_OFF_MAX
#define MAX_PTR_ADD ((s64)VBLOCK_MAX)	/* a value added to a pointer: at most a block's size */
#define MAX_MEM_ARG SIP_MEM_ARG_MAX	/* bytes a helper may be asked to read or write */
#define SEND_ERR_MIN (-4095)	/* sip_send returns 0 or -errno */
#define MSG_BLOCK_SIZE_OFF 32	/* struct sip_msg's block_size */

enum step_result {
	STEP_NEXT,		/* st->pc was updated; go on */
	STEP_DONE,		/* the path ended (exit of the handler, or infeasible) */
};

int verr(struct venv *env, u32 pc, const char *fmt, ...)
{
	va_list ap;

	if (env->diag) {
		env->diag->insn = pc;
		va_start(ap, fmt);
		sip_vsnprintf(env->diag->msg, sizeof(env->diag->msg), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A limit on work reached at @pc: says which construct cost it (cost.c). */
static int verr_limit(struct venv *env, u32 pc, enum vlimit lim, const char *fmt, ...)
	__printf(4, 5);
static int verr_limit(struct venv *env, u32 pc, enum vlimit lim, const char *fmt, ...)
{
	char head[96];
	va_list ap;

	va_start(ap, fmt);
	sip_vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	return vcost_refuse(env, pc, lim, head);
}

static const char *regname(u8 regno)
{
	static const char *const names[VNR_REGS] = {
		"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
	};

	return regno < VNR_REGS ? names[regno] : "r?";
}

static struct vframe *cur_frame(struct vstate *st)
{
	return st->frames[st->nr_frames - 1];
}

static struct vreg *reg(struct vstate *st, u8 regno)
{
	return &cur_frame(st)->regs[regno];
}

static u32 new_id(struct venv *env)
{
	return ++env->next_id;
}

/* ---- verbose path log ---- */

void venv_path_get(struct vpath *p)
{
	if (p)
		p->refs++;
}

void venv_path_put(struct venv *env, struct vpath *p)
{
	while (p && !--p->refs) {
		struct vpath *parent = p->parent;

		venv_free(env, p);
		p = parent;
	}
}

static void path_note(struct venv *env, struct vstate *st, u32 pc, u8 regno)
{
	struct vpath *p;

	if (!env->verbose)
		return;
	p = venv_alloc(env, sizeof(*p));
	if (!p)
		return;		/* the log is best effort */
	p->parent = st->path;	/* takes st's reference */
	p->refs = 1;
	p->pc = pc;
	p->regno = regno;
	if (regno < VNR_REGS)
		p->reg = *reg(st, regno);
	st->path = p;
}

void vlog(struct venv *env, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!env->log || env->log_len + 1 >= env->log_size)
		return;
	va_start(ap, fmt);
	n = sip_vsnprintf(env->log + env->log_len, env->log_size - env->log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		env->log_len = env->log_len + n < env->log_size ? env->log_len + n : env->log_size - 1;
}

static void log_insn(struct venv *env, u32 pc)
{
	const struct sip_vprog *p = env->prog;
	const char *file = NULL;
	char text[96];
	u32 line = 0;

	if (sip_disasm_insn(p->insns, p->len, pc, text, sizeof(text)) < 0)
		sip_snprintf(text, sizeof(text), "(invalid)");
	if (p->line_of)
		file = p->line_of(p->cookie, pc, &line);
	if (file)
		vlog(env, "%5u: %-40s ; %s:%u", pc, text, file, line);
	else
		vlog(env, "%5u: %s", pc, text);
}

static void log_state(struct venv *env, const struct vstate *st)
{
	char buf[160];
	u32 f, i;

	for (f = 0; f < st->nr_frames; f++) {
		const struct vframe *fr = st->frames[f];

		vlog(env, "  frame %u%s:", f, f ? "" : " (handler)");
		for (i = 0; i < VNR_REGS; i++) {
			if (fr->regs[i].type == VT_NOT_INIT)
				continue;
			vreg_print(&fr->regs[i], buf, sizeof(buf));
			vlog(env, " %s=%s", regname(i), buf);
		}
		vlog(env, "\n");
		for (i = 0; i < fr->nr_slots; i++) {
			const struct vslot *s = &fr->slots[i];

			if (s->bytes[0] == VB_SPILL) {
				vreg_print(&s->spill, buf, sizeof(buf));
				vlog(env, "    stack[%d]=%s\n", -8 * (int)(i + 1), buf);
			} else if (s->bytes[0] || s->bytes[7]) {
				vlog(env, "    stack[%d]=bytes %u%u%u%u%u%u%u%u\n", -8 * (int)(i + 1),
				     s->bytes[0], s->bytes[1], s->bytes[2], s->bytes[3], s->bytes[4],
				     s->bytes[5], s->bytes[6], s->bytes[7]);
			}
		}
	}
	for (i = 0; i < st->nr_refs; i++)
		vlog(env, "  owned block #%u (from insn %u)%s, at least %llu bytes (v%u)\n",
		     st->refs[i].id, st->refs[i].acquired_at,
		     st->refs[i].state == VREF_PENDING ? " pending send" : "", st->refs[i].size_min,
		     st->refs[i].mid);
	for (i = 0; i < st->nr_rels; i++)
		vlog(env, "%s%sv%u %s v%u <= %lld%s", i ? ", " : "  relations: ",
		     st->rels[i].a & 1 ? "-" : "", st->rels[i].a >> 1, st->rels[i].b & 1 ? "+" : "-",
		     st->rels[i].b >> 1, (long long)st->rels[i].c, i + 1 == st->nr_rels ? "\n" : "");
}

#define LOG_PATH_MAX 400

/* The failing path, oldest instruction first (at most the last LOG_PATH_MAX). */
static void log_failure(struct venv *env, struct vstate *st)
{
	struct vpath *p, **nodes;
	char buf[160];
	int n = 0;

	if (!env->verbose)
		return;
	nodes = venv_alloc(env, LOG_PATH_MAX * sizeof(*nodes));
	if (!nodes)
		return;
	vlog(env, "verifier: the failing path:\n");
	for (p = st->path; p && n < LOG_PATH_MAX; p = p->parent)
		nodes[n++] = p;
	if (p)
		vlog(env, "  ... (earlier instructions left out)\n");
	while (n--) {
		log_insn(env, nodes[n]->pc);
		if (nodes[n]->regno < VNR_REGS) {
			vreg_print(&nodes[n]->reg, buf, sizeof(buf));
			vlog(env, "   %s=%s", regname(nodes[n]->regno), buf);
		}
		vlog(env, "\n");
	}
	vlog(env, "verifier: refused at:\n");
	log_insn(env, st->pc);
	vlog(env, "\nverifier: the state there:\n");
	log_state(env, st);
	venv_free(env, nodes);
}

/* ---- references: owned blocks ---- */

static struct vref *ref_find(struct vstate *st, u32 id)
{
	u32 i;

	for (i = 0; i < st->nr_refs; i++)
		if (st->refs[i].id == id)
			return &st->refs[i];
	return NULL;
}

/* A new owned block, of @size_min bytes at least; @mid: its size's variable (0: a new one). */
static int ref_acquire(struct venv *env, struct vstate *st, u32 pc, u64 size_min, u32 mid,
		       u32 *id)
{
	struct vref *r;

	if (st->nr_refs >= VMAX_REFS)
		return verr(env, pc, "too many blocks owned at once (limit %d)", VMAX_REFS);
	r = &st->refs[st->nr_refs++];
	memset(r, 0, sizeof(*r));
	r->id = *id = new_id(env);
	r->mid = mid ? mid : new_id(env);
	r->size_min = size_min;
	r->acquired_at = pc;
	return 0;
}

/* Calls fn on every register and spilled register of every frame. */
#define for_each_reg(st, r, body)						\
	do {									\
		u32 f_, i_;							\
		for (f_ = 0; f_ < (st)->nr_frames; f_++) {			\
			struct vframe *fr_ = (st)->frames[f_];			\
			for (i_ = 0; i_ < VNR_REGS; i_++) {			\
				struct vreg *r = &fr_->regs[i_];		\
				body;						\
			}							\
			for (i_ = 0; i_ < fr_->nr_slots; i_++) {		\
				struct vreg *r;					\
				if (fr_->slots[i_].bytes[0] != VB_SPILL)	\
					continue;				\
				r = &fr_->slots[i_].spill;			\
				body;						\
				if (r->type == VT_NOT_INIT)			\
					memset(fr_->slots[i_].bytes, VB_INVALID, 8); \
			}							\
		}								\
	} while (0)

/*
 * The block is given up: every copy of its pointer dies with it, remembering
 * why and where so that a later use can say so.
 */
static void ref_release(struct vstate *st, u32 id, enum vgone why, u32 pc)
{
	struct vref *r = ref_find(st, id);

	for_each_reg(st, x, {
		if ((x->type == VT_BLOCK || x->type == VT_BLOCK_OR_NULL) && x->id == id) {
			vreg_not_init(x);
			x->type = VT_GONE;
			x->id = id;
			x->umin = why;
			x->smin = pc;
		}
	});
	if (r)
		*r = st->refs[--st->nr_refs];
}

/* A NULL check settled: the pointer (and its copies) is a block, or 0. */
static void mark_null_check(struct vstate *st, u32 id, bool is_null)
{
	if (is_null) {
		for_each_reg(st, x, {
			if (x->type == VT_BLOCK_OR_NULL && x->id == id)
				vreg_const(x, 0);
		});
		ref_release(st, id, VGONE_FREED, 0);	/* no copy is left to mark */
		return;
	}
	for_each_reg(st, x, {
		if (x->type == VT_BLOCK_OR_NULL && x->id == id)
			x->type = VT_BLOCK;
	});
}

/*
 * What a refined scalar teaches: its copies get the same bounds, a check of
 * msg->block_size raises what is known of it and of the message's block,
 * and a tested send result decides whether the block was sent. (What its
 * relations teach is vrel_reduce()'s.)
 */
static void links_propagate(struct vstate *st, const struct vreg *src)
{
	u32 i;

	if (src->type != VT_SCALAR || (!src->id && !src->zid))
		return;
	if (src->id) {
		for_each_reg(st, x, {
			if (x->type == VT_SCALAR && x->id == src->id && x != src) {
				x->var = src->var;
				x->smin = src->smin;
				x->smax = src->smax;
				x->umin = src->umin;
				x->umax = src->umax;
			}
		});
	}
	if (src->id == VID_MSG_SIZE && src->umin > st->msg_min)
		st->msg_min = src->umin;
	for (i = 0; i < st->nr_refs; i++) {
		struct vref *r = &st->refs[i];

		if (r->mid == VID_MSG_SIZE && st->msg_min > r->size_min)
			r->size_min = st->msg_min;
		if (r->state == VREF_PENDING && src->zid && r->pending_id == src->zid) {
			if (src->umin == 0 && src->umax == 0) {
				ref_release(st, r->id, VGONE_SENT, r->sent_at);
				i--;
			} else if (src->umin > 0) {
				r->state = VREF_OWNED;		/* failed: still ours */
				r->pending_id = 0;
			}
		}
	}
}

/* ---- registers ---- */

static int report_gone(struct venv *env, u32 pc, u8 regno, const struct vreg *r)
{
	switch (r->umin) {
	case VGONE_SENT:
		return verr(env, pc, "%s points to a block sent at insn %lld: it belongs to the receiver now",
			    regname(regno), (long long)r->smin);
	case VGONE_SLOT:
		return verr(env, pc, "%s points to a block put in a slot at insn %lld: take it back with sip_slot_xchg",
			    regname(regno), (long long)r->smin);
	default:
		return verr(env, pc, "%s points to a block freed at insn %lld (use after free)",
			    regname(regno), (long long)r->smin);
	}
}

static int check_reg_init(struct venv *env, struct vstate *st, u32 pc, u8 regno)
{
	if (reg(st, regno)->type == VT_GONE)
		return report_gone(env, pc, regno, reg(st, regno));
	if (reg(st, regno)->type == VT_NOT_INIT)
		return verr(env, pc, "%s is read before it is written%s", regname(regno),
			    regno >= 1 && regno <= 5 ? " (a call leaves r1-r5 unset)" : "");
	return 0;
}

static int check_reg_write(struct venv *env, u32 pc, u8 regno)
{
	if (regno == SIP_REG_FP)
		return verr(env, pc, "r10 (the frame pointer) is read-only");
	if (regno == VREG_AUX && !(env->prog->flags & SIP_VF_REWRITTEN))
		return verr(env, pc, "invalid register r11");
	return 0;
}

static bool is_pointer(const struct vreg *r)
{
	return r->type != VT_SCALAR && r->type != VT_NOT_INIT && r->type != VT_GONE;
}

/* A pending block may not be touched until the send's result is tested. */
static int check_block_usable(struct venv *env, struct vstate *st, u32 pc, u8 regno)
{
	struct vreg *r = reg(st, regno);
	struct vref *ref;

	if (r->type != VT_BLOCK && r->type != VT_BLOCK_OR_NULL)
		return 0;
	ref = ref_find(st, r->id);
	if (ref && ref->state == VREF_PENDING)
		return verr(env, pc, "%s may have been sent (sip_send at insn %u): test the result first",
			    regname(regno), ref->sent_at);
	return 0;
}

/* ---- memory ---- */

struct ctx_field {
	s16 off;
	u8 size;
	u8 type;		/* VT_SCALAR or VT_CHAN */
};

static const struct ctx_field msg_fields[] = {
	{ 0, 4, VT_CHAN }, { 4, 4, VT_SCALAR }, { 8, 8, VT_SCALAR }, { 16, 8, VT_SCALAR },
	{ 24, 8, VT_SCALAR }, { 32, 8, VT_SCALAR },
};
static const struct ctx_field init_fields[] = {
	{ 0, 8, VT_SCALAR }, { 8, 8, VT_SCALAR }, { 16, 8, VT_SCALAR }, { 24, 8, VT_SCALAR },
	{ 32, 8, VT_SCALAR }, { 40, 8, VT_SCALAR }, { 48, 8, VT_SCALAR }, { 56, 8, VT_SCALAR },
};
static const struct ctx_field irq_fields[] = {
	{ 0, 4, VT_SCALAR }, { 8, 8, VT_SCALAR },
};

static const struct {
	const struct ctx_field *fields;
	u32 nr;
	const char *name;
} ctx_layouts[] = {
	[SIP_ENTRY_INIT] = { init_fields, ARRAY_SIZE(init_fields), "an init" },
	[SIP_ENTRY_MSG] = { msg_fields, ARRAY_SIZE(msg_fields), "a msg" },
	[SIP_ENTRY_IRQ] = { irq_fields, ARRAY_SIZE(irq_fields), "an irq" },
	[SIP_ENTRY_EXIT] = { init_fields, ARRAY_SIZE(init_fields), "an exit" },
};

enum access { ACC_READ, ACC_WRITE, ACC_ATOMIC };
static const char *const access_names[] = { "read", "write", "atomic access" };

static int check_ctx(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base, s16 off,
		     u8 size, enum access acc, u8 dst, bool sign)
{
	const struct ctx_field *f;
	u32 i, kind = env->prog->kind;
	s64 o;

	if (acc != ACC_READ)
		return verr(env, pc, "the context is read-only (%s at off %d)", access_names[acc], off);
	if (base->smin != base->smax)
		return verr(env, pc, "variable offset into the context");
	o = base->smin + off;
	for (i = 0; i < ctx_layouts[kind].nr; i++) {
		f = &ctx_layouts[kind].fields[i];
		if (o != f->off)
			continue;
		if (size > f->size || (f->type == VT_CHAN && (size != f->size || sign)))
			break;
		if (f->type == VT_CHAN) {
			/* The message may have come on any channel. */
			vreg_not_init(reg(st, dst));
			reg(st, dst)->type = VT_CHAN;
			reg(st, dst)->chans = (u16)((1u << env->prog->nr_channels) - 1);
		} else if (kind == SIP_ENTRY_MSG && o == MSG_BLOCK_SIZE_OFF && size >= 4) {
			/*
			 * The runtime sets block_size before the run and never
			 * changes it; the block sip_msg_block() returns has that
			 * many bytes for the whole run (none, and NULL, when it
			 * was taken back before). Every read is one value: the
			 * message block's size (below 2^31: 4 bytes hold it).
			 */
			struct vreg *r = reg(st, dst);

			vreg_unknown(r);
			r->umin = st->msg_min;
			r->umax = VBLOCK_MAX;
			vreg_sync(r);
			r->id = VID_MSG_SIZE;
		} else {
			vreg_bounded(reg(st, dst), size, sign);
		}
		return 0;
	}
	return verr(env, pc, "invalid context access (off %lld, size %u) in %s handler",
		    (long long)o, size, ctx_layouts[kind].name);
}

static const char *region_name(u8 type)
{
	switch (type) {
	case VT_DATA:
		return "private data";
	case VT_RODATA:
		return "read-only data";
	case VT_BLOCK:
		return "exchange block";
	default:
		return vtype_name(type);
	}
}

/*
 * Do a block's relations put [base + off, base + off + size) within it?
 * @size_var: the variable of a size that is not a constant (0: none).
 */
static bool within_block(const struct vstate *st, const struct vreg *base, const struct vref *ref,
			 s16 off, u64 size, u32 size_var)
{
	u32 m = ref->mid << 1;

	if (size_var && base->smin == base->smax)
		return vrel_bound(st, size_var << 1, m) <= -(base->smin + off);
	if (size_var || !base->oid)
		return false;
	return vrel_bound(st, base->oid << 1, m) <= -((s64)off + (s64)size);
}

/*
 * An access of size bytes at base + off inside [0, limit); @size_var: for
 * a helper's size that is not a constant (size its largest value), its
 * variable.
 */
static int check_region(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
			s16 off, u64 size, enum access acc, u32 size_var)
{
	u64 limit;
	s64 lo = base->smin + off, hi = base->smax + off + (s64)size;
	struct vref *ref = NULL;

	switch (base->type) {
	case VT_DATA:
		limit = env->prog->data_size;
		break;
	case VT_RODATA:
		limit = env->prog->rodata_size;
		if (acc != ACC_READ)
			return verr(env, pc, "%s to read-only data", access_names[acc]);
		break;
	default:
		ref = ref_find(st, base->id);
		limit = ref ? ref->size_min : 0;
		break;
	}
	if (lo < 0 || (hi > (s64)limit && !(ref && within_block(st, base, ref, off, size, size_var)))) {
		const char *what = acc == ACC_READ ? "read of" : acc == ACC_WRITE ? "write to" :
				   "atomic access to";

		/*
		 * What to do about it: a block's size is known only after a
		 * check, and a check proves only what relations keep.
		 */
		const char *hint = base->type != VT_BLOCK ? "" :
			ref && vrel_mentions(st, ref->mid) ?
			": no check made bounds this offset by the block's size (sums of two values, products, quotients are not kept)" :
			limit ? ": compare the offset with the block's size first (i + c <= size; not *, / or sums of two values)" :
			": the block may be empty: compare the offset with its size first (i + c <= size; not *, / or sums of two values)";

		if (base->smin == base->smax)
			return verr(env, pc, "%s %s out of bounds (off %lld, size %llu, %s %llu)%s", what,
				    region_name(base->type), (long long)lo, size,
				    base->type == VT_BLOCK ? "block" : "size", limit, hint);
		return verr(env, pc, "%s %s out of bounds (off [%lld, %lld], size %llu, %s %llu)%s",
			    what, region_name(base->type), (long long)lo,
			    (long long)(base->smax + off), size,
			    base->type == VT_BLOCK ? "block" : "size", limit, hint);
	}
	return 0;
}

static u32 stack_limit(struct venv *env)
{
	return SIP_STACK_SIZE + (env->prog->flags & SIP_VF_REWRITTEN ? SIP_STACK_FRAME_EXTRA : 0);
}

/*
 * The frame a stack pointer refers to, checked and grown to cover every
 * byte an access of @size bytes at base + off may touch: [*o, *o + *span)
 * (*span is @size at a constant offset).
 */
static int stack_range(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		       s16 off, u64 size, s64 *o, u64 *span, struct vframe **fr)
{
	s64 lo;
	u32 need;

	lo = base->smin + off;
	*span = (u64)(base->smax - base->smin) + size;
	if (lo < -(s64)stack_limit(env) || lo + (s64)*span > 0) {
		if (base->smin == base->smax)
			return verr(env, pc, "stack access out of bounds (off %lld, size %llu): the stack is %u bytes",
				    (long long)lo, size, SIP_STACK_SIZE);
		return verr(env, pc, "stack access out of bounds (off [%lld, %lld], size %llu): the stack is %u bytes",
			    (long long)lo, (long long)(base->smax + off), size, SIP_STACK_SIZE);
	}
	need = (u32)((-lo + 7) / 8);
	if (vframe_grow(env, st, base->frameno, need))
		return -ENOMEM;
	*fr = st->frames[base->frameno];
	*o = lo;
	if ((u64)-lo > env->func_stack[(*fr)->func]) {
		env->func_stack[(*fr)->func] = (u32)-lo;
		env->func_stack_at[(*fr)->func] = pc;
	}
	return 0;
}

static struct vslot *slot_of(struct vframe *fr, s64 o)
{
	return &fr->slots[(-o - 1) / 8];
}

static u8 *byte_of(struct vframe *fr, s64 o)
{
	struct vslot *s = slot_of(fr, o);

	return &s->bytes[(o % 8 + 8) % 8];
}

/*
 * @size bytes of scalar data are written somewhere in [o, o + span) (at a
 * variable offset when span > size): spills the range cuts are lost, and
 * only the bytes every such write covers, [o + span - size, o + size),
 * are known written; the others stay as they were.
 */
static void stack_clobber(struct vframe *fr, s64 o, u64 span, u64 size)
{
	s64 i, sure_lo = o + (s64)(span - size), sure_hi = o + (s64)size;

	for (i = o; i < o + (s64)span; i++) {
		struct vslot *s = slot_of(fr, i);

		if (s->bytes[0] == VB_SPILL) {
			/* The rest of a cut pointer must never be read as a number. */
			u8 rest = s->spill.type == VT_SCALAR ? VB_MISC : VB_INVALID;

			memset(s->bytes, rest, 8);
			vreg_not_init(&s->spill);
		}
		if (i >= sure_lo && i < sure_hi)
			*byte_of(fr, i) = VB_MISC;
	}
}

static int check_stack(struct venv *env, struct vstate *st, u32 pc, const struct vreg *base,
		       s16 off, u8 size, enum access acc, u8 regno, bool sign)
{
	struct vframe *fr;
	struct vslot *s;
	u64 span;
	s64 o, i;
	int ret;

	ret = stack_range(env, st, pc, base, off, size, &o, &span, &fr);
	if (ret)
		return ret;
	s = slot_of(fr, o);
	if (acc == ACC_WRITE) {
		struct vreg *v = regno < VNR_REGS ? reg(st, regno) : NULL;

		if (v && is_pointer(v)) {
			if (span != size)
				return verr(env, pc, "a pointer (%s: %s) cannot be stored at a variable stack offset",
					    regname(regno), vtype_name(v->type));
			if (size != 8 || o % 8)
				return verr(env, pc, "partial spill of a pointer (%s: %s) to the stack",
					    regname(regno), vtype_name(v->type));
			/* Only a pointer into a newer frame could outlive its stack. */
			if (v->type == VT_STACK && v->frameno > base->frameno)
				return verr(env, pc, "storing a pointer to a callee's stack (%s) into an older frame: it would dangle",
					    regname(regno));
		}
		if (v && span == 8 && size == 8 && !(o % 8)) {
			stack_clobber(fr, o, 8, 8);
			memset(s->bytes, VB_SPILL, 8);
			s->spill = *v;
			return 0;
		}
		stack_clobber(fr, o, span, size);
		return 0;
	}
	/* Reads and atomics need every byte they may touch written; a whole spill fills back. */
	for (i = o; i < o + (s64)span; i++) {
		u8 b = *byte_of(fr, i);

		if (b == VB_INVALID && span != size)
			return verr(env, pc, "read of uninitialised stack (off [%lld, %lld], size %u): writes at a variable offset leave a byte unwritten unless each covers it; initialise the buffer first",
				    (long long)o, (long long)(o + (s64)(span - size)), size);
		if (b == VB_INVALID)
			return verr(env, pc, "read of uninitialised stack (off %lld, size %u)",
				    (long long)o, size);
		if (b == VB_SPILL && slot_of(fr, i)->spill.type != VT_SCALAR &&
		    (size != 8 || o % 8 || acc != ACC_READ || span != size))
			return verr(env, pc, "partial read of a spilled pointer (off %lld, size %u)",
				    (long long)o, size);
	}
	if (acc == ACC_ATOMIC) {
		stack_clobber(fr, o, span, size);
		return 0;
	}
	if (span != size) {
		vreg_bounded(reg(st, regno), size, sign);
		return 0;
	}
	if (size == 8 && !(o % 8) && s->bytes[0] == VB_SPILL && !sign) {
		*reg(st, regno) = s->spill;
		return 0;
	}
	if (s->bytes[0] == VB_SPILL && vreg_is_const(&s->spill) && size == 8 && !(o % 8)) {
		*reg(st, regno) = s->spill;
		return 0;
	}
	vreg_bounded(reg(st, regno), size, sign);
	return 0;
}

#define RODATA_SCAN_MAX 4096	/* offsets a read of read-only data is evaluated at */

/*
 * A read of read-only data whose content is known: the constant it loads
 * (a string's byte, a table's entry), or the range of every value it may
 * load at the offsets it may have. False: the content is not known there.
 */
static bool rodata_read(struct venv *env, struct vreg *dst, const struct vreg *base, s16 off,
			u8 size, bool sign)
{
	const struct sip_vprog *p = env->prog;
	s64 lo = base->smin + off, hi = base->smax + off, o;
	u64 umin = U64_MAX_, umax = 0;
	s64 smin = S64_MAX_, smax = S64_MIN_;

	if (!p->rodata || lo < 0 || hi + size > (s64)p->rodata_const || hi - lo >= RODATA_SCAN_MAX)
		return false;
	for (o = lo; o <= hi; o++) {
		u64 v = 0;
		u32 i;

		for (i = 0; i < size; i++)	/* little-endian, as the ISA loads */
			v |= (u64)p->rodata[o + i] << (8 * i);
		if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
			v |= ~0ull << (8 * size);
		umin = v < umin ? v : umin;
		umax = v > umax ? v : umax;
		smin = (s64)v < smin ? (s64)v : smin;
		smax = (s64)v > smax ? (s64)v : smax;
	}
	if (lo == hi) {
		vreg_const(dst, umin);
		return true;
	}
	vreg_bounded(dst, size, sign);
	dst->umin = umin;
	dst->umax = umax;
	dst->smin = smin;
	dst->smax = smax;
	if (!vreg_sync(dst))
		vreg_bounded(dst, size, sign);
	return true;
}

/*
 * A value read from read-only data at a variable offset keeps what it was
 * read from (st->rl): testing it then tells where the offset may be.
 */
static void rodata_link(struct venv *env, struct vstate *st, u8 bregno, u8 regno,
			const struct vreg *base, s16 off, u8 size, bool sign)
{
	struct vreg *dst = reg(st, regno);
	u32 oid = base->oid;

	if (!oid && bregno != regno)	/* an offset with no relations: its register's */
		oid = vrel_name(env, reg(st, bregno));
	if (!oid || vreg_is_const(dst))
		return;
	dst->id = new_id(env);
	st->rl = (struct vrload){ .id = dst->id, .oid = oid, .off = off, .size = size, .sign = sign };
}

/*
 * A test of a value read from read-only data (st->rl) narrows the offset it
 * was read at to the offsets whose data the value may still be: a walk of
 * a string stops at its NUL. False: no offset is left (infeasible).
 */
static bool rodata_narrow(struct venv *env, struct vstate *st, const struct vreg *v)
{
	const struct sip_vprog *p = env->prog;
	const struct vrload *rl = &st->rl;
	s64 lo, hi, o, first = 0, last = -1;

	if (!rl->id || v->type != VT_SCALAR || v->id != rl->id ||
	    !vrel_var_bounds(env, st, rl->oid, &lo, &hi))
		return true;
	if (lo + rl->off < 0 || hi + rl->off + rl->size > (s64)p->rodata_const ||
	    hi - lo >= RODATA_SCAN_MAX)
		return true;
	for (o = lo; o <= hi; o++) {
		u64 x = 0;
		u32 i;

		for (i = 0; i < rl->size; i++)
			x |= (u64)p->rodata[o + rl->off + i] << (8 * i);
		if (rl->sign && rl->size < 8 && (x >> (8 * rl->size - 1)) & 1)
			x |= ~0ull << (8 * rl->size);
		if (x < v->umin || x > v->umax || (s64)x < v->smin || (s64)x > v->smax ||
		    (x & ~v->var.mask) != v->var.value)
			continue;
		if (last < first)
			first = o;
		last = o;
	}
	if (last < first)
		return false;
	return vrel_narrow(env, st, rl->oid, first, last);
}

/*
 * A load, store or atomic through register @bregno. For loads @regno is the
 * destination; for stores the source (or 0xff for an immediate store).
 */
static int check_mem(struct venv *env, struct vstate *st, u32 pc, u8 bregno, s16 off, u8 size,
		     enum access acc, u8 regno, bool sign)
{
	struct vreg base = *reg(st, bregno);
	int ret;

	ret = check_reg_init(env, st, pc, bregno);
	if (ret)
		return ret;
	if (acc != ACC_READ && regno < VNR_REGS && is_pointer(reg(st, regno)) &&
	    base.type != VT_STACK)
		return verr(env, pc, "pointer leak: storing a pointer (%s: %s) into %s",
			    regname(regno), vtype_name(reg(st, regno)->type), region_name(base.type));
	ret = check_block_usable(env, st, pc, bregno);
	if (ret)
		return ret;
	switch (base.type) {
	case VT_SCALAR:
		return verr(env, pc, "%s of memory through %s, which is a number, not a pointer",
			    access_names[acc], regname(bregno));
	case VT_CTX:
		return check_ctx(env, st, pc, &base, off, size, acc, regno, sign);
	case VT_STACK:
		return check_stack(env, st, pc, &base, off, size, acc, regno, sign);
	case VT_BLOCK_OR_NULL:
		return verr(env, pc, "%s may be NULL: check it before the %s", regname(bregno),
			    access_names[acc]);
	case VT_CHAN:
		return verr(env, pc, "%s is a channel handle, not a pointer", regname(bregno));
	default:
		break;
	}
	ret = check_region(env, st, pc, &base, off, size, acc, 0);
	if (ret)
		return ret;
	if (acc == ACC_READ && base.type == VT_RODATA &&
	    rodata_read(env, reg(st, regno), &base, off, size, sign)) {
		if (base.smin != base.smax)
			rodata_link(env, st, bregno, regno, &base, off, size, sign);
		return 0;
	}
	if (acc == ACC_READ)
		vreg_bounded(reg(st, regno), size, sign);
	return 0;
}

/* ---- instructions ---- */

static int check_ldx(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	static const u8 sizes[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				     [SIP_DW >> 3] = 8 };
	u8 size = sizes[SIP_SIZE(insn->code) >> 3];
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (!ret)
		ret = check_mem(env, st, pc, insn->src, insn->off, size, ACC_READ, insn->dst,
				SIP_MODE(insn->code) == SIP_MEMSX);
	return ret;
}

static int check_store(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		    enum sip_op op)
{
	static const u8 sizes[4] = { [SIP_W >> 3] = 4, [SIP_H >> 3] = 2, [SIP_B >> 3] = 1,
				     [SIP_DW >> 3] = 8 };
	u8 size = sizes[SIP_SIZE(insn->code) >> 3];
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	struct vreg *dreg = reg(st, insn->dst);
	int ret;

	if (d->fmt == SIP_FMT_ST) {
		/* An immediate: stored as a spilled constant when it fills a slot. */
		if (dreg->type == VT_STACK && size == 8) {
			struct vreg saved = *reg(st, 0), k;

			vreg_const(&k, (u64)(s64)insn->imm);
			*reg(st, 0) = k;	/* borrow r0 to carry the value */
			ret = check_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, 0, false);
			*reg(st, 0) = saved;
			return ret;
		}
		return check_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, 0xff, false);
	}
	ret = check_reg_init(env, st, pc, insn->src);
	if (ret)
		return ret;
	if (d->fmt == SIP_FMT_STX)
		return check_mem(env, st, pc, insn->dst, insn->off, size, ACC_WRITE, insn->src, false);

	/* Atomics: scalars only, natural alignment, fetches give back a number. */
	if (is_pointer(reg(st, insn->src)))
		return verr(env, pc, "pointer leak: atomic operation with a pointer (%s: %s)",
			    regname(insn->src), vtype_name(reg(st, insn->src)->type));
	if (dreg->type != VT_NOT_INIT && is_pointer(dreg) &&
	    (dreg->smin != dreg->smax || (dreg->smin + insn->off) % size))
		return verr(env, pc, "atomic access must be at a fixed, %u-byte aligned offset", size);
	if (op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64) {
		ret = check_reg_init(env, st, pc, 0);
		if (ret)
			return ret;
		if (is_pointer(reg(st, 0)))
			return verr(env, pc, "pointer leak: cmpxchg compares a pointer (r0)");
	}
	ret = check_mem(env, st, pc, insn->dst, insn->off, size, ACC_ATOMIC, insn->src, false);
	if (ret)
		return ret;
	if (op == SIP_OP_ACMPXCHG32 || op == SIP_OP_ACMPXCHG64)
		vreg_bounded(reg(st, 0), size, false);
	else if (insn->imm & SIP_FETCH)
		vreg_bounded(reg(st, insn->src), size, false);
	return 0;
}

static int check_lddw(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		   enum sip_op op)
{
	struct vreg *d = reg(st, insn->dst);
	u64 imm = sip_lddw_imm(insn);
	u32 size;
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (ret)
		return ret;
	if (op == SIP_OP_LDDW) {
		vreg_const(d, imm);
		return 0;
	}
	size = op == SIP_OP_LDDW_DATA ? env->prog->data_size : env->prog->rodata_size;
	if (imm > size)
		return verr(env, pc, "lddw: offset %llu is outside the %s (%u bytes)", imm,
			    op == SIP_OP_LDDW_DATA ? "private data" : "read-only data", size);
	vreg_not_init(d);
	d->type = op == SIP_OP_LDDW_DATA ? VT_DATA : VT_RODATA;
	d->smin = d->smax = (s64)imm;
	return 0;
}

/*
 * Pointer +/- scalar: the offset range moves by the scalar's, and the new
 * offset is related to the old one and to the scalar's value. @sreg: the
 * scalar's register if it keeps its value (NULL: it is overwritten).
 */
static int ptr_add(struct venv *env, struct vstate *st, u32 pc, struct vreg *p, struct vreg *s,
		   bool sub, u8 pregno, u8 sregno, struct vreg *sreg)
{
	struct vreg before = *p;
	s64 lo, hi;

	if (p->type == VT_BLOCK_OR_NULL)
		return verr(env, pc, "arithmetic on %s, which may be NULL (check it first)",
			    regname(pregno));
	if (p->type == VT_CHAN)
		return verr(env, pc, "arithmetic on a channel handle (%s)", regname(pregno));
	if (s->smin < -MAX_PTR_ADD || s->smax > MAX_PTR_ADD)
		return verr(env, pc, "pointer arithmetic with an unbounded value (%s): bound it first",
			    sregno < VNR_REGS ? regname(sregno) : "imm");
	if (p->smin < -MAX_PTR_OFF || p->smax > MAX_PTR_OFF)
		return verr(env, pc, "pointer offset out of range ([%lld, %lld])", (long long)p->smin,
			    (long long)p->smax);
	if (p->type == VT_CTX && s->smin != s->smax)
		return verr(env, pc, "variable offset into the context (%s)", regname(sregno));
	lo = sub ? p->smin - s->smax : p->smin + s->smin;
	hi = sub ? p->smax - s->smin : p->smax + s->smax;
	if (lo < -MAX_PTR_OFF || hi > MAX_PTR_OFF)
		return verr(env, pc, "pointer offset out of range ([%lld, %lld])", (long long)lo,
			    (long long)hi);
	p->smin = lo;
	p->smax = hi;
	vrel_ptr_add(env, st, p, &before, sreg ? sreg : s, sub, sreg != NULL);
	return 0;
}

static bool same_region(const struct vreg *a, const struct vreg *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == VT_STACK)
		return a->frameno == b->frameno;
	if (a->type == VT_BLOCK)
		return a->id == b->id;
	return a->type == VT_DATA || a->type == VT_RODATA || a->type == VT_CTX;
}

/*
 * Is the result zero exactly when the input was, for every input value? Then
 * it still tells whether a send succeeded: clang turns "int err = send()"
 * into shifts or a 32-bit move before testing it.
 */
static bool keeps_zero(enum sip_op op, const struct sip_insn *insn, const struct vreg *in)
{
	bool fits33 = in->smin > -(1ll << 32) && in->smax < (1ll << 32);
	bool low32_zero = !((in->var.value | in->var.mask) & U32_MAX_);

	if (!in->zid)
		return false;
	switch (op) {
	case SIP_OP_MOV32_X:
		return fits33;
	case SIP_OP_LSH64_K:
		return insn->imm == 32 && fits33;
	case SIP_OP_RSH64_K:
	case SIP_OP_ARSH64_K:
		return insn->imm == 32 && low32_zero;
	case SIP_OP_NEG64:
		return true;
	default:
		return false;
	}
}

/*
 * Does scalar @r come out of "<<= 32" then @shift (">>= 32" or "s>>= 32")
 * as it went in: its value fits the unsigned (signed) 32-bit range?
 */
static bool fits_narrowing(const struct vreg *r, const struct sip_insn *shift)
{
	if (r->type != VT_SCALAR)
		return false;
	if (shift->code == (SIP_ALU64 | SIP_K | SIP_RSH))
		return r->umax <= U32_MAX_;
	if (shift->code == (SIP_ALU64 | SIP_K | SIP_ARSH))
		return r->smin >= -(1ll << 31) && r->smax < (1ll << 31);
	return false;
}

/*
 * "rX <<= 32; rX >>= 32" (or s>>=) is how clang narrows a 64-bit value to
 * an unsigned (signed) int; when the value already fits, the pair changes
 * nothing, and the register keeps its links (a block size stays one).
 */
static bool is_identity_narrowing(struct venv *env, struct vstate *st, u32 pc)
{
	const struct sip_insn *a = &env->prog->insns[pc], *b = a + 1;

	if (pc + 1 >= env->prog->len || (env->flags[pc + 1] & VI_PRUNE))
		return false;
	if (a->code != (SIP_ALU64 | SIP_K | SIP_LSH) || a->imm != 32 || a->off ||
	    b->dst != a->dst || b->imm != 32 || b->off)
		return false;
	return fits_narrowing(reg(st, a->dst), b);
}

/*
 * "rA <<= 32; rB = rA; rB >>= 32" (or s>>=): clang's unsigned (signed) int
 * zero- (sign-) extended into another register. When rA's value fits, rB
 * ends a copy of it as it was, linked to it; rA is shifted as usual.
 */
static bool is_copy_narrowing(struct venv *env, struct vstate *st, u32 pc)
{
	const struct sip_insn *a = &env->prog->insns[pc], *b = a + 1, *c = a + 2;

	if (pc + 2 >= env->prog->len || (env->flags[pc + 1] & VI_PRUNE) ||
	    (env->flags[pc + 2] & VI_PRUNE))
		return false;
	if (a->code != (SIP_ALU64 | SIP_K | SIP_LSH) || a->imm != 32 || a->off ||
	    b->code != (SIP_ALU64 | SIP_X | SIP_MOV) || b->src != a->dst || b->dst == a->dst ||
	    b->off || c->dst != b->dst || c->imm != 32 || c->off ||
	    b->dst == SIP_REG_FP || (b->dst == VREG_AUX && !(env->prog->flags & SIP_VF_REWRITTEN)))
		return false;
	return fits_narrowing(reg(st, a->dst), c);
}

static int check_alu(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
		  enum sip_op op)
{
	const struct sip_insn_desc *desc = &sip_insn_descs[op];
	u8 aop = SIP_OP(insn->code);
	/* Byte swaps take their width from imm, whatever their class. */
	bool alu32 = SIP_CLASS(insn->code) == SIP_ALU && aop != SIP_END;
	struct vreg *d = reg(st, insn->dst), s;
	u8 sregno = 0xff;
	s16 var = 0;
	int ret;

	ret = check_reg_write(env, pc, insn->dst);
	if (ret)
		return ret;
	if (desc->fmt == SIP_FMT_ALU_X) {
		ret = check_reg_init(env, st, pc, insn->src);
		if (ret)
			return ret;
		s = *reg(st, insn->src);
		sregno = insn->src;
	} else {
		vreg_const(&s, alu32 ? (u32)insn->imm : (u64)(s64)insn->imm);
	}
	if (aop != SIP_MOV || desc->fmt == SIP_FMT_ALU_UN) {
		ret = check_reg_init(env, st, pc, insn->dst);
		if (ret)
			return ret;
	}
	if (aop == SIP_MOV || aop == SIP_DIV || aop == SIP_MOD)
		var = insn->off;
	if (aop == SIP_END)
		var = (s16)insn->imm;
	if (op == SIP_OP_BSWAP16 || op == SIP_OP_BSWAP32 || op == SIP_OP_BSWAP64)
		var = (s16)insn->imm;

	/*
	 * A 64-bit register move copies anything; scalars get linked. So does
	 * a 32-bit one of a value that fits (clang's "u32 len = size").
	 */
	if (op == SIP_OP_MOV64_X ||
	    (op == SIP_OP_MOV32_X && s.type == VT_SCALAR && s.umax <= U32_MAX_)) {
		struct vreg *src = reg(st, insn->src);

		if (src->type == VT_SCALAR && !src->id && !vreg_is_const(src))
			src->id = new_id(env);
		*d = *src;
		return 0;
	}
	if (is_pointer(d) || is_pointer(&s)) {
		if (alu32 || (aop != SIP_ADD && aop != SIP_SUB && aop != SIP_MOV))
			return verr(env, pc, "pointer leak: %s on a pointer (%s: %s)", desc->mnem,
				    is_pointer(d) ? regname(insn->dst) : regname(sregno),
				    vtype_name(is_pointer(d) ? d->type : s.type));
		/* mov K: a number replaces the pointer; a movsx of one would leak it. */
		if (aop == SIP_MOV && desc->fmt == SIP_FMT_ALU_K)
			goto scalar;
		if (aop == SIP_MOV)
			return verr(env, pc, "pointer leak: %s of a pointer (%s: %s)", desc->mnem,
				    regname(sregno), vtype_name(s.type));
		if (is_pointer(d) && !is_pointer(&s))
			return ptr_add(env, st, pc, d, &s, aop == SIP_SUB, insn->dst, sregno,
				       sregno < VNR_REGS ? reg(st, sregno) : NULL);
		if (aop == SIP_ADD && !is_pointer(d)) {
			struct vreg sum = s, off = *d;

			ret = ptr_add(env, st, pc, &sum, &off, false, sregno, insn->dst, NULL);
			if (!ret)
				*d = sum;
			return ret;
		}
		if (aop == SIP_SUB && same_region(d, &s) && d->type != VT_CTX) {
			s64 lo = d->smin - s.smax, hi = d->smax - s.smin;

			vreg_unknown(d);
			d->smin = lo;
			d->smax = hi;
			vreg_sync(d);
			return 0;
		}
		return verr(env, pc, "pointer leak: %s between %s and %s", desc->mnem,
			    vtype_name(d->type), vtype_name(s.type));
	}
scalar: {
	struct vreg in = aop == SIP_MOV ? s : *d;

	vreg_alu(d, &s, aop, alu32, var);
	d->zid = keeps_zero(op, insn, &in) ? in.zid : 0;
	/* "x & 0xff" of a byte: the same value, the same links */
	if (aop == SIP_AND && desc->fmt == SIP_FMT_ALU_K && in.type == VT_SCALAR && in.id &&
	    !((s.var.value + 1) & s.var.value) && in.umax <= s.var.value) {
		d->id = in.id;
		return 0;
	}
	if (!var)
		vrel_alu(env, st, d, &in, &s, aop, alu32);
	return 0;
}
}

/* ---- branches ---- */

static int push_state(struct venv *env, struct vstate *st)
{
	if (env->queue_len == env->queue_cap) {
		u32 cap = env->queue_cap ? env->queue_cap * 2 : 64;
		struct vstate **q = venv_alloc(env, cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		if (env->queue_len)
			memcpy(q, env->queue, env->queue_len * sizeof(*q));
		venv_free(env, env->queue);
		env->queue = q;
		env->queue_cap = cap;
	}
	env->queue[env->queue_len++] = st;
	return 0;
}

static bool is_nullable(const struct vreg *r)
{
	return r->type == VT_BLOCK_OR_NULL;
}

static bool is_zero(const struct vreg *r)
{
	return vreg_is_const(r) && r->var.value == 0;
}

/*
 * Two pointers into one region compare as their offsets do, as signed
 * numbers: a region does not wrap, but an offset may be negative.
 */
static u8 ptr_cmp_op(u8 op)
{
	switch (op) {
	case SIP_JGT:
		return SIP_JSGT;
	case SIP_JGE:
		return SIP_JSGE;
	case SIP_JLT:
		return SIP_JSLT;
	case SIP_JLE:
		return SIP_JSLE;
	default:
		return op;
	}
}

/*
 * Evaluates a conditional jump on pointers. Returns 1 taken, 0 not taken, -1
 * both (then *null_id names a NULL check to settle in each branch).
 */
static int ptr_branch(struct venv *env, u32 pc, const struct sip_insn *insn,
		      struct vreg *a, struct vreg *b, u8 op, bool *ok, u32 *null_id)
{
	*ok = true;
	*null_id = 0;
	/* Channel handles are numbers to the driver: it may test which it got. */
	if ((a->type == VT_CHAN && b->type == VT_SCALAR) || (b->type == VT_CHAN && a->type == VT_SCALAR)) {
		if (op == SIP_JEQ || op == SIP_JNE)
			return -1;
	}
	if (op == SIP_JEQ || op == SIP_JNE) {
		struct vreg *p = is_pointer(a) ? a : b, *o = is_pointer(a) ? b : a;

		if (is_zero(o)) {
			if (is_nullable(p)) {
				*null_id = p->id;
				return -1;
			}
			return op == SIP_JNE;	/* a checked pointer is never NULL */
		}
	}
	if (is_pointer(a) && is_pointer(b) && same_region(a, b) && op != SIP_JSET &&
	    a->type != VT_BLOCK_OR_NULL) {
		struct vreg oa, ob;

		vreg_unknown(&oa);
		vreg_unknown(&ob);
		oa.smin = a->smin;
		oa.smax = a->smax;
		ob.smin = b->smin;
		ob.smax = b->smax;
		vreg_sync(&oa);
		vreg_sync(&ob);
		return vreg_branch_known(&oa, &ob, ptr_cmp_op(op), false);
	}
	*ok = false;
	return verr(env, pc, "pointer comparison: %s (%s) with %s (%s) is not allowed",
		    regname(insn->dst), vtype_name(a->type),
		    SIP_SRC(insn->code) == SIP_X ? regname(insn->src) : "imm", vtype_name(b->type));
}

/* Narrows same-region pointer offsets in a branch whose outcome is op. */
static bool ptr_refine(struct vreg *a, struct vreg *b, u8 op, bool taken)
{
	struct vreg oa, ob;

	vreg_unknown(&oa);
	vreg_unknown(&ob);
	oa.smin = a->smin;
	oa.smax = a->smax;
	ob.smin = b->smin;
	ob.smax = b->smax;
	if (!vreg_sync(&oa) || !vreg_sync(&ob) || !vreg_refine(&oa, &ob, ptr_cmp_op(op), false, taken))
		return false;
	/* Offsets are small and signed: the signed view is the one to keep. */
	a->smin = oa.smin;
	a->smax = oa.smax;
	b->smin = ob.smin;
	b->smax = ob.smax;
	return a->smin <= a->smax && b->smin <= b->smax;
}

static int check_cond_jump(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn,
			enum sip_op op)
{
	bool jmp32 = SIP_CLASS(insn->code) == SIP_JMP32, ok, src_x = SIP_SRC(insn->code) == SIP_X;
	u8 cop = SIP_OP(insn->code);
	u32 target = pc + 1 + insn->off, null_id = 0;
	struct vreg *a = reg(st, insn->dst), kb, *b;
	struct vstate *other;
	int known, ret;

	(void)op;
	ret = check_reg_init(env, st, pc, insn->dst);
	if (ret)
		return ret;
	if (src_x) {
		ret = check_reg_init(env, st, pc, insn->src);
		if (ret)
			return ret;
		b = reg(st, insn->src);
	} else {
		vreg_const(&kb, jmp32 ? (u32)insn->imm : (u64)(s64)insn->imm);
		b = &kb;
	}
	if (is_pointer(a) || is_pointer(b)) {
		if (jmp32)
			return verr(env, pc, "pointer comparison in 32 bits (%s: %s)",
				    regname(insn->dst), vtype_name(a->type));
		known = ptr_branch(env, pc, insn, a, b, cop, &ok, &null_id);
		if (!ok)
			return known;
	} else {
		known = vreg_branch_known(a, b, cop, jmp32);
	}
	if (known >= 0) {
		st->pc = known ? target : pc + 1;
		return STEP_NEXT;
	}

	/* Both ways are possible: the jump is explored later, fall through now. */
	other = vstate_copy(env, st);
	if (!other)
		return -ENOMEM;
	other->pc = target;
	st->pc = pc + 1;
	if (null_id) {
		bool jeq = cop == SIP_JEQ;

		mark_null_check(other, null_id, jeq);	/* jumped: JEQ 0 means NULL */
		mark_null_check(st, null_id, !jeq);
	} else {
		struct vstate *sides[2] = { other, st };
		int i;

		for (i = 0; i < 2; i++) {
			struct vreg *sa = reg(sides[i], insn->dst);
			struct vreg *sb = src_x ? reg(sides[i], insn->src) : &kb;
			struct vreg kcopy = kb;
			bool feasible;

			if (!src_x)
				sb = &kcopy;
			if (sa->type == VT_CHAN || sb->type == VT_CHAN)
				continue;	/* which channel: nothing to narrow */
			if (is_pointer(sa))
				feasible = ptr_refine(sa, sb, cop, i == 0) &&
					   vrel_branch(env, sides[i], sa, sb,
						       i == 0 ? ptr_cmp_op(cop) : vreg_negate(ptr_cmp_op(cop)),
						       false, true);
			else
				feasible = vreg_refine(sa, sb, cop, jmp32, i == 0);
			if (feasible && !is_pointer(sa)) {
				links_propagate(sides[i], sa);
				if (src_x)
					links_propagate(sides[i], sb);
				feasible = vrel_branch(env, sides[i], sa, sb,
						       i == 0 ? cop : vreg_negate(cop), jmp32, false) &&
					   rodata_narrow(env, sides[i], sa) &&
					   (!src_x || rodata_narrow(env, sides[i], sb));
			}
			if (!feasible) {
				/* This side cannot happen: drop it. */
				if (i == 0) {
					vstate_free(env, other);
					other = NULL;
				} else {
					st->pc = SIP_DIAG_NO_INSN;
				}
				continue;
			}
		}
	}
	if (other) {
		path_note(env, other, pc, 0xff);
		ret = push_state(env, other);
		if (ret) {
			vstate_free(env, other);
			return ret;
		}
	}
	if (st->pc == SIP_DIAG_NO_INSN)
		return STEP_DONE;
	return STEP_NEXT;
}

/* ---- calls ---- */

struct helper_proto {
	const char *name;
	u8 ret;
	u8 args[5];
	u32 entries;
};

static const struct helper_proto helper_protos[SIP_HELPER__END] = {
#define PROTO_(nr, nm, r, a1, a2, a3, a4, a5, ent, doc)		\
	[nr] = { .name = "sip_" #nm, .ret = r, .args = { a1, a2, a3, a4, a5 }, .entries = ent },
/* One more expansion turns the _A1()..._A4() shorthands into five arguments. */
#define PROTO(nr, nm, ctype, params, r, ...) PROTO_(nr, nm, r, __VA_ARGS__)
	SIP_HELPERS(PROTO)
#undef PROTO
#undef PROTO_
};

static const char *const entry_names[] = {
	[SIP_ENTRY_INIT] = "an init", [SIP_ENTRY_MSG] = "a msg", [SIP_ENTRY_IRQ] = "an irq",
	[SIP_ENTRY_EXIT] = "an exit",
};

/*
 * Memory [p, p + size) a helper reads (SIP_ARG_MEM_RO), reads and writes
 * (_RW), or fills (_WO: every byte of it, whatever the call returns). A
 * size in [umin, umax] must fit at umax; a fill writes at least umin bytes,
 * and may write any of the rest.
 */
static int check_helper_mem(struct venv *env, struct vstate *st, u32 pc, u8 pregno, u8 sregno,
			    u8 kind, const char *name)
{
	/* Copies: growing the frame below may move the registers. */
	struct vreg pv = *reg(st, pregno), sv = *reg(st, sregno), *p = &pv, *s = &sv;
	bool reads = kind != SIP_ARG_MEM_WO, writes = kind != SIP_ARG_MEM_RO;
	struct vframe *fr;
	u64 span;
	s64 o, i;
	int ret;

	if (s->type != VT_SCALAR)
		return verr(env, pc, "argument %u of %s (the size, %s) must be a number", sregno, name,
			    regname(sregno));
	if (s->umax > MAX_MEM_ARG)
		return verr(env, pc, "%s: size %s may be %llu, more than the %u a helper takes: bound it first",
			    name, regname(sregno), s->umax, MAX_MEM_ARG);
	if (!s->umax)
		return 0;
	ret = check_block_usable(env, st, pc, pregno);
	if (ret)
		return ret;
	switch (p->type) {
	case VT_STACK:
		ret = stack_range(env, st, pc, p, 0, s->umax, &o, &span, &fr);
		if (ret)
			return ret;
		for (i = o; reads && i < o + (s64)span; i++) {
			if (*byte_of(fr, i) == VB_INVALID)
				return verr(env, pc, "%s reads uninitialised stack (off %lld, size %llu)",
					    name, (long long)o, s->umax);
			if (*byte_of(fr, i) == VB_SPILL && slot_of(fr, i)->spill.type != VT_SCALAR)
				return verr(env, pc, "pointer leak: %s would read a spilled pointer", name);
		}
		if (!writes)
			return 0;
		if (kind == SIP_ARG_MEM_RW) {
			/* Every byte was written already (read above): it stays a number. */
			stack_clobber(fr, o, span, s->umax);
			return 0;
		}
		/*
		 * A fill may reach any byte of the span, so no spill there
		 * survives; only [smax, smin + umin) is written on every path.
		 */
		stack_clobber(fr, o, span, 0);
		stack_clobber(fr, o, span - s->umax + s->umin, s->umin);
		return 0;
	case VT_DATA:
	case VT_RODATA:
	case VT_BLOCK:
		return check_region(env, st, pc, p, 0, s->umax, writes ? ACC_WRITE : ACC_READ,
				    vreg_is_const(s) ? 0 : s->id);
	default:
		return verr(env, pc, "argument %u of %s (%s: %s) must point to memory", pregno, name,
			    regname(pregno), vtype_name(p->type));
	}
}

/* The register holding the size of memory argument @i: the next SIP_ARG_SIZE. */
static u8 mem_size_regno(const struct helper_proto *h, u32 i)
{
	while (++i < 5 && h->args[i] != SIP_ARG_SIZE)
		;
	return (u8)(i + 1);
}

/*
 * A format (SIP_ARG_FMT) in @regno: a constant pointer to a format in the
 * read-only data, whose bytes the verifier has (they never change), parsed
 * as the helper will parse it; then the arguments after it, one per
 * conversion: a number (a channel handle is one too), or for %s a pointer
 * into the read-only data (the helper prints up to a NUL or its end).
 */
static int check_format(struct venv *env, struct vstate *st, u32 pc, u8 regno, const char *name)
{
	const struct vreg *f = reg(st, regno);
	const u32 size = env->prog->rodata_const;
	struct sip_pf pf;
	char why[128];
	u32 k;

	if (f->type != VT_RODATA || f->smin != f->smax)
		return verr(env, pc, "argument %u of %s (%s: %s) must be a constant string in read-only data (a string literal)",
			    regno, name, regname(regno), vtype_name(f->type));
	if (!env->prog->rodata || !size)
		return verr(env, pc, "%s: the read-only data's bytes are not known here: the format cannot be checked",
			    name);
	if (f->smin < 0 || f->smin >= size)
		return verr(env, pc, "%s: the format (off %lld) is outside the read-only data (size %u)",
			    name, (long long)f->smin, size);
	if (sip_pf_parse((const char *)env->prog->rodata + f->smin, size - (u32)f->smin, &pf, why,
			 sizeof(why)))
		return verr(env, pc, "%s: format: %s", name, why);
	for (k = 0; k < pf.nr; k++) {
		u8 a = (u8)(regno + 1 + k);
		const struct vreg *r = reg(st, a);
		char conv = pf.conv[k].conv;

		if (r->type == VT_GONE)
			return report_gone(env, pc, a, r);
		if (r->type == VT_NOT_INIT)
			return verr(env, pc, "%s: the format's conversion %u (%%%c) prints %s, which is not set",
				    name, k + 1, conv, regname(a));
		if (pf.conv[k].kind != SIP_PF_STR) {
			if (r->type != VT_SCALAR && r->type != VT_CHAN)
				return verr(env, pc, "pointer leak: %s: conversion %u (%%%c) would print %s (%s) as a number",
					    name, k + 1, conv, regname(a), vtype_name(r->type));
			continue;
		}
		if (r->type != VT_RODATA)
			return verr(env, pc, "%s: conversion %u (%%s) prints a string of the read-only data, not %s (%s)",
				    name, k + 1, regname(a), vtype_name(r->type));
		if (r->smin < 0 || r->smax >= (s64)size)
			return verr(env, pc, "%s: conversion %u (%%s): %s may point outside the read-only data (off [%lld, %lld], size %u)",
				    name, k + 1, regname(a), (long long)r->smin, (long long)r->smax, size);
	}
	return 0;
}

static int check_block_arg(struct venv *env, struct vstate *st, u32 pc, u8 regno, bool nullable,
			   const char *name, u32 *id)
{
	struct vreg *r = reg(st, regno);
	struct vref *ref;

	*id = 0;
	if (nullable && is_zero(r))
		return 0;
	if (r->type != VT_BLOCK && !(nullable && r->type == VT_BLOCK_OR_NULL))
		return verr(env, pc, "argument %u of %s (%s: %s) must be an owned block%s", regno, name,
			    regname(regno), vtype_name(r->type), nullable ? " or NULL" : "");
	if (r->smin || r->smax)
		return verr(env, pc, "argument %u of %s must point to the start of its block (off %lld)",
			    regno, name, (long long)r->smin);
	ref = ref_find(st, r->id);
	if (!ref)
		return verr(env, pc, "argument %u of %s is not an owned block", regno, name);
	if (ref->state == VREF_PENDING)
		return verr(env, pc, "%s may have been sent (sip_send at insn %u): test the result first",
			    regname(regno), ref->sent_at);
	*id = r->id;
	return 0;
}

static int check_const_arg(struct venv *env, const struct vreg *r, u32 pc, u32 helper, u8 regno,
			   const char *name)
{
	u64 v;

	/* A slot may be chosen at run time, within the declared ones. */
	if (helper == SIP_HELPER_slot_xchg && r->type == VT_SCALAR && !vreg_is_const(r)) {
		if (r->umax >= env->prog->nr_slots)
			return verr(env, pc, "%s: slot %s may be up to %llu (the manifest declares %u)",
				    name, regname(regno), r->umax, env->prog->nr_slots);
		return 0;
	}
	if (!vreg_is_const(r))
		return verr(env, pc, "argument %u of %s (%s) must be a constant", regno, name,
			    regname(regno));
	v = r->var.value;
	if (helper == SIP_HELPER_slot_xchg && v >= env->prog->nr_slots)
		return verr(env, pc, "%s: slot %llu out of range (the manifest declares %u)", name, v,
			    env->prog->nr_slots);
	if (helper == SIP_HELPER_chan && v >= env->prog->nr_channels)
		return verr(env, pc, "%s: channel %llu out of range (the manifest declares %u)", name,
			    v, env->prog->nr_channels);
	if ((helper == SIP_HELPER_io_read && regno == 3) || (helper == SIP_HELPER_io_write && regno == 4))
		if (v != 1 && v != 2 && v != 4 && v != 8)
			return verr(env, pc, "%s: width %llu must be 1, 2, 4 or 8", name, v);
	return 0;
}

/* "0, 2, 3": the channels of a set. */
static void chan_list(u32 chans, char *buf, u32 size)
{
	u32 k, n = 0;

	buf[0] = 0;
	for (k = 0; k < SIP_MAX_CHANNELS && n < size; k++)
		if (chans & (1u << k))
			n += sip_snprintf(buf + n, size - n, "%s%u", n ? ", " : "", k);
}

/* Why the driver may not send @tag on channel @k (not allowed there). */
static int refuse_tag(struct venv *env, u32 pc, u64 tag, u32 k)
{
	const struct sip_vchan *c = &env->prog->chans[k];

	if (!c->contract || !c->contract[0])
		return verr(env, pc, "sip_send: tag %llu cannot be sent on channel %u: the manifest names no contract for it",
			    tag, k);
	if (!c->tag_names)
		return verr(env, pc, "sip_send: tag %llu cannot be sent on channel %u: its contract '%s' is unknown to this kernel",
			    tag, k, c->contract);
	if (!tag || tag >= c->nr_tags)
		return verr(env, pc, "sip_send: tag %llu is not a message of contract %s (channel %u)",
			    tag, c->contract, k);
	return verr(env, pc, "sip_send: tag %llu (%s) is not a message the %s may send on channel %u (contract %s)",
		    tag, c->tag_names[tag], c->side == SIP_SERVER ? "server" : "client", k,
		    c->contract);
}

/*
 * A constant tag must be one the driver's side of the contract sends, on
 * at least one channel the handle may be; whether the channel's state
 * allows it is known at run time only (so are variable tags).
 */
static int check_send_tag(struct venv *env, struct vstate *st, u32 pc)
{
	const struct vreg *chan = reg(st, 1), *tag = reg(st, 2);
	char list[32];
	u64 t;
	u32 k;

	if (!vreg_is_const(tag))
		return 0;
	t = tag->var.value;
	for (k = 0; k < env->prog->nr_channels && k < SIP_MAX_CHANNELS; k++)
		if ((chan->chans & (1u << k)) && t < 32 && (env->prog->chans[k].sends & (1u << t)))
			return 0;
	if (!chan->chans)
		return verr(env, pc, "sip_send: tag %llu cannot be sent: the manifest declares no channel",
			    t);
	if (!(chan->chans & (chan->chans - 1))) {
		for (k = 0; !(chan->chans & (1u << k)); k++)
			;
		return refuse_tag(env, pc, t, k);
	}
	chan_list(chan->chans, list, sizeof(list));
	return verr(env, pc, "sip_send: tag %llu is not a message the driver may send on any channel r1 may be (%s)",
		    t, list);
}

static int check_helper_call(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	const struct helper_proto *h;
	u32 nr = (u32)insn->imm, free_id = 0, send_id = 0, keep_id = 0, chan_index = 0, i;
	u64 alloc_min = 0;
	u32 alloc_var = 0;
	struct vreg *r0;
	int ret;

	if (nr == SIP_HELPER_TRAP && (env->prog->flags & SIP_VF_REWRITTEN)) {
		for (i = 1; i <= 5; i++)
			vreg_not_init(reg(st, i));
		vreg_unknown(reg(st, 0));
		return 0;
	}
	if (env->prog->kind == SIP_VKIND_RAW)
		return verr(env, pc, "helper calls are not allowed in a raw program (call %d)", insn->imm);
	if (nr >= SIP_HELPER__END || !helper_protos[nr].name)
		return verr(env, pc, "call to unknown helper %d", insn->imm);
	h = &helper_protos[nr];
	if (!(h->entries & (1u << env->prog->kind)))
		return verr(env, pc, "%s is not allowed in %s handler", h->name,
			    entry_names[env->prog->kind]);
	for (i = 0; i < 5 && h->args[i] != SIP_ARG_NONE; i++) {
		u8 regno = (u8)(i + 1);
		struct vreg *r = reg(st, regno);

		if (h->args[i] == SIP_ARG_SIZE || h->args[i] == SIP_ARG_FMT_ARG)
			continue;	/* checked with its memory argument, or its format */
		if (r->type == VT_GONE)
			return report_gone(env, pc, regno, r);
		if (r->type == VT_NOT_INIT)
			return verr(env, pc, "argument %u of %s (%s) is not set", regno, h->name,
				    regname(regno));
		switch (h->args[i]) {
		case SIP_ARG_SCALAR:
			if (r->type != VT_SCALAR)
				return verr(env, pc, "pointer leak: argument %u of %s (%s: %s) must be a number",
					    regno, h->name, regname(regno), vtype_name(r->type));
			if (nr == SIP_HELPER_block_alloc) {
				alloc_min = r->umin;
				alloc_var = vreg_is_const(r) ? 0 : r->id;
			}
			break;
		case SIP_ARG_CONST:
			ret = check_const_arg(env, r, pc, nr, regno, h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_MEM_RO:
		case SIP_ARG_MEM_RW:
			ret = check_helper_mem(env, st, pc, regno, mem_size_regno(h, i),
					       h->args[i], h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_MEM_WO:
			break;	/* after every read: a fill must not make a source look written */
		case SIP_ARG_FMT:
			ret = check_format(env, st, pc, regno, h->name);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK:
			ret = check_block_arg(env, st, pc, regno, false, h->name, &keep_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK_FREE:
			ret = check_block_arg(env, st, pc, regno, true, h->name, &free_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_BLOCK_SEND:
			ret = check_block_arg(env, st, pc, regno, true, h->name, &send_id);
			if (ret)
				return ret;
			break;
		case SIP_ARG_CHAN:
			if (r->type != VT_CHAN)
				return verr(env, pc, "argument %u of %s (%s: %s) must be a channel handle",
					    regno, h->name, regname(regno), vtype_name(r->type));
			break;
		case SIP_ARG_CTX:
			if (r->type != VT_CTX || r->smin || r->smax)
				return verr(env, pc, "argument %u of %s (%s: %s) must be the handler's context",
					    regno, h->name, regname(regno), vtype_name(r->type));
			break;
		}
	}

	for (i = 0; i < 5; i++) {
		if (h->args[i] != SIP_ARG_MEM_WO)
			continue;
		ret = check_helper_mem(env, st, pc, (u8)(i + 1), mem_size_regno(h, i), h->args[i],
				       h->name);
		if (ret)
			return ret;
	}
	if (nr == SIP_HELPER_send) {
		ret = check_send_tag(env, st, pc);
		if (ret)
			return ret;
	}
	if (nr == SIP_HELPER_chan)
		chan_index = (u32)reg(st, 1)->var.value;	/* a constant, checked */

	/* The call's effects: released blocks, then r0, then r1-r5 are gone. */
	if (free_id)
		ref_release(st, free_id, nr == SIP_HELPER_slot_xchg ? VGONE_SLOT : VGONE_FREED, pc);
	for (i = 1; i <= 5; i++)
		vreg_not_init(reg(st, i));
	r0 = reg(st, 0);
	switch (h->ret) {
	case SIP_RET_SEND:
		vreg_unknown(r0);
		r0->smin = SEND_ERR_MIN;
		r0->smax = 0;
		vreg_sync(r0);
		if (send_id) {
			struct vref *ref = ref_find(st, send_id);

			r0->id = new_id(env);
			r0->zid = r0->id;
			ref->state = VREF_PENDING;
			ref->pending_id = r0->zid;
			ref->sent_at = pc;
		}
		break;
	case SIP_RET_BLOCK_OR_NULL: {
		/* The message's block has msg->block_size bytes, an allocation its size. */
		bool msg = nr == SIP_HELPER_msg_block;
		u32 id = 0;

		ret = ref_acquire(env, st, pc, msg ? st->msg_min : alloc_min,
				  msg ? VID_MSG_SIZE : 0, &id);
		if (ret)
			return ret;
		if (alloc_var)
			vrel_add_range(env, st, st->refs[st->nr_refs - 1].mid << 1, alloc_var << 1, 0, 0);
		vreg_not_init(r0);
		r0->type = VT_BLOCK_OR_NULL;
		r0->id = id;
		break;
	}
	case SIP_RET_BLOCK_SIZE: {
		struct vref *ref = ref_find(st, keep_id);

		/*
		 * A size may shrink under a running handler (a lent block
		 * taken back has size 0), so every call is a new number that
		 * owes nothing to size_min; but it is never more than the
		 * bytes the block has mapped until the run ends (its mid):
		 * refining it up raises size_min (vrel_reduce()), and an
		 * index below it is within the block.
		 */
		vreg_unknown(r0);
		r0->umax = VBLOCK_MAX;
		vreg_sync(r0);
		r0->id = new_id(env);
		vrel_add(env, st, r0->id << 1, ref->mid << 1, 0);
		break;
	}
	case SIP_RET_CHAN:
		vreg_not_init(r0);
		r0->type = VT_CHAN;
		r0->chans = (u16)(1u << chan_index);
		break;
	case SIP_RET_ERR:
		vreg_unknown(r0);
		r0->smin = SEND_ERR_MIN;
		r0->smax = 0;
		vreg_sync(r0);
		break;
	case SIP_RET_U32:
		vreg_unknown(r0);
		r0->umax = U32_MAX_;
		vreg_sync(r0);
		break;
	default:
		vreg_unknown(r0);
		break;
	}
	return 0;
}

static int check_local_call(struct venv *env, struct vstate *st, u32 pc, const struct sip_insn *insn)
{
	u32 target = pc + 1 + insn->imm, i;
	struct vframe *caller = cur_frame(st), *callee;

	if (st->nr_frames >= SIP_MAX_CALL_DEPTH)
		return verr(env, pc, "too many nested calls (limit %d frames)", SIP_MAX_CALL_DEPTH);
	callee = vframe_new(env);
	if (!callee)
		return -ENOMEM;
	for (i = 1; i <= 5; i++)
		callee->regs[i] = caller->regs[i];
	callee->regs[VREG_AUX] = caller->regs[VREG_AUX];
	callee->regs[SIP_REG_FP].type = VT_STACK;
	callee->regs[SIP_REG_FP].frameno = (u8)st->nr_frames;
	callee->callsite = pc;
	callee->func = env->func_of[target];
	st->frames[st->nr_frames++] = callee;
	st->pc = target;
	return 0;
}

static int check_exit(struct venv *env, struct vstate *st, u32 pc)
{
	struct vframe *fr = cur_frame(st), *caller;
	struct vreg *r0 = &fr->regs[0];
	u32 i;

	if (r0->type == VT_GONE && st->nr_frames == 1)
		return report_gone(env, pc, 0, r0);
	if (r0->type == VT_NOT_INIT && st->nr_frames == 1)
		return verr(env, pc, "r0 is not set at exit");
	if (st->nr_frames > 1) {
		/* A function's r0 goes back as it is: unset if it returns nothing. */
		if (r0->type == VT_STACK && r0->frameno == st->nr_frames - 1)
			return verr(env, pc, "returning a pointer to the function's own stack");
		caller = st->frames[st->nr_frames - 2];
		caller->regs[0] = *r0;
		caller->regs[VREG_AUX] = fr->regs[VREG_AUX];
		for (i = 1; i <= 5; i++)
			vreg_not_init(&caller->regs[i]);
		st->pc = fr->callsite + 1;
		venv_free(env, fr);
		st->frames[--st->nr_frames] = NULL;
		return STEP_NEXT;
	}
	if (r0->type != VT_SCALAR)
		return verr(env, pc, "pointer leak: the handler returns a pointer (r0: %s)",
			    vtype_name(r0->type));
	for (i = 0; i < st->nr_refs; i++) {
		const struct vref *ref = &st->refs[i];
		const char *file = NULL;
		u32 line = 0;

		if (env->prog->line_of)
			file = env->prog->line_of(env->prog->cookie, ref->acquired_at, &line);
		if (ref->state == VREF_PENDING)
			return verr(env, pc, "the result of sip_send at insn %u is not tested: if the send failed the block is still owned",
				    ref->sent_at);
		if (file)
			return verr(env, pc, "block leak: the block from insn %u (%s:%u) is still owned at exit: free it, send it or keep it in a slot",
				    ref->acquired_at, file, line);
		return verr(env, pc, "block leak: the block from insn %u is still owned at exit: free it, send it or keep it in a slot",
			    ref->acquired_at);
	}
	return STEP_DONE;
}

static int step(struct venv *env, struct vstate *st)
{
	u32 pc = st->pc;
	const struct sip_insn *insn = &env->prog->insns[pc];
	enum sip_op op = env->ops[pc];
	const struct sip_insn_desc *d = &sip_insn_descs[op];
	u8 wrote = 0xff;
	int ret;

	switch (d->fmt) {
	case SIP_FMT_ALU_K:
	case SIP_FMT_ALU_X:
	case SIP_FMT_ALU_UN:
		if (is_identity_narrowing(env, st, pc)) {
			if (env->record)	/* one step: pc + 1 has no state of its own */
				env->record(env->record_cookie, pc + 1, NULL);
			st->pc = pc + 2;
			ret = 0;
			break;
		}
		if (is_copy_narrowing(env, st, pc)) {
			struct vreg *src = reg(st, insn->dst);

			if (!src->id && !vreg_is_const(src))
				src->id = new_id(env);
			*reg(st, insn[1].dst) = *src;
			ret = check_alu(env, st, pc, insn, op);
			if (env->record) {	/* one step: pc + 1, pc + 2 have no state of their own */
				env->record(env->record_cookie, pc + 1, NULL);
				env->record(env->record_cookie, pc + 2, NULL);
			}
			wrote = insn[1].dst;
			st->pc = pc + 3;
			break;
		}
		ret = check_alu(env, st, pc, insn, op);
		wrote = insn->dst;
		st->pc = pc + 1;
		break;
	case SIP_FMT_LDDW:
	case SIP_FMT_LDDW_PSEUDO:
		ret = check_lddw(env, st, pc, insn, op);
		wrote = insn->dst;
		st->pc = pc + 2;
		break;
	case SIP_FMT_LDX:
		ret = check_ldx(env, st, pc, insn);
		wrote = insn->dst;
		st->pc = pc + 1;
		break;
	case SIP_FMT_ST:
	case SIP_FMT_STX:
	case SIP_FMT_ATOMIC:
		ret = check_store(env, st, pc, insn, op);
		st->pc = pc + 1;
		break;
	case SIP_FMT_JA:
	case SIP_FMT_JA32:
		st->pc = (u32)sip_jump_target(insn, pc, op);
		ret = 0;
		break;
	case SIP_FMT_JMP_K:
	case SIP_FMT_JMP_X:
		ret = check_cond_jump(env, st, pc, insn, op);
		break;
	case SIP_FMT_CALL:
		ret = check_helper_call(env, st, pc, insn);
		wrote = 0;
		st->pc = pc + 1;
		break;
	case SIP_FMT_CALL_LOCAL:
		ret = check_local_call(env, st, pc, insn);
		break;
	case SIP_FMT_EXIT:
		ret = check_exit(env, st, pc);
		break;
	case SIP_FMT_CALLX:
	default:
		ret = verr(env, pc, "%s through a register is not allowed", d->mnem);
		break;
	}
	if (ret >= 0)
		path_note(env, st, pc, wrote);
	return ret;
}

/* ---- exploration ---- */

#define MAX_TURN_WALK 4096	/* kept states looked back at for a loop's previous turn */

/*
 * The newest state kept on st's path at st's instruction, among the
 * MAX_TURN_WALK newest kept on it, or NULL. Any such state is on
 * env->stored[st->pc], and depths fall by one along the path: the walk
 * ends at the shallowest of those that could be one.
 */
static struct vstored *previous_turn(struct venv *env, const struct vstate *st)
{
	struct vstored *a = st->anc, *s;
	u32 floor, lo = ~0u;

	if (!a)
		return NULL;
	floor = a->depth >= MAX_TURN_WALK ? a->depth - (MAX_TURN_WALK - 1) : 0;
	for (s = env->stored[st->pc]; s; s = s->next)
		if (s->depth >= floor && s->depth <= a->depth && s->depth < lo)
			lo = s->depth;
	for (; a && a->depth >= lo; a = a->st->anc)
		if (a->st->pc == st->pc)
			return a;
	return NULL;
}

/* At a prune point: 1 when a kept state covers st (the path is done). */
static int visit(struct venv *env, struct vstate *st)
{
	struct vstored *s, **link, *shape = NULL, *turn;
	u32 pc = st->pc, kept = 0, dist = ~0u, d;
	struct vcost *cost = &env->cost[pc];
	bool widen;

	vrel_gc(env, st);	/* relations of values gone can tell nothing */
	/* The instructions since the path's last prune point were that one's. */
	env->cost[env->cost_from].insns += (u32)(env->processed - env->cost_mark);
	env->cost_from = pc;
	env->cost_mark = env->processed;
	cost->visits++;
	if ((env->flags[pc] & VI_LOOP_HEAD) && env->visits[pc] < 0xffff)
		env->visits[pc]++;
	widen = (env->flags[pc] & VI_LOOP_HEAD) && env->visits[pc] > WIDEN_AFTER;
	for (s = env->stored[pc]; s; s = s->next, kept++) {
		if (++env->compares > MAX_COMPARES)
			return verr_limit(env, pc, VLIM_CMPS,
					  "program too complex: %llu state comparisons (limit %llu)",
					  env->compares - 1, MAX_COMPARES);
		cost->cmps++;
		if (vstate_covers(env, s->st, st)) {
			env->pruned++;
			return 1;
		}
		if (!shape && vstate_same_shape(s->st, st))
			shape = s;
	}
	/*
	 * Widening merges st with the same loop's previous turn on this path
	 * if one was kept: a turn of another path differs in more than the
	 * loop's counters, and merging them loses what each path knew (a
	 * path entering the loop is kept as it is). When the list is full,
	 * with the kept state nearest to st.
	 */
	turn = widen ? previous_turn(env, st) : NULL;
	if (turn && vstate_same_shape(turn->st, st)) {
		shape = turn;
	} else if (widen && kept < MAX_KEPT_PER_LOOP) {
		widen = false;
	} else if (widen && shape) {
		for (s = shape; s; s = s->next)
			if (vstate_same_shape(s->st, st) && (d = vstate_distance(s->st, st)) < dist) {
				shape = s;
				dist = d;
			}
	}
	if (widen && shape) {
		/* Go on from a state covering both, and keep that one instead. */
		int ret = vstate_widen(env, shape->st, st);

		if (ret < 0)
			return ret;
		env->widened++;
		if (ret) {
			/* Nothing new: the kept state's continuation covers st's. */
			env->pruned++;
			return 1;
		}
		ret = vstate_assign(env, st, shape->st);
		st->anc = shape;
		return ret;
	}
	if (env->nr_stored >= env->max_states)
		return verr_limit(env, pc, VLIM_STATES, "too many states (%u) to explore",
				  env->nr_stored);
	/*
	 * A long list is long enough, but a loop head keeps more (each path's
	 * turns, widened with its own previous one) and a state of every
	 * shape it meets: widening needs one to merge with, or the loop would
	 * be explored one value at a time.
	 */
	if (kept >= ((env->flags[pc] & VI_LOOP_HEAD) ? MAX_KEPT_PER_LOOP : MAX_KEPT_PER_INSN) &&
	    (shape || !(env->flags[pc] & VI_LOOP_HEAD)))
		return 0;
	s = venv_arena_alloc(env, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->st = vstate_keep(env, st);
	if (!s->st)
		return -ENOMEM;
	venv_path_put(env, s->st->path);	/* kept states need no history */
	s->st->path = NULL;
	s->depth = st->anc ? st->anc->depth + 1 : 0;
	st->anc = s;		/* s->st->anc: the state kept before it on this path */
	link = &env->stored[pc];
	s->next = *link;
	*link = s;
	env->nr_stored++;
	cost->kept++;
	return 0;
}

static int run_path(struct venv *env, struct vstate *st)
{
	u32 pc;
	int ret;

	/* What the previous path explored since its last prune point. */
	env->cost[env->cost_from].insns += (u32)(env->processed - env->cost_mark);
	env->cost_from = st->pc;
	env->cost_mark = env->processed;
	for (;;) {
		if (env->flags[st->pc] & VI_PRUNE) {
			ret = visit(env, st);
			if (ret)
				return ret > 0 ? 0 : ret;
		}
		if (++env->processed > env->max_processed)
			return verr_limit(env, st->pc, VLIM_INSNS,
					  "program too complex: %llu instructions explored (limit %llu)",
					  env->processed - 1, env->max_processed);
		pc = st->pc;
		if (env->record)
			env->record(env->record_cookie, pc, st);
		ret = step(env, st);
		if (ret < 0) {
			st->pc = pc;
			log_failure(env, st);
			return ret;
		}
		if (ret == STEP_DONE)
			return 0;
	}
}

static void th_add(s64 *v, u32 *n, s64 x)
{
	u32 i;

	for (i = 0; i < *n; i++)
		if (v[i] == x)
			return;
	if (*n < MAX_THRESHOLDS)
		v[(*n)++] = x;
}

/*
 * The thresholds widening stops at: every constant a conditional jump
 * compares with (and its neighbours), the sizes of the private regions and
 * of the stack, less the access sizes; then the small constants moved into
 * registers (clang keeps a loop's bound in one: "r5 = 19; if r5 > r6").
 */
static int collect_thresholds(struct venv *env)
{
	static const s64 sizes[] = { 0, 1, 2, 4, 8 };
	const struct sip_vprog *p = env->prog;
	s64 *v = venv_alloc(env, MAX_THRESHOLDS * sizeof(s64));
	u32 n = 0, pc, i;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		th_add(v, &n, (s64)p->data_size - sizes[i]);
		th_add(v, &n, (s64)p->rodata_size - sizes[i]);
		th_add(v, &n, -SIP_STACK_SIZE + sizes[i]);
	}
	for (pc = 0; pc < p->len; pc++) {
		enum sip_op op;
		s64 k;

		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		op = env->ops[pc];
		if (sip_insn_descs[op].fmt != SIP_FMT_JMP_K)
			continue;
		k = SIP_CLASS(p->insns[pc].code) == SIP_JMP32 ? (s64)(u32)p->insns[pc].imm :
								   (s64)p->insns[pc].imm;
		th_add(v, &n, k - 1);
		th_add(v, &n, k);
		th_add(v, &n, k + 1);
	}
	for (pc = 0; pc < p->len; pc++) {
		enum sip_op op;
		s64 k;

		if (env->flags[pc] & VI_LDDW_HI)
			continue;
		op = env->ops[pc];
		k = p->insns[pc].imm;
		if ((op != SIP_OP_MOV64_K && op != SIP_OP_MOV32_K) || k < -MOV_THRESHOLD ||
		    k > MOV_THRESHOLD)
			continue;
		th_add(v, &n, k - 1);
		th_add(v, &n, k);
		th_add(v, &n, k + 1);
	}
	env->th.v = v;
	env->th.n = n;
	return 0;
}

static int initial_state(struct venv *env, struct vstate **out)
{
	struct vstate *st = vstate_new(env);
	struct vframe *fr = vframe_new(env);
	struct vreg *r1;

	if (!st || !fr) {
		venv_free(env, st);
		venv_free(env, fr);
		return -ENOMEM;
	}
	st->nr_frames = 1;
	st->frames[0] = fr;
	fr->regs[SIP_REG_FP].type = VT_STACK;
	r1 = &fr->regs[1];
	if (env->prog->kind == SIP_VKIND_RAW) {
		vreg_unknown(r1);
	} else {
		r1->type = VT_CTX;
	}
	*out = st;
	return 0;
}

static void env_free(struct venv *env)
{
	u32 pc;

	if (env->stored) {
		for (pc = 0; pc < env->prog->len; pc++) {
			struct vstored *s = env->stored[pc], *n;

			for (; s; s = n) {
				n = s->next;
				vstate_free_kept(env, s->st);
			}
		}
	}
	venv_arena_free(env);
	while (env->queue_len)
		vstate_free(env, env->queue[--env->queue_len]);
	venv_free(env, env->queue);
	venv_free(env, env->stored);
	venv_free(env, env->visits);
	venv_free(env, env->cost);
	venv_free(env, env->flags);
	venv_free(env, env->func_of);
	venv_free(env, env->ops);
	venv_free(env, env->shared_vars);
	venv_free(env, env->links);
	venv_free(env, (void *)env->th.v);
	venv_free(env, env->rel);
}

static void fill_stats(struct venv *env, struct sip_verify_stats *stats)
{
	u32 i;

	if (!stats)
		return;
	memset(stats, 0, sizeof(*stats));
	stats->processed = env->processed;
	stats->states = env->nr_stored;
	stats->pruned = env->pruned;
	stats->widened = env->widened;
	stats->nr_funcs = env->nr_funcs;
	for (i = 0; i < env->nr_funcs; i++) {
		stats->func_start[i] = env->func_start[i];
		stats->stack_depth[i] = (env->func_stack[i] + 7) & ~7u;
	}
	stats->peak_bytes = env->peak_bytes;
}

int sip_verify(const struct sip_vprog *prog, const struct sip_verify_opts *opts,
	       struct sip_verify_stats *stats, struct sip_diag *diag)
{
	struct venv env = { 0 };
	struct vstate *st;
	u32 len = prog->len, i;
	int ret;

	env.prog = prog;
	env.diag = diag;
	env.next_id = VID_MSG_SIZE;	/* the ids below are fixed */
	env.max_processed = opts && opts->max_processed ? opts->max_processed : SIP_VERIFY_MAX_PROCESSED;
	env.max_states = opts && opts->max_states ? opts->max_states : SIP_VERIFY_MAX_STATES;
	if (opts) {
		env.record = opts->record;
		env.record_cookie = opts->record_cookie;
	}
	if (opts && opts->log && opts->log_size) {
		env.verbose = true;
		env.log = opts->log;
		env.log_size = opts->log_size;
		env.log[0] = 0;
	}
	if (diag) {
		diag->insn = SIP_DIAG_NO_INSN;
		diag->msg[0] = 0;
	}
	if (prog->kind > SIP_VKIND_RAW)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "unknown handler kind %u", prog->kind);
	/* A channel handle's set has a bit per channel (struct vreg's chans). */
	if (prog->nr_channels > SIP_MAX_CHANNELS)
		return sip_diag_set(diag, SIP_DIAG_NO_INSN, "%u channels (limit %u)", prog->nr_channels,
				    SIP_MAX_CHANNELS);
	if (len > SIP_VERIFY_MAX_INSNS) {
		sip_diag_set(diag, SIP_DIAG_NO_INSN, "program too large: %u instructions (limit %u)",
			     len, SIP_VERIFY_MAX_INSNS);
		return -E2BIG;
	}
	ret = sip_prog_check_flags(prog->insns, len,
				   prog->flags & SIP_VF_REWRITTEN ? SIP_CHECK_AUX_REG : 0, diag);
	if (ret)
		return ret;

	env.flags = venv_alloc(&env, len);
	env.func_of = venv_alloc(&env, len * sizeof(u16));
	env.stored = venv_alloc(&env, len * sizeof(*env.stored));
	env.visits = venv_alloc(&env, len * sizeof(u16));
	env.cost = venv_alloc(&env, len * sizeof(*env.cost));
	env.ops = venv_alloc(&env, len * sizeof(*env.ops));
	env.shared_vars = venv_alloc(&env, VSHARED_MAX * sizeof(u32));
	ret = -ENOMEM;
	if (!env.flags || !env.func_of || !env.stored || !env.visits || !env.cost || !env.ops ||
	    !env.shared_vars)
		goto out;
	_Static_assert(SIP_OP__COUNT <= 0x7fff, "env->ops holds a row in an s16");
	for (i = 0; i < len; i++)
		env.ops[i] = (s16)sip_insn_op(&prog->insns[i]);
	ret = vcfg_build(&env);
	if (!ret)
		ret = collect_thresholds(&env);
	if (!ret)
		ret = vrel_env_init(&env);
	if (ret)
		goto out;
	ret = initial_state(&env, &st);
	if (ret)
		goto out;
	ret = push_state(&env, st);
	if (ret) {
		vstate_free(&env, st);
		goto out;
	}
	while (env.queue_len) {
		st = env.queue[--env.queue_len];
		ret = run_path(&env, st);
		vstate_free(&env, st);
		if (ret)
			break;
	}
	if (!ret)
		ret = vstack_check(&env);
out:
	fill_stats(&env, stats);
	env_free(&env);
	if (stats)
		stats->peak_bytes = env.peak_bytes;
	return ret;
}

int sip_verify_format(const struct sip_vprog *prog, const struct sip_diag *diag, char *buf, u32 size)
{
	const char *file;
	u32 line;

	if (diag->insn == SIP_DIAG_NO_INSN)
		return sip_snprintf(buf, size, "%s", diag->msg);
	file = vsrc_line(prog, diag->insn, &line);
	if (file)
		return sip_snprintf(buf, size, "insn %u (%s:%u): %s", diag->insn, file, line, diag->msg);
	return sip_snprintf(buf, size, "insn %u: %s", diag->insn, diag->msg);
}
