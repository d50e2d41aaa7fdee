// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's log and diagnostics: a refusal's message (verr), the
 * verbose log (-v) with the failing path and the state there, and a
 * diagnostic worded for the user with its source line (sip_verify_format).
 */
#include "vcheck.h"
#include "disasm.h"

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

int verr_limit(struct venv *env, u32 pc, enum vlimit lim, const char *fmt, ...)
{
	char head[96];
	va_list ap;

	va_start(ap, fmt);
	sip_vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	return vcost_refuse(env, pc, lim, head);
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

void vpath_note(struct venv *env, struct vstate *st, u32 pc, u8 regno)
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
void vlog_failure(struct venv *env, struct vstate *st)
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
