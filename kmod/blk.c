// SPDX-License-Identifier: GPL-2.0
/*
 * The block shim: a blk-mq disk (/dev/sipblkN, shaped like null_blk) whose
 * requests become messages of the block-device contract to a SIP. Data
 * moves in exchange-heap blocks: the shim copies a write's pages into a
 * block it sends with the request; a read's block comes back with the
 * completion and is copied into the request's pages. A full channel (or a
 * driver whose quota cannot take the request's block) is BLK_STS_RESOURCE,
 * which blk-mq retries, but only for timeout_ms: then the request fails,
 * as one the driver took and never answered does. Every request ends. A
 * driver that stops fails what it held.
 *
 * Zero copy for reads: when a read's buffer is one contiguous segment, the
 * shim lends the buffer itself as the read's block (xheap_lend), and the
 * driver fills the request's pages directly. The driver can reach exactly
 * that buffer, and only while it holds the block: a request that ends
 * without its block coming back (a timeout, a wrong answer) takes the block
 * back (xheap_revoke) and, if a SIP still held it, ends only after an RCU
 * grace period, when no SIP run that could have used it is left (runs are
 * preempt-disabled sections). The driver sees the buffer's earlier contents
 * (the reader's own memory for direct I/O, zeroed page-cache pages with
 * init_on_alloc): what a native driver sees. Writes are still copied: a
 * lent write buffer could be page cache, which a bad driver must not change.
 *
 * Life of a disk: the driver's init says HELLO (capacity, block size, queue
 * depth) on its block channel; the shim then adds the disk. On unload the
 * disk goes first (in-flight requests complete or time out), then the SIP.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/bvec.h>
#include <linux/idr.h>
#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "instance.h"
#include "sipdrv.h"

#define SIPBLK_MAX_BYTES	(512u << 10)	/* per request: at most half an exchange block */
#define SIPBLK_MAX_QD		1024

static int sipblk_major;
static DEFINE_IDA(sipblk_ida);

static uint timeout_ms = 10000;
sipdrv_param_range(timeout_ms, uint, 1, 3600000, "ms", 0644);
MODULE_PARM_DESC(timeout_ms,
		 "ms before a block request the driver never answers fails, 1..3600000 (default 10000)");

enum cmd_state {
	CMD_IDLE,
	CMD_SENT,	/* with the driver */
	CMD_DONE,	/* ended: a late answer is ignored */
};

/*
 * Blocks up to this size that come back with a completion are kept by the
 * request (one for reads, one for writes) and reused by its next request of
 * the same direction: no allocation, no zeroing, no free. Reuse never shows
 * a driver data that is not its own: a kept block holds what this driver
 * itself returned (reads; nullblk's stay zero) or was given (writes), and a
 * block always goes back to the same request of the same disk. Bounded:
 * queue depth x 2 x 4 KiB per disk.
 */
#define SIPBLK_KEEP_MAX		4096u

/* The parameter, and a static key that says the same: an I/O tests it without a read. */
static bool lend = true;
static DEFINE_STATIC_KEY_TRUE(lend_key);
static DEFINE_MUTEX(lend_lock);

static int lend_set(const char *val, const struct kernel_param *kp)
{
	int ret;

	mutex_lock(&lend_lock);
	ret = param_set_bool(val, kp);
	if (!ret && lend)
		static_branch_enable(&lend_key);
	else if (!ret)
		static_branch_disable(&lend_key);
	mutex_unlock(&lend_lock);
	return ret;
}

static const struct kernel_param_ops lend_ops = {
	.set = lend_set,
	.get = param_get_bool,
};
module_param_cb(lend, &lend_ops, &lend, 0644);
MODULE_PARM_DESC(lend, "lend one-segment read buffers to drivers instead of copying (default on)");

struct sipblk_ctr {
	u64 done, errors, busy, timeouts, lent;
};

#define ctr_inc(b, field)	this_cpu_inc((b)->ctr->field)

