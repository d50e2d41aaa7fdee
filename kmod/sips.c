// SPDX-License-Identifier: GPL-2.0
/*
 * The SIPs loaded in this kernel: loading (an image copied from user space,
 * parsed, verified and instantiated by the portable runtime, within the
 * budgets set by this module's parameters), unloading, listing and
 * statistics, connecting two SIPs, and the kernel's own ping client.
 *
 * One mutex guards the list; it is never held across anything that waits
 * or takes long (verifying, a driver's init, adding or removing a disk, a
 * ping, a copy to user space): a SIP being loaded is in the list, not yet
 * ready, so that its name is taken; a ping, a connect or a stats read holds
 * a use of its SIP (ksip_get), which unloading waits out after telling
 * pings to stop. Message delivery never takes the mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timex.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <uapi/sipdrv.h>

#include "image_parse.h"
#include "instance.h"
#include "sipdrv.h"
#include "trace.h"

#define MAX_PARAMS_SIZE 4096
#define PING_TIMEOUT (HZ)

/* The kernel's end of a SIP's channel (today: the ping client). */
struct kend {
	struct sip_endpoint *ep;
	wait_queue_head_t wait;
};

struct ksip {
	struct list_head node;
	bool ready;			/* loaded: under sips_lock */
	bool unloading;			/* under sips_lock; read without by pings */
	u32 users;			/* pings under way: under sips_lock */
	wait_queue_head_t users_wait;	/* unloading waits for users to be 0 */
	struct mutex ping_lock;		/* one ping at a time (the kernel's ends) */
	u32 id;
	u32 engine;
	char name[SIPDRV_NAME_LEN];
	char device[SIPDRV_NAME_LEN];
	void *image;
	struct sip_image_view view;
	struct sip_instance *si;
	struct sipblk *blk;		/* the block shim's disk, for block drivers */
	struct dentry *dbg;		/* /sys/kernel/debug/sipdrv/NAME/ */
	struct kend *kends[SIP_MAX_CHANNELS];
	u8 attached;			/* channels plugged in, a bit each: under attach_lock */
	struct ratelimit_state log_rs;	/* its lines in the kernel log (sip_log) */
};

static LIST_HEAD(sips);
static DEFINE_MUTEX(sips_lock);
/*
 * Plugging a channel into a loaded SIP (connect, the kernel's ping ends):
 * sip_instance_attach tests and sets the SIP's slot, so attaches take turns,
 * and a connect sees both slots free before it plugs either (an attach
 * cannot be undone). Held for the attaches only.
 */
static DEFINE_MUTEX(attach_lock);
static u32 next_id = 1;
static u32 nr_sips;
static struct xheap *heap;
static struct dentry *dbg_root;		/* /sys/kernel/debug/sipdrv/ (or an error) */

/* The heap's handles leave it less than 1 GiB (xheap.h). */
static ulong heap_mb = 64;
sipdrv_param_range(heap_mb, ulong, 1, 1023, "MiB", 0444);
MODULE_PARM_DESC(heap_mb, "size of the exchange heap in MiB, 1..1023 (default 64)");

/*
 * The budgets' ceilings (struct sip_limits): a driver's manifest may ask
 * for less, never more. They apply to SIPs loaded after a change.
 */
static ulong fuel_max = SIP_DEFAULT_FUEL;
sipdrv_param_range(fuel_max, ulong, 0, 1ul << 32, "instructions", 0644);
MODULE_PARM_DESC(fuel_max,
		 "instructions one handler run may take, 0..2^32, 0: no SIP loads (default 4194304)");
static uint quota_pct = 25;
sipdrv_param_range(quota_pct, uint, 0, 100, "%", 0644);
MODULE_PARM_DESC(quota_pct, "percent of the exchange heap one SIP may hold, 0..100 (default 25)");
static uint quota_blocks = SIP_DEFAULT_MAX_BLOCKS;
sipdrv_param_range(quota_blocks, uint, 0, 1u << 24, "blocks", 0644);
MODULE_PARM_DESC(quota_blocks,
		 "exchange-heap blocks one SIP may hold, 0..16777216 (default 4096)");
static ulong grant_mb;
sipdrv_param_range(grant_mb, ulong, 0, SIPDRV_PARAM_RAM_MB, "MiB (the RAM)", 0444);
MODULE_PARM_DESC(grant_mb,
		 "memory all SIPs may be granted together, MiB, 0..RAM (default 0: a quarter of RAM)");

static struct sip_grant_pool grants;

/* Any SIP of that name, ready or being loaded: under sips_lock. */
static struct ksip *find_any(const char *name)
{
	struct ksip *k;

	lockdep_assert_held(&sips_lock);
	list_for_each_entry(k, &sips, node)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

/* A loaded SIP: under sips_lock. */
static struct ksip *find(const char *name)
{
	struct ksip *k = find_any(name);

	return k && k->ready && !k->unloading ? k : NULL;
}

/*
 * A use of the loaded SIP named @name (NULL if none): it stays until
 * ksip_put(), which unloading waits for. Taken under sips_lock, used
 * without it: nothing that sleeps or takes long holds the global lock.
 */
static struct ksip *ksip_get(const char *name)
{
	struct ksip *k;

	mutex_lock(&sips_lock);
	k = find(name);
	if (k)
		k->users++;
	mutex_unlock(&sips_lock);
	return k;
}

static void ksip_put(struct ksip *k)
{
	mutex_lock(&sips_lock);
	k->users--;
	mutex_unlock(&sips_lock);
	wake_up(&k->users_wait);
}

static void limits_now(struct sip_limits *l)
{
	u32 pct = READ_ONCE(quota_pct);	/* 0..100: its parameter's range */

	l->fuel = READ_ONCE(fuel_max);
	l->max_blocks = READ_ONCE(quota_blocks);
	l->max_bytes = ((u64)heap_mb << 20) * pct / 100;
	l->grant_bytes = grants.limit;
}

/*
 * A line a SIP logs (sip_log, sip_printk): to the sipdrv_log tracepoint
 * always, to the kernel log at most SIP_LOG_BURST lines per SIP_LOG_INTERVAL,
 * each SIP on its own budget, so that no driver floods the log or silences
 * another's lines. The SIP's runs never overlap, and only they log: its
 * ratelimit state is used by one at a time.
 */
#define SIP_LOG_INTERVAL	(5 * HZ)
#define SIP_LOG_BURST		10

static void sip_log(struct sip_instance *si, const char *text, u32 len)
{
	struct ksip *k = sip_instance_cookie(si);
	const char *name = sip_instance_name(si);

	trace_sipdrv_log(name, text, len);
	if (!__ratelimit(&k->log_rs))
		return;
	if (k->log_rs.missed) {
		pr_info("%s: %d lines not logged (at most %d per %d s)\n", name,
			k->log_rs.missed, SIP_LOG_BURST, SIP_LOG_INTERVAL / HZ);
		k->log_rs.missed = 0;
	}
	pr_info("%s: %.*s\n", name, (int)len, text);
}

static void kend_free(struct kend *ke)
{
	if (!ke)
		return;
	sip_endpoint_close(ke->ep);
	kfree(ke);
}

static void name_drop(struct ksip *k);
static void kends_wake(struct ksip *k);

/* Tears @k down and frees it; its name, if taken, is free again after. */
static void ksip_free(struct ksip *k)
{
	u32 i;

	/* Waits for readers of the debugfs files, which use k->si. */
	debugfs_remove(k->dbg);
	/* The device first: requests in flight complete (or time out) while the SIP still runs. */
	if (k->blk)
		sipblk_remove_disk(k->blk);
	sip_instance_destroy(k->si);
	sipblk_free(k->blk);
	for (i = 0; i < SIP_MAX_CHANNELS; i++)
		kend_free(k->kends[i]);
	kvfree(k->image);
	name_drop(k);
	kfree(k);
}

/* "a=1\0b=2\0" into a NULL-terminated array of pointers into @buf. */
static const char **split_params(char *buf, u32 size)
{
	const char **v;
	u32 n = 0, i;

	for (i = 0; i < size; i++)
		n += !buf[i];
	v = kcalloc(n + 1, sizeof(*v), GFP_KERNEL);
	if (!v)
		return NULL;
	for (n = 0, i = 0; i < size; i += strlen(buf + i) + 1)
		if (buf[i])
			v[n++] = buf + i;
	return v;
}

static const struct sip_engine *engine_of(u32 engine, char *msg)
{
	switch (engine) {
	case SIPDRV_ENGINE_INTERP:
		return &sip_engine_interp;
	case SIPDRV_ENGINE_DEFAULT:
	case SIPDRV_ENGINE_JIT:
		return sipdrv_jit_engine(msg, SIPDRV_MSG_LEN);
	default:
		snprintf(msg, SIPDRV_MSG_LEN, "unknown engine %u", engine);
		return NULL;
	}
}

static const char *const engine_names[] = {
	[SIPDRV_ENGINE_DEFAULT] = "default",
	[SIPDRV_ENGINE_INTERP] = "interp",
	[SIPDRV_ENGINE_JIT] = "jit",
};

static const char *const state_names[] = {
	[SIP_STATE_LOADING] = "loading",
	[SIP_STATE_RUNNING] = "running",
	[SIP_STATE_FAULTED] = "faulted",
	[SIP_STATE_STOPPED] = "stopped",
};

static void fill_info(struct ksip *k, struct sipdrv_sip_info *info);

/*
 * @k's state, counters and fault into @out: the stats ioctl copies it out
 * as it is, debugfs prints it. One snapshot of the instance's counters
 * (sip_instance_stats) per read, one place that maps them to the ABI.
 */
static void stats_fill(struct ksip *k, struct sipdrv_stats *out)
{
	struct sip_instance_stats st;
	const char *what;

	fill_info(k, &out->info);
	sip_instance_stats(k->si, &st);
	out->messages = st.messages;
	out->runs = st.runs;
	out->run_ns = st.run_ns;
	out->sends = st.sends;
	out->send_errors = st.send_errors;
	out->faults = st.faults;
	out->allocs = st.allocs;
	out->frees = st.frees;
	out->bytes = st.bytes;
	out->hw_bytes = st.hw_bytes;
	out->blocks = st.blocks;
	out->hw_blocks = st.hw_blocks;
	out->reason = sip_instance_fault(k->si, &what);
	strscpy(out->what, what, sizeof(out->what));
}

/* /sys/kernel/debug/sipdrv/NAME/stats: one "key value" per line. */
static int dbg_stats_show(struct seq_file *m, void *unused)
{
	struct ksip *k = m->private;
	struct sipdrv_stats *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	stats_fill(k, st);
	seq_printf(m, "id %u\nengine %s\nstate %s\ndevice %s\n", k->id, engine_names[k->engine],
		   state_names[st->info.state], k->device[0] ? k->device : "-");
	seq_printf(m, "messages %llu\nruns %llu\nrun_ns %llu\nsends %llu\nsend_errors %llu\n",
		   st->messages, st->runs, st->run_ns, st->sends, st->send_errors);
	seq_printf(m, "faults %llu\nallocs %llu\nfrees %llu\nblocks %u\nhw_blocks %u\n",
		   st->faults, st->allocs, st->frees, st->blocks, st->hw_blocks);
	seq_printf(m, "bytes %llu\nhw_bytes %llu\n", st->bytes, st->hw_bytes);
	if (k->blk) {
		u64 done, errors, busy, timeouts, lent;

		sipblk_counters(k->blk, &done, &errors, &busy, &timeouts, &lent);
		seq_printf(m, "blk_done %llu\nblk_errors %llu\nblk_busy %llu\nblk_timeouts %llu\n"
			   "blk_lent %llu\n", done, errors, busy, timeouts, lent);
	}
	seq_printf(m, "fault_reason %u\nfault %s\n", st->reason, st->reason ? st->what : "-");
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dbg_stats);

static void dbg_add(struct ksip *k)
{
	if (IS_ERR_OR_NULL(dbg_root))
		return;
	k->dbg = debugfs_create_dir(k->name, dbg_root);
	debugfs_create_file("stats", 0444, k->dbg, k, &dbg_stats_fops);
}

/* Takes @k's name in the list (not ready yet), or -EEXIST. */
static int name_take(struct ksip *k, struct sipdrv_load *req)
{
	int ret = 0;

	mutex_lock(&sips_lock);
	if (find_any(k->name)) {
		snprintf(req->msg, sizeof(req->msg), "a SIP named %s is loaded already", k->name);
		ret = -EEXIST;
	} else {
		list_add_tail(&k->node, &sips);
	}
	mutex_unlock(&sips_lock);
	return ret;
}

static void name_drop(struct ksip *k)
{
	mutex_lock(&sips_lock);
	list_del_init(&k->node);
	mutex_unlock(&sips_lock);
}

static struct ksip *ksip_alloc(void)
{
	struct ksip *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return NULL;
	INIT_LIST_HEAD(&k->node);
	init_waitqueue_head(&k->users_wait);
	mutex_init(&k->ping_lock);
	ratelimit_state_init(&k->log_rs, SIP_LOG_INTERVAL, SIP_LOG_BURST);
	/* The count of lines left out is ours to report (sip_log), not __ratelimit's. */
	ratelimit_set_flags(&k->log_rs, RATELIMIT_MSG_ON_RELEASE);
	return k;
}

/*
 * Loads the SIP @req describes, up to the point of no return: on success
 * *@out is loaded (its disk added, its id and names in @req) but not in
 * the list's view yet (not ready): publish() or ksip_free() it.
 */
static int do_load(struct sipdrv_load *req, struct ksip **out)
{
	struct sip_instance_opts opts = { .heap = heap, .log = sip_log, .grants = &grants };
	const char **params = NULL;
	struct sip_limits limits;
	char *pbuf = NULL;
	struct sip_diag diag;
	struct ksip *k;
	int ret;

	if (req->flags || !req->image_size || req->image_size > SIP_IMAGE_MAX_SIZE ||
	    req->params_size > MAX_PARAMS_SIZE || req->engine >= SIPDRV_ENGINE__COUNT)
		return -EINVAL;
	k = ksip_alloc();
	if (!k)
		return -ENOMEM;
	k->image = vmemdup_user(u64_to_user_ptr(req->image), req->image_size);
	if (IS_ERR(k->image)) {
		ret = PTR_ERR(k->image);
		k->image = NULL;
		goto err;
	}
	ret = sip_image_parse(k->image, req->image_size, &k->view, &diag);
	if (ret) {
		strscpy(req->msg, diag.msg, sizeof(req->msg));
		goto err;
	}
	strscpy(k->name, k->view.manifest->name, sizeof(k->name));
	ret = name_take(k, req);
	if (ret)
		goto err;
	if (req->params_size) {
		pbuf = memdup_user(u64_to_user_ptr(req->params), req->params_size);
		if (IS_ERR(pbuf)) {
			ret = PTR_ERR(pbuf);
			pbuf = NULL;
			goto err;
		}
		pbuf[req->params_size - 1] = 0;
		params = split_params(pbuf, req->params_size);
		ret = -ENOMEM;
		if (!params)
			goto err;
	}
	opts.engine = engine_of(req->engine, req->msg);
	if (!opts.engine && req->engine == SIPDRV_ENGINE_DEFAULT)
		opts.engine = &sip_engine_interp;
	ret = -EOPNOTSUPP;
	if (!opts.engine)
		goto err;
	opts.params = params;
	opts.cookie = k;
	limits_now(&limits);
	opts.limits = &limits;
	ret = sip_instance_create(&k->view, &opts, &k->si, req->msg, sizeof(req->msg));
	/* By default: the JIT where the kernel lets us, else the interpreter. */
	if (ret == -EOPNOTSUPP && req->engine == SIPDRV_ENGINE_DEFAULT) {
		opts.engine = &sip_engine_interp;
		ret = sip_instance_create(&k->view, &opts, &k->si, req->msg, sizeof(req->msg));
	}
	if (ret)
		goto err;
	k->engine = opts.engine == &sip_engine_interp ? SIPDRV_ENGINE_INTERP : SIPDRV_ENGINE_JIT;
	if (sip_instance_manifest(k->si)->dev_class == SIP_CLASS_BLOCK) {
		u32 chan;

		k->blk = sipblk_prepare(k->si, &chan, req->msg, sizeof(req->msg));
		if (IS_ERR(k->blk)) {
			ret = PTR_ERR(k->blk);
			k->blk = NULL;
			goto err;
		}
		k->attached |= BIT(chan);	/* not loaded yet: no one else attaches */
	}
	ret = sip_instance_start(k->si);
	if (ret) {
		const char *what;

		sip_instance_fault(k->si, &what);
		snprintf(req->msg, sizeof(req->msg), "init failed: %s", what);
		goto err;
	}
	if (k->blk) {
		ret = sipblk_add_disk(k->blk, k->device, sizeof(k->device), req->msg,
				      sizeof(req->msg));
		if (ret)
			goto err;
	}
	mutex_lock(&sips_lock);
	k->id = next_id++;
	mutex_unlock(&sips_lock);
	req->id = k->id;
	strscpy(req->name, k->name, sizeof(req->name));
	strscpy(req->device, k->device, sizeof(req->device));
	*out = k;
	ret = 0;
	goto out;
err:
	ksip_free(k);
out:
	kfree(params);
	kfree(pbuf);
	return ret;
}

/* A loaded SIP becomes visible: listed, unloadable, pingable. */
static void publish(struct ksip *k)
{
	mutex_lock(&sips_lock);
	k->ready = true;
	nr_sips++;
	mutex_unlock(&sips_lock);
	dbg_add(k);
	pr_info("loaded %s (id %u, %s)\n", k->name, k->id, engine_names[k->engine]);
	trace_sipdrv_load(k->name, k->id, engine_names[k->engine], k->device);
}

/*
 * A load whose answer cannot be written back (-EFAULT) leaves nothing
 * behind: the SIP is published only once the caller has its id and
 * device, and torn down (disk, instance, name) otherwise.
 */
long sipdrv_ioctl_load(struct file *file, void __user *uarg)
{
	struct sipdrv_load *req;
	struct ksip *k = NULL;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(req, uarg, sizeof(*req)))
		goto out;
	req->id = 0;
	memset(req->name, 0, sizeof(req->name));
	memset(req->device, 0, sizeof(req->device));
	memset(req->msg, 0, sizeof(req->msg));
	ret = do_load(req, &k);
	/* The answer goes back even on failure: msg says why. */
	if (copy_to_user(uarg, req, sizeof(*req))) {
		if (!ret) {
			pr_info("load of %s undone: its answer could not be written back\n",
				k->name);
			ksip_free(k);
		}
		ret = -EFAULT;
	} else if (!ret) {
		publish(k);
	}
out:
	kfree(req);
	return ret;
}