/* Per request (blk-mq pdu). */
struct sipblk_cmd {
	atomic_t state;
	sip_handle_t block;	/* the block that went with the request, 0 if none */
	bool lent;		/* block is the request's own buffer, lent */
	u32 lent_idx;		/* its lent-block entry (U32_MAX: none, always copy) */
	blk_status_t status;	/* for an end deferred past a grace period */
	unsigned long busy_since;	/* jiffies | 1 of its first refusal; 0: none */
	struct rcu_head rcu;
	struct {
		sip_handle_t h;	/* 0: none */
		void *p;
		u32 size;
	} kept[2];		/* [0] reads, [1] writes */
};

struct sipblk {
	struct sip_endpoint *ep;	/* the kernel's (client) end */
	/*
	 * tag_set.tags[0], while the disk is set: an answer finds its request
	 * without reading the set's array of tags (a page of its own).
	 */
	struct blk_mq_tags *tags;
	struct blk_mq_tag_set tag_set;
	struct gendisk *disk;
	int index;
	u64 capacity;			/* bytes */
	u32 lbs;
	u32 qd;
	bool dead;			/* the driver stopped: fail everything */
	bool removing;			/* going away: nothing is retried any more */
	bool hello;
	/*
	 * queue_rq, completions and timeouts run on every CPU at once: each
	 * counts on its own CPU's copy, summed when read (sipblk_counters).
	 */
	struct sipblk_ctr __percpu *ctr;
};

static struct xheap *heap;

static noinline void copy_to_block(struct request *rq, u8 *dst)
{
	struct req_iterator iter;
	struct bio_vec bv;

	rq_for_each_segment(bv, rq, iter) {
		memcpy_from_bvec(dst, &bv);
		dst += bv.bv_len;
	}
}

static noinline void copy_from_block(struct request *rq, const u8 *src)
{
	struct req_iterator iter;
	struct bio_vec bv;

	rq_for_each_segment(bv, rq, iter) {
		memcpy_to_bvec(&bv, src);
		src += bv.bv_len;
	}
}

static noinline void keep(struct sipblk_cmd *cmd, u32 dir, sip_handle_t h, void *p, u32 size)
{
	cmd->kept[dir].h = h;
	cmd->kept[dir].p = p;
	cmd->kept[dir].size = size;
}

static int sipblk_init_request(struct blk_mq_tag_set *set, struct request *rq,
			       unsigned int hctx_idx, unsigned int numa_node)
{
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);

	memset(cmd, 0, sizeof(*cmd));
	if (xheap_lent_get(heap, &cmd->lent_idx))
		cmd->lent_idx = U32_MAX;	/* entries are few: this one copies */
	return 0;
}

static void sipblk_exit_request(struct blk_mq_tag_set *set, struct request *rq,
				unsigned int hctx_idx)
{
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);
	u32 i;

	for (i = 0; i < 2; i++)
		if (cmd->kept[i].h)
			xheap_free(heap, XHEAP_KERNEL, cmd->kept[i].h);
	if (cmd->lent_idx != U32_MAX)
		xheap_lent_put(heap, cmd->lent_idx);
}

static void end_after_grace(struct rcu_head *head)
{
	struct sipblk_cmd *cmd = container_of(head, struct sipblk_cmd, rcu);

	blk_mq_end_request(blk_mq_rq_from_pdu(cmd), cmd->status);
}

/*
 * Ends @rq once: the driver's answer, a timeout or a dead driver, whichever
 * first. A lent buffer is taken back first (@back: it came back with the
 * answer, which ended it); if a SIP still held it, a run may be using it
 * right now (even the one whose answer got us here), so the request ends
 * after a grace period.
 */
static bool end_once(struct request *rq, blk_status_t status, bool back)
{
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);

	if (atomic_cmpxchg(&cmd->state, CMD_SENT, CMD_DONE) != CMD_SENT)
		return false;
	if (back) {
		cmd->lent = false;	/* it came back: nothing to take back, lent or not */
	} else if (cmd->lent) {
		cmd->lent = false;
		if (xheap_revoke(heap, cmd->block) > XHEAP_KERNEL) {
			cmd->status = status;
			call_rcu(&cmd->rcu, end_after_grace);
			return true;
		}
	}
	blk_mq_end_request(rq, status);
	return true;
}