static bool target_ok(const struct sipdrv_target *t)
{
	return !t->flags && !t->reserved && memchr(t->name, 0, sizeof(t->name));
}

static int target_of(struct sipdrv_target *t, void __user *uarg)
{
	if (copy_from_user(t, uarg, sizeof(*t)))
		return -EFAULT;
	return target_ok(t) ? 0 : -EINVAL;
}

long sipdrv_ioctl_unload(struct file *file, void __user *uarg)
{
	struct sipdrv_target t;
	struct ksip *k;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = target_of(&t, uarg);
	if (ret)
		return ret;
	mutex_lock(&sips_lock);
	k = find_any(t.name);
	if (k && (!k->ready || k->unloading)) {
		mutex_unlock(&sips_lock);
		return -EBUSY;	/* being loaded, or unloaded, by someone else */
	}
	if (k) {
		k->unloading = true;
		nr_sips--;
	}
	mutex_unlock(&sips_lock);
	if (!k)
		return -ENOENT;
	pr_info("unloading %s (id %u)\n", k->name, k->id);
	/* Pings see unloading and stop; the name stays taken until it is gone. */
	kends_wake(k);
	wait_event(k->users_wait, !READ_ONCE(k->users));
	trace_sipdrv_unload(k->name, k->id);
	ksip_free(k);
	return 0;
}