/* One completion from the driver: DONE(arg0 = tag << 32 | op, arg1 = status, block). */
static void complete_one(struct sipblk *b, const struct sip_chmsg *m)
{
	u32 tag = (u32)(m->args[0] >> 32);
	struct sipblk_cmd *cmd;
	struct request *rq;
	blk_status_t st = BLK_STS_OK;
	u8 *data = NULL;
	u32 size = 0;

	rq = blk_mq_tag_to_rq(b->tags, tag);	/* NULL past the set's tags */
	if (unlikely(!rq))
		goto drop;
	cmd = blk_mq_rq_to_pdu(rq);
	/*
	 * Most often: a lent read's answer with its buffer back, which ended the
	 * lend. Its block is this lend's own (a handle is never reused), so the
	 * request is still the one it answers; end_once() ends it once. Tested
	 * at once (&, not &&: one branch).
	 */
	if (likely(cmd->lent & (m->block == cmd->block) & (m->args[1] == 0) & (m->ptr != NULL) &
		   (m->size >= blk_rq_bytes(rq)))) {
		if (end_once(rq, BLK_STS_OK, true))
			ctr_inc(b, done);
		return;
	}
	if (atomic_read(&cmd->state) != CMD_SENT)
		goto drop;
	if (m->args[1])
		st = errno_to_blk_status((int)(s64)m->args[1]);
	if (m->block) {		/* ours now: the channel looked it up */
		data = m->ptr;
		size = m->size;
	}
	if (!st && req_op(rq) == REQ_OP_READ) {
		/* The read's data comes back in the block sent with it. */
		if (m->block != cmd->block || !data || size < blk_rq_bytes(rq))
			st = BLK_STS_IOERR;
		else if (!cmd->lent)
			copy_from_block(rq, data);	/* lent: it is there already */
	}
	if (cmd->lent) {
		/* Ours again, or the driver's still: end_once() takes it back. */
		if (m->block && m->block != cmd->block)
			xheap_free(heap, XHEAP_KERNEL, m->block);
	} else if (m->block && m->block == cmd->block && data && size <= SIPBLK_KEEP_MAX &&
	    (req_op(rq) == REQ_OP_READ || req_op(rq) == REQ_OP_WRITE) &&
	    !cmd->kept[req_op(rq) == REQ_OP_WRITE].h)
		keep(cmd, req_op(rq) == REQ_OP_WRITE, m->block, data, size);
	else if (m->block)
		xheap_free(heap, XHEAP_KERNEL, m->block);
	if (end_once(rq, st, m->block && m->block == cmd->block)) {
		ctr_inc(b, done);
		if (st != BLK_STS_OK)
			ctr_inc(b, errors);
	}
	return;
drop:
	/* Late (timed out) or bogus: the block, if any, is ours to free. */
	if (m->block)
		xheap_free(heap, XHEAP_KERNEL, m->block);
}

static bool fail_inflight(struct request *rq, void *data)
{
	struct sipblk *b = data;

	if (end_once(rq, BLK_STS_IOERR, false))
		ctr_inc(b, errors);
	return true;
}

/* An answer, or the driver's end closing (SIP_CHMSG_CLOSED), at the kernel's end. */
static void take(struct sipblk *b, const struct sip_chmsg *m)
{
	/* Most often: an answer (a close has tag 0). */
	if (likely(m->tag == SIP_BLK_DONE && b->disk)) {
		complete_one(b, m);
		return;
	}
	if (m->flags & SIP_CHMSG_CLOSED) {
		/* The driver stopped: nothing it held will come back. */
		WRITE_ONCE(b->dead, true);
		if (b->disk)
			blk_mq_tagset_busy_iter(&b->tag_set, fail_inflight, b);
		return;
	}
	if (m->tag == SIP_BLK_HELLO && !b->hello) {
		b->capacity = m->args[0];
		b->lbs = (u32)m->args[1];
		b->qd = (u32)(m->args[1] >> 32);
		b->hello = true;
		return;
	}
	if (m->block)
		xheap_free(heap, XHEAP_KERNEL, m->block);
}