static void fill_info(struct ksip *k, struct sipdrv_sip_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = k->id;
	info->dev_class = sip_instance_manifest(k->si)->dev_class;
	info->engine = k->engine;
	info->state = sip_instance_state(k->si);
	strscpy(info->name, k->name, sizeof(info->name));
	strscpy(info->device, k->device, sizeof(info->device));
}

/*
 * The list is filled into a kernel buffer under sips_lock and copied out
 * after: a copy to user space can fault and wait on I/O (or a userfaultfd)
 * for as long as the caller likes, with every load and unload waiting too.
 */
long sipdrv_ioctl_list(struct file *file, void __user *uarg)
{
	struct sipdrv_sip_info *info;
	struct sipdrv_list req;
	struct ksip *k;
	u32 want, n;
	long ret = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	for (;;) {
		/* As many entries as there are SIPs now (at most max): retried if more came. */
		want = min(req.max, READ_ONCE(nr_sips));
		info = kvcalloc(max(want, 1u), sizeof(*info), GFP_KERNEL);
		if (!info)
			return -ENOMEM;
		n = 0;
		mutex_lock(&sips_lock);
		if (nr_sips > want && want < req.max) {
			mutex_unlock(&sips_lock);
			kvfree(info);
			continue;
		}
		list_for_each_entry(k, &sips, node) {
			if (!k->ready || k->unloading)
				continue;
			if (n < want)
				fill_info(k, &info[n]);
			n++;
		}
		mutex_unlock(&sips_lock);
		break;
	}
	req.count = n;
	if (copy_to_user(u64_to_user_ptr(req.entries), info, (size_t)min(n, want) * sizeof(*info)) ||
	    copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
	kvfree(info);
	return ret;
}

long sipdrv_ioctl_stats(struct file *file, void __user *uarg)
{
	struct sipdrv_stats *req;
	struct ksip *k;
	long ret;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	ret = target_of(&req->target, uarg);
	if (ret)
		goto out;
	ret = -ENOENT;
	k = ksip_get(req->target.name);
	if (!k)
		goto out;
	stats_fill(k, req);
	ksip_put(k);
	ret = copy_to_user(uarg, req, sizeof(*req)) ? -EFAULT : 0;
out:
	kfree(req);
	return ret;
}

long sipdrv_ioctl_info(struct file *file, void __user *uarg)
{
	struct sipdrv_info info;
	struct xheap_stats hs;

	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	if (info.flags)
		return -EINVAL;
	mutex_lock(&sips_lock);
	info.sips = nr_sips;
	mutex_unlock(&sips_lock);
	xheap_stats(heap, &hs);
	info.instances = sip_instances_alive();
	info.heap_blocks = hs.blocks;
	info.heap_bytes = hs.bytes;
	info.heap_pages = hs.pages;
	info.heap_free_pages = hs.free_pages;
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

/* Channel @index of @k plugged into @ep, once: under attach_lock. */
static int attach(struct ksip *k, u32 index, struct sip_endpoint *ep)
{
	int ret;

	lockdep_assert_held(&attach_lock);
	if (k->attached & BIT(index))
		return -EBUSY;
	ret = sip_instance_attach(k->si, index, ep);
	if (!ret)
		k->attached |= BIT(index);
	return ret;
}

/*
 * Both ends plugged in, or neither: a failed connect leaves the client's
 * channel free for another (its end would otherwise stay, on a closed
 * channel).
 */
static int do_connect(const struct sipdrv_connect *req, struct ksip *c, struct ksip *s)
{
	const struct sip_manifest *mc, *ms;
	struct sip_channel *ch;
	u32 depth = req->depth ? req->depth : 64;
	int ret;

	mc = sip_instance_manifest(c->si);
	ms = sip_instance_manifest(s->si);
	if (req->client_chan >= mc->nr_channels || req->server_chan >= ms->nr_channels)
		return -EINVAL;
	if (mc->chans[req->client_chan].side != SIP_CLIENT ||
	    ms->chans[req->server_chan].side != SIP_SERVER ||
	    mc->chans[req->client_chan].contract_hash != ms->chans[req->server_chan].contract_hash)
		return -EPROTO;
	ch = sip_channel_create(heap, sip_contract_find(ms->chans[req->server_chan].contract), depth,
				sip_instance_owner(c->si), sip_instance_owner(s->si));
	if (!ch)
		return -EINVAL;
	mutex_lock(&attach_lock);
	if ((s->attached & BIT(req->server_chan)) ||
	    attach(c, req->client_chan, sip_channel_end(ch, SIP_CLIENT))) {
		mutex_unlock(&attach_lock);
		sip_endpoint_close(sip_channel_end(ch, SIP_CLIENT));
		sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		return -EBUSY;
	}
	ret = attach(s, req->server_chan, sip_channel_end(ch, SIP_SERVER));
	mutex_unlock(&attach_lock);
	if (ret) {
		/* Cannot happen (its slot was free): the client's end closes with it. */
		sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		return -EBUSY;
	}
	pr_info("connected %s.%s to %s.%s\n", c->name, mc->chans[req->client_chan].name, s->name,
		ms->chans[req->server_chan].name);
	return 0;
}

long sipdrv_ioctl_connect(struct file *file, void __user *uarg)
{
	struct sipdrv_connect req;
	struct ksip *c, *s;
	int ret = -ENOENT;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || !memchr(req.client, 0, sizeof(req.client)) ||
	    !memchr(req.server, 0, sizeof(req.server)) || (req.depth & (req.depth - 1)))
		return -EINVAL;
	/* Uses of both, not the global lock, across the channel's allocation. */
	c = ksip_get(req.client);
	s = ksip_get(req.server);
	if (c && s)
		ret = do_connect(&req, c, s);
	if (c)
		ksip_put(c);
	if (s)
		ksip_put(s);
	return ret;
}

/* ---- the kernel's ping client ---- */

static void kend_notify(struct sip_endpoint *ep, void *cookie)
{
	struct kend *ke = cookie;

	wake_up(&ke->wait);
}

/* Unloading: pings waiting on @k's ends look again, and stop. */
static void kends_wake(struct ksip *k)
{
	u32 i;

	for (i = 0; i < SIP_MAX_CHANNELS; i++) {
		struct kend *ke = READ_ONCE(k->kends[i]);

		if (ke)
			wake_up(&ke->wait);
	}
}

/* The kernel's client end on @k's channel @index, made on first use. */
static struct kend *kend_get(struct ksip *k, u32 index)
{
	const struct sip_manifest *m = sip_instance_manifest(k->si);
	const struct sip_contract *c;
	struct sip_channel *ch;
	struct kend *ke;
	int ret;

	if (k->kends[index])
		return k->kends[index];
	c = sip_contract_find(m->chans[index].contract);
	if (!c || c != &sip_contract_ping || m->chans[index].side != SIP_SERVER)
		return ERR_PTR(-EPROTO);
	ke = kzalloc(sizeof(*ke), GFP_KERNEL);
	ch = sip_channel_create(heap, c, 64, XHEAP_KERNEL, sip_instance_owner(k->si));
	if (!ke || !ch) {
		kfree(ke);
		if (ch) {
			sip_endpoint_close(sip_channel_end(ch, SIP_CLIENT));
			sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		}
		return ERR_PTR(-ENOMEM);
	}
	init_waitqueue_head(&ke->wait);
	ke->ep = sip_channel_end(ch, SIP_CLIENT);
	sip_endpoint_set_notify(ke->ep, kend_notify, ke);
	mutex_lock(&attach_lock);
	ret = attach(k, index, sip_channel_end(ch, SIP_SERVER));
	mutex_unlock(&attach_lock);
	if (ret) {
		sip_endpoint_close(sip_channel_end(ch, SIP_SERVER));
		sip_endpoint_close(ke->ep);
		kfree(ke);
		return ERR_PTR(-EBUSY);
	}
	WRITE_ONCE(k->kends[index], ke);
	return ke;
}

/*
 * PING (@args and block @b, or 0) on @ke, and its answer in @m: 1, 0 when
 * the send failed or the end closed with no message, -ETIMEDOUT when
 * nothing came back within a second, -EINTR when a signal came first,
 * -ENODEV when @k is being unloaded. Sent, @b is the SIP's; the answer's
 * block is the caller's to free.
 */
static int round_trip(struct ksip *k, struct kend *ke, u64 *args, sip_handle_t b,
		      struct sip_chmsg *m)
{
	int got = 0;
	long left;

	if (sip_channel_send(ke->ep, SIP_PING, args, b, NULL)) {
		if (b)
			xheap_free(heap, XHEAP_KERNEL, b);
		return 0;
	}
	/* The SIP normally ran in our send; if it was busy, wait for it. */
	left = wait_event_interruptible_timeout(ke->wait, (got = sip_channel_recv(ke->ep, m)) != 0 ||
						READ_ONCE(k->unloading), PING_TIMEOUT);
	if (left < 0)
		return -EINTR;
	if (!got)
		return left ? -ENODEV : -ETIMEDOUT;
	return got < 0 ? 0 : 1;	/* < 0: the end is closed, no message */
}

/*
 * One round trip: 1 when the echo came back with the block intact, 0 when
 * it did not, or one of round_trip()'s errors.
 */
static int ping_once(struct ksip *k, struct kend *ke, u32 seq, u32 size, struct sipdrv_ping *req)
{
	u64 args[3] = { seq, 0, 0 };
	struct sip_chmsg m;
	sip_handle_t b = 0;
	u64 t0, c0, dt;
	u8 *p = NULL;
	bool ok;
	int got;
	u32 i;

	if (size) {
		if (xheap_alloc(heap, XHEAP_KERNEL, size, &b, (void **)&p))
			return 0;
		for (i = 0; i < size; i++)
			p[i] = (u8)(seq + i);
	}
	c0 = get_cycles();
	t0 = ktime_get_ns();
	got = round_trip(k, ke, args, b, &m);
	if (got <= 0)
		return got;
	req->total_cycles += get_cycles() - c0;
	dt = ktime_get_ns() - t0;
	req->total_ns += dt;
	req->min_ns = req->min_ns ? min(req->min_ns, dt) : dt;
	req->max_ns = max(req->max_ns, dt);
	ok = !(m.flags & SIP_CHMSG_CLOSED) && m.tag == SIP_ECHO && m.args[0] == seq &&
	     !m.args[1] && m.block == b;
	if (ok && size) {
		p = xheap_ptr(heap, m.block, XHEAP_KERNEL, NULL);
		for (i = 0; p && i < size; i++)
			ok &= p[i] == (u8)(seq + i);
		ok &= !!p;
	}
	if (m.block)
		xheap_free(heap, XHEAP_KERNEL, m.block);
	return ok;
}

/* Round trips until the count, a signal, a SIP that stops answering or an unload. */
static long ping_loop(struct ksip *k, struct kend *ke, struct sipdrv_ping *req)
{
	u32 i;
	int r;

	for (i = 0; i < req->count; i++) {
		if (fatal_signal_pending(current) || signal_pending(current))
			return -EINTR;
		if (READ_ONCE(k->unloading))
			return -ENODEV;
		r = ping_once(k, ke, i, req->size, req);
		if (r == -EINTR || r == -ENODEV)
			return r;
		if (r == 1) {
			req->ok++;
			continue;
		}
		req->errors++;
		if (r == -ETIMEDOUT)
			return 0;	/* it does not answer: ok + errors < count says so */
		cond_resched();
	}
	return 0;
}

/*
 * A use of the SIP @t names, and the kernel's end of its channel @chan in
 * *@ke with the SIP's ping lock held (or an ERR, the lock not held), one
 * exchange at a time: ping_end() gives both back.
 */
static struct ksip *ping_start(const struct sipdrv_target *t, u32 chan, struct kend **ke)
{
	struct ksip *k = ksip_get(t->name);

	if (!k)
		return ERR_PTR(-ENOENT);
	*ke = ERR_PTR(-EINVAL);
	if (chan >= sip_instance_manifest(k->si)->nr_channels)
		return k;
	*ke = ERR_PTR(-EINTR);
	if (mutex_lock_interruptible(&k->ping_lock))
		return k;
	*ke = kend_get(k, chan);
	if (IS_ERR(*ke))
		mutex_unlock(&k->ping_lock);
	return k;
}

static void ping_end(struct ksip *k, struct kend *ke)
{
	if (!IS_ERR(ke))
		mutex_unlock(&k->ping_lock);
	ksip_put(k);
}

long sipdrv_ioctl_ping(struct file *file, void __user *uarg)
{
	struct sipdrv_ping req;
	struct kend *ke;
	struct ksip *k;
	long ret = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (!target_ok(&req.target) || req.flags || req.size > XHEAP_MAX_BLOCK ||
	    req.count > 10000000)
		return -EINVAL;
	req.total_ns = req.min_ns = req.max_ns = req.total_cycles = 0;
	req.ok = req.errors = 0;
	k = ping_start(&req.target, req.chan, &ke);
	if (IS_ERR(k))
		return PTR_ERR(k);
	ret = IS_ERR(ke) ? PTR_ERR(ke) : ping_loop(k, ke, &req);
	ping_end(k, ke);
	if (!ret && copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/* The answer to one PING of the caller's bytes, into the caller's buffer. */
static long exchange(struct ksip *k, struct kend *ke, struct sipdrv_exchange *req)
{
	u64 args[3] = { req->args[0], req->args[1], 0 };
	void __user *data = u64_to_user_ptr(req->data);
	struct sip_chmsg m;
	sip_handle_t b = 0;
	long ret = 0;
	u32 size = 0;
	u8 *p;
	int got;

	if (req->size) {
		if (xheap_alloc(heap, XHEAP_KERNEL, req->size, &b, (void **)&p))
			return -ENOMEM;
		if (copy_from_user(p, data, req->size)) {
			xheap_free(heap, XHEAP_KERNEL, b);
			return -EFAULT;
		}
	}
	got = round_trip(k, ke, args, b, &m);
	if (got <= 0)
		return got ? got : -EPIPE;
	req->args[0] = m.args[0];
	req->args[1] = m.args[1];
	p = m.block ? xheap_ptr(heap, m.block, XHEAP_KERNEL, &size) : NULL;
	req->reply_size = p ? size : 0;
	if (p && copy_to_user(data, p, min(size, req->cap)))
		ret = -EFAULT;
	if (m.block)
		xheap_free(heap, XHEAP_KERNEL, m.block);
	return ret;
}

long sipdrv_ioctl_exchange(struct file *file, void __user *uarg)
{
	struct sipdrv_exchange req;
	struct kend *ke;
	struct ksip *k;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (!target_ok(&req.target) || req.flags || req.reserved || req.size > XHEAP_MAX_BLOCK)
		return -EINVAL;
	k = ping_start(&req.target, req.chan, &ke);
	if (IS_ERR(k))
		return PTR_ERR(k);
	ret = IS_ERR(ke) ? PTR_ERR(ke) : exchange(k, ke, &req);
	ping_end(k, ke);
	if (!ret && copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

int sipdrv_sips_init(void)
{
	int ret;

	if (!grant_mb)
		grant_mb = (totalram_pages() >> (20 - PAGE_SHIFT)) / 4;
	grants.limit = (u64)grant_mb << 20;
	heap = xheap_create(heap_mb << 20);
	if (!heap) {
		pr_err("cannot make an exchange heap of %lu MiB\n", heap_mb);
		return -ENOMEM;
	}
	ret = sipdrv_blk_init(heap);
	if (ret) {
		xheap_destroy(heap);
		return ret;
	}
	/* Observability is optional: without debugfs the SIPs still run. */
	dbg_root = debugfs_create_dir("sipdrv", NULL);
	return 0;
}

void sipdrv_sips_uninit(void)
{
	struct xheap_stats hs;
	struct ksip *k, *n;

	list_for_each_entry_safe(k, n, &sips, node) {
		trace_sipdrv_unload(k->name, k->id);
		ksip_free(k);	/* takes it off the list */
	}
	debugfs_remove(dbg_root);
	xheap_stats(heap, &hs);
	/* Everything must have come back: a leak here is a bug to see. */
	WARN(hs.blocks || sip_instances_alive(), "sipdrv: %u blocks and %u instances left at unload\n",
	     hs.blocks, sip_instances_alive());
	sipdrv_blk_uninit();
	xheap_destroy(heap);
}