/*
 * A message queued to the kernel's end. One announcement per message, and
 * one for the close, each made after its message is out: one receive each.
 * The driver's sends come one at a time (its runs never overlap), so
 * announcements do not overlap either.
 */
noinline void sipblk_notify(struct sip_endpoint *ep, void *cookie)
{
	struct sip_chmsg m sip_noinit;	/* filled by a receive that returns 1 */

	if (sip_channel_recv(ep, &m) == 1)
		take(cookie, &m);
}

/* A message handed straight over (nothing was queued: sip_endpoint_set_deliver). */
void sipblk_deliver(struct sip_endpoint *ep, void *cookie, struct sip_chmsg *msg)
{
	take(cookie, msg);
}

/*
 * A request whose data is not lent: it goes in a heap block (copied in for
 * a write). Returns what sip_channel_send does, or -ENOMEM when the heap
 * is full.
 */
static int send_copied(struct sipblk *b, struct request *rq, struct sipblk_cmd *cmd, u32 op,
		       u32 bytes)
{
	u64 args[SIP_CHAN_ARGS] = { (u64)rq->tag << 32 | op, blk_rq_pos(rq) << SECTOR_SHIFT, bytes };
	sip_handle_t h = 0;
	void *p;
	int ret;

	if (bytes) {
		u32 dir = op == SIP_BLK_WRITE;

		if (cmd->kept[dir].h && cmd->kept[dir].size >= bytes) {
			h = cmd->kept[dir].h;
			p = cmd->kept[dir].p;
			cmd->kept[dir].h = 0;
		} else if (xheap_alloc(heap, XHEAP_KERNEL, bytes, &h, &p)) {
			return -ENOMEM;
		}
		if (op == SIP_BLK_WRITE)
			copy_to_block(rq, p);
	}
	cmd->block = h;
	/* An idle driver runs right here; its answer may end the request before we return. */
	ret = sip_channel_send(b->ep, SIP_BLK_REQ, args, h, NULL);
	if (ret && h)
		xheap_free(heap, XHEAP_KERNEL, h);
	return ret;
}

/*
 * A request the driver cannot take now: tried again later (back-pressure,
 * or the heap or the driver's quota is full), but not past timeout_ms
 * since its first refusal, nor once the disk is going: a driver that
 * hoards its blocks fails its requests rather than hang their writers.
 */
static noinline blk_status_t refused(struct sipblk *b, struct request *rq,
				     struct sipblk_cmd *cmd)
{
	unsigned long now = jiffies;

	if (!cmd->busy_since)
		cmd->busy_since = now | 1;
	else if (READ_ONCE(b->removing) ||
		 time_after(now, cmd->busy_since + msecs_to_jiffies(timeout_ms))) {
		cmd->busy_since = 0;
		ctr_inc(b, timeouts);
		pr_warn_ratelimited("%s: request %u not taken by the driver in %u ms\n",
				    b->disk->disk_name, rq->tag, timeout_ms);
		return BLK_STS_IOERR;
	}
	ctr_inc(b, busy);
	return BLK_STS_RESOURCE;
}

/*
 * What queue_rq returns for a started request whose send returned @ret: on
 * its way, to be tried again later, or failed (the driver is dead).
 */
static blk_status_t sent_status(struct sipblk *b, struct request *rq, struct sipblk_cmd *cmd,
				int ret)
{
	if (!ret) {
		cmd->busy_since = 0;
		return BLK_STS_OK;
	}
	atomic_set(&cmd->state, CMD_IDLE);
	if (ret == -EAGAIN || ret == -EDQUOT || ret == -ENOMEM)
		return refused(b, rq, cmd);
	cmd->busy_since = 0;
	WRITE_ONCE(b->dead, true);
	return BLK_STS_IOERR;
}

/*
 * Every request but a lent read: its data goes in a heap block. Out of line:
 * the flattened sipblk_queue_rq keeps only the lent read's path, with as few
 * values as can be live across the SIP's run.
 */
static noinline blk_status_t queue_copied(struct sipblk *b, struct request *rq)
{
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);
	u32 op, bytes = blk_rq_bytes(rq);

	switch (req_op(rq)) {
	case REQ_OP_READ:
		op = SIP_BLK_READ;
		break;
	case REQ_OP_WRITE:
		op = SIP_BLK_WRITE;
		break;
	case REQ_OP_FLUSH:
		op = SIP_BLK_FLUSH;
		bytes = 0;
		break;
	default:
		cmd->busy_since = 0;
		return BLK_STS_NOTSUPP;
	}
	blk_mq_start_request(rq);
	atomic_set(&cmd->state, CMD_SENT);
	cmd->lent = false;
	return sent_status(b, rq, cmd, send_copied(b, rq, cmd, op, bytes));
}

/*
 * The lend of a started read failed with @ret: copied instead when its
 * entry's last block was not through yet (-EBUSY).
 */
static noinline blk_status_t lend_failed(struct sipblk *b, struct request *rq, int ret)
{
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);

	cmd->lent = false;
	if (ret == -EBUSY)
		ret = send_copied(b, rq, cmd, SIP_BLK_READ, blk_rq_bytes(rq));
	return sent_status(b, rq, cmd, ret);
}

/*
 * A read whose request's first segment holds every byte: the buffer is
 * contiguous in the direct map, and is lent to the driver with the request
 * (the lend is part of the send). Flattened: the channel, the heap, the
 * SIP's delivery and run inline, as a request crosses them all; everything
 * else goes to queue_copied().
 */
static blk_status_t __flatten sipblk_queue_rq(struct blk_mq_hw_ctx *hctx,
					      const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct sipblk *b = hctx->queue->queuedata;
	struct sipblk_cmd *cmd = blk_mq_rq_to_pdu(rq);
	u32 bytes = blk_rq_bytes(rq);
	struct sip_chmsg m sip_noinit;	/* tag and args, the rest by the send */
	struct bio_vec bv;
	int ret;

	if (READ_ONCE(b->dead)) {
		cmd->busy_since = 0;	/* the request ends: its tag's next one starts afresh */
		return BLK_STS_IOERR;
	}
	if (unlikely(req_op(rq) != REQ_OP_READ || !bytes || cmd->lent_idx == U32_MAX ||
		     !static_branch_likely(&lend_key)))
		return queue_copied(b, rq);
	bv = req_bvec(rq);
	if (unlikely(bv.bv_len != bytes))	/* any other bio would add bytes */
		return queue_copied(b, rq);
	blk_mq_start_request(rq);
	sip_chmsg_set(&m, SIP_BLK_REQ, (u64)rq->tag << 32 | SIP_BLK_READ,
		      blk_rq_pos(rq) << SECTOR_SHIFT, bytes);
	atomic_set(&cmd->state, CMD_SENT);
	/*
	 * An idle driver runs right here, and its answer may end the request
	 * before we return: cmd->lent and block are set first.
	 */
	cmd->lent = true;
	ret = sip_channel_lend_msg(b->ep, &m, cmd->lent_idx, bvec_virt(&bv), bytes, &cmd->block);
	if (likely(!ret)) {
		ctr_inc(b, lent);
		cmd->busy_since = 0;
		return BLK_STS_OK;
	}
	return lend_failed(b, rq, ret);
}

static enum blk_eh_timer_return sipblk_timeout(struct request *rq)
{
	struct sipblk *b = rq->q->queuedata;

	if (end_once(rq, BLK_STS_TIMEOUT, false)) {
		ctr_inc(b, timeouts);
		pr_warn_ratelimited("%s: request %u not answered in %u ms\n", b->disk->disk_name,
				    rq->tag, timeout_ms);
	}
	return BLK_EH_DONE;
}

static const struct blk_mq_ops sipblk_mq_ops = {
	.queue_rq = sipblk_queue_rq,
	.timeout = sipblk_timeout,
	.init_request = sipblk_init_request,
	.exit_request = sipblk_exit_request,
};

static const struct block_device_operations sipblk_fops = {
	.owner = THIS_MODULE,
};

/*
 * Before init: the channel the driver will say HELLO on (its index in
 * *@chan). The kernel's end is ours; the driver's is attached to the
 * instance (it closes with it).
 */
struct sipblk *sipblk_prepare(struct sip_instance *si, u32 *chan, char *msg, u32 size)
{
	const struct sip_manifest *m = sip_instance_manifest(si);
	struct sip_channel *ch;
	struct sipblk *b;
	u32 i;

	for (i = 0; i < m->nr_channels; i++)
		if (m->chans[i].side == SIP_SERVER &&
		    sip_contract_find(m->chans[i].contract) == &sip_contract_block)
			break;
	if (i == m->nr_channels) {
		snprintf(msg, size, "a block driver must serve a %s channel", SIP_CONTRACT_BLOCK_NAME);
		return ERR_PTR(-EINVAL);
	}
	/*
	 * The disk's state lives in its channel's allocation: on the channel's
	 * page (one page, one TLB entry, fewer per request), and alive until
	 * both ends are closed, so that an announcement racing the kernel
	 * end's close still finds it.
	 */
	ch = sip_channel_create_extra(heap, &sip_contract_block, SIPBLK_MAX_QD, XHEAP_KERNEL,
				      sip_instance_owner(si), sizeof(*b));
	if (IS_ERR(ch))
		return ERR_CAST(ch);
	b = sip_channel_extra(ch);
	b->index = -1;
	b->ep = sip_channel_end(ch, SIP_CLIENT);
	b->ctr = alloc_percpu(struct sipblk_ctr);
	if (!b->ctr) {
		sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		sip_endpoint_close(b->ep);
		return ERR_PTR(-ENOMEM);
	}
	sip_endpoint_set_notify(b->ep, sipblk_notify, b);
	sip_endpoint_set_deliver(b->ep, sipblk_deliver, NULL);
	if (sip_instance_attach(si, i, sip_channel_end(ch, SIP_SERVER))) {
		free_percpu(b->ctr);
		sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		sip_endpoint_close(b->ep);	/* the last: frees b with the channel */
		return ERR_PTR(-EBUSY);
	}
	*chan = i;
	return b;
}

/* After init: the disk the driver described in its HELLO. */
int sipblk_add_disk(struct sipblk *b, char *name, u32 name_size, char *msg, u32 size)
{
	struct gendisk *disk;
	int ret;

	if (!b->hello) {
		snprintf(msg, size, "the block driver's init did not send HELLO (capacity, block size, queue depth)");
		return -EPROTO;
	}
	if (b->lbs != 512 && b->lbs != 1024 && b->lbs != 2048 && b->lbs != 4096) {
		snprintf(msg, size, "HELLO: block size %u (512, 1024, 2048 or 4096)", b->lbs);
		return -EINVAL;
	}
	if (!b->capacity || b->capacity % b->lbs || b->qd < 1 || b->qd > SIPBLK_MAX_QD) {
		snprintf(msg, size, "HELLO: capacity %llu bytes, queue depth %u (1..%u)", b->capacity,
			 b->qd, SIPBLK_MAX_QD);
		return -EINVAL;
	}
	b->index = ida_alloc(&sipblk_ida, GFP_KERNEL);
	if (b->index < 0)
		return b->index;
	b->tag_set.ops = &sipblk_mq_ops;
	b->tag_set.nr_hw_queues = 1;
	b->tag_set.queue_depth = b->qd;
	b->tag_set.numa_node = NUMA_NO_NODE;
	b->tag_set.cmd_size = sizeof(struct sipblk_cmd);
	/*
	 * As null_blk: no I/O scheduler unless the user picks one (mq-deadline
	 * would queue every request to kblockd: two context switches per
	 * synchronous I/O), and a non-rotational device.
	 */
	b->tag_set.flags = BLK_MQ_F_SHOULD_MERGE | BLK_MQ_F_NO_SCHED_BY_DEFAULT;
	b->tag_set.driver_data = b;
	ret = blk_mq_alloc_tag_set(&b->tag_set);
	if (ret)
		return ret;
	disk = blk_mq_alloc_disk(&b->tag_set, b);
	if (IS_ERR(disk)) {
		blk_mq_free_tag_set(&b->tag_set);
		return PTR_ERR(disk);
	}
	disk->major = sipblk_major;
	disk->first_minor = b->index;
	disk->minors = 1;
	disk->flags |= GENHD_FL_NO_PART;
	disk->fops = &sipblk_fops;
	disk->private_data = b;
	snprintf(disk->disk_name, DISK_NAME_LEN, "sipblk%d", b->index);
	blk_queue_logical_block_size(disk->queue, b->lbs);
	blk_queue_physical_block_size(disk->queue, b->lbs);
	blk_queue_max_hw_sectors(disk->queue, SIPBLK_MAX_BYTES >> SECTOR_SHIFT);
	blk_queue_rq_timeout(disk->queue, msecs_to_jiffies(timeout_ms));
	blk_queue_flag_set(QUEUE_FLAG_NONROT, disk->queue);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, disk->queue);
	set_capacity(disk, b->capacity >> SECTOR_SHIFT);
	b->tags = b->tag_set.tags[0];
	WRITE_ONCE(b->disk, disk);
	ret = add_disk(disk);
	if (ret) {
		WRITE_ONCE(b->disk, NULL);
		put_disk(disk);
		blk_mq_free_tag_set(&b->tag_set);
		return ret;
	}
	strscpy(name, disk->disk_name, name_size);
	return 0;
}

/* Before the SIP goes: the disk (in-flight requests complete or time out). */
void sipblk_remove_disk(struct sipblk *b)
{
	if (!b->disk)
		return;
	WRITE_ONCE(b->removing, true);	/* requests refused from now on fail at once */
	del_gendisk(b->disk);
}

/* After the SIP went: nothing can answer any more; free the rest. */
void sipblk_free(struct sipblk *b)
{
	if (!b)
		return;
	WRITE_ONCE(b->dead, true);
	if (b->disk) {
		put_disk(b->disk);
		blk_mq_free_tag_set(&b->tag_set);
	}
	if (b->index >= 0)
		ida_free(&sipblk_ida, b->index);
	/* Nothing counts any more: the disk is gone and the driver with it. */
	free_percpu(b->ctr);
	/* Last: b goes with the channel, once the driver's end is closed too. */
	sip_endpoint_close(b->ep);
}

/* The counters, summed over the CPUs (each CPU's copy read whole: u64s on 64-bit). */
void sipblk_counters(struct sipblk *b, u64 *done, u64 *errors, u64 *busy, u64 *timeouts,
		     u64 *lent)
{
	int cpu;

	*done = *errors = *busy = *timeouts = *lent = 0;
	for_each_possible_cpu(cpu) {
		const struct sipblk_ctr *c = per_cpu_ptr(b->ctr, cpu);

		*done += READ_ONCE(c->done);
		*errors += READ_ONCE(c->errors);
		*busy += READ_ONCE(c->busy);
		*timeouts += READ_ONCE(c->timeouts);
		*lent += READ_ONCE(c->lent);
	}
}

int sipdrv_blk_init(struct xheap *h)
{
	heap = h;
	sipblk_major = register_blkdev(0, "sipblk");
	return sipblk_major < 0 ? sipblk_major : 0;
}

void sipdrv_blk_uninit(void)
{
	rcu_barrier();	/* requests ended after a grace period: their callbacks are ours */
	unregister_blkdev(sipblk_major, "sipblk");
}
