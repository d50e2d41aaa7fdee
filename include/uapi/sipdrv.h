/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * sipdrv user ABI: the ioctls of /dev/sipdrv.
 *
 * Protocol
 * --------
 * sipdrv.ko registers the misc character device /dev/sipdrv. User space opens
 * it (read access is enough for the queries; commands that change the set of
 * loaded drivers will need CAP_SYS_ADMIN) and issues ioctls whose argument is
 * always a pointer to one of the structures below. The ioctl number encodes
 * the structure's size, so a caller built against another layout gets
 * -ENOTTY rather than a misread structure.
 *
 * Rules every command follows:
 *   - Fields documented as "in: must be zero" are reserved for future use; a
 *     non-zero value is refused with -EINVAL, so that they can be given a
 *     meaning later without old kernels silently ignoring it.
 *   - An argument pointer that cannot be read or written returns -EFAULT.
 *   - An unknown command returns -ENOTTY.
 *   - Compatibility: SIPDRV_ABI_VERSION is bumped whenever a structure or
 *     command changes incompatibly. User space must check it first
 *     (SIPDRV_IOC_VERSION never changes) and refuse to talk to a module whose
 *     ABI differs from its own.
 *
 * Commands (SIPs are named by the name in their manifest)
 * --------
 * SIPDRV_IOC_VERSION (struct sipdrv_version, in/out)
 *	Reports the module's ABI version, release string and build features.
 * SIPDRV_IOC_INFO (struct sipdrv_info, in/out)
 *	Module-wide counters: SIPs loaded, instances alive, exchange heap use.
 * SIPDRV_IOC_LOAD (struct sipdrv_load, in/out; CAP_SYS_ADMIN)
 *	Verifies a SIP image in the kernel (user space is never trusted),
 *	rewrites it, creates the instance with its parameters, attaches its
 *	device, runs its init handler. On failure the ioctl fails and msg
 *	says why: for verifier refusals "HANDLER: insn N (file.c:LINE): ...".
 *	-EEXIST when a SIP of that name is loaded (or being loaded); -EDQUOT
 *	when its manifest asks for a budget (fuel, exchange-heap quota) above
 *	the module's ceiling (parameters fuel_max, quota_pct, quota_blocks).
 * SIPDRV_IOC_UNLOAD (struct sipdrv_target, in; CAP_SYS_ADMIN)
 *	Stops a SIP (its exit handler runs if it is healthy), detaches its
 *	device, closes its channels, frees everything. -ENOENT if unknown,
 *	-EBUSY while it is being loaded or unloaded by another call.
 * SIPDRV_IOC_LIST (struct sipdrv_list, in/out)
 *	Up to max entries of struct sipdrv_sip_info; count is how many exist.
 * SIPDRV_IOC_STATS (struct sipdrv_stats, in/out)
 *	One SIP's counters, and why it stopped if it faulted.
 * SIPDRV_IOC_CONNECT (struct sipdrv_connect, in; CAP_SYS_ADMIN)
 *	A channel from a client SIP's channel to a server SIP's channel (same
 *	contract, both free). -EPROTO when the contracts or sides differ.
 * SIPDRV_IOC_PING (struct sipdrv_ping, in/out; CAP_SYS_ADMIN)
 *	The kernel as the client of a SIP's ping channel: count round trips,
 *	each with a block of size bytes (0: none) filled with a pattern that
 *	must come back intact; reports timings. For tests and benchmarks.
 *	Stops early (ok + errors < count) at a ping not answered within a
 *	second; -EINTR at a signal, -ENODEV when the SIP is being unloaded.
 *	Holds no global lock while it waits.
 * SIPDRV_IOC_EXCHANGE (struct sipdrv_exchange, in/out; CAP_SYS_ADMIN)
 *	One PING on a SIP's ping channel with the caller's arguments and
 *	bytes (size of them at data; 0: no block), and its answer: the
 *	ECHO's arguments, and its block copied back to data (at most cap
 *	bytes; reply_size says how many it had). For testing what a ping
 *	server answers, byte for byte. -ETIMEDOUT when nothing comes back
 *	within a second, -EPIPE when the channel closed instead.
 */
#ifndef _UAPI_SIPDRV_H
#define _UAPI_SIPDRV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SIPDRV_DEVICE_NAME	"sipdrv"
#define SIPDRV_DEVICE_PATH	"/dev/" SIPDRV_DEVICE_NAME

/* The ABI this header describes. */
#define SIPDRV_ABI_VERSION	1

#define SIPDRV_IOC_MAGIC	0xb5

#define SIPDRV_RELEASE_LEN	32

struct sipdrv_version {
	__u32 flags;		/* in: must be zero */
	__u32 abi;		/* out: SIPDRV_ABI_VERSION of the module */
	__u32 features;		/* out: optional features (none defined yet: 0) */
	__u32 reserved;		/* out: zero */
	char release[SIPDRV_RELEASE_LEN]; /* out: NUL-terminated release string */
};

#define SIPDRV_IOC_VERSION	_IOWR(SIPDRV_IOC_MAGIC, 0x00, struct sipdrv_version)

#define SIPDRV_NAME_LEN		32
#define SIPDRV_MSG_LEN		512

struct sipdrv_info {
	__u32 flags;		/* in: must be zero */
	__u32 sips;		/* out: SIPs loaded */
	__u32 instances;	/* out: SIP instances alive (includes ones being torn down) */
	__u32 heap_blocks;	/* out: exchange-heap blocks allocated (all owners) */
	__u64 heap_bytes;	/* out: bytes charged for them */
	__u32 heap_pages;	/* out: pages of the heap */
	__u32 heap_free_pages;	/* out */
};

enum sipdrv_engine {
	SIPDRV_ENGINE_DEFAULT,	/* the JIT when the kernel's is enabled, else the interpreter */
	SIPDRV_ENGINE_INTERP,
	SIPDRV_ENGINE_JIT,
	SIPDRV_ENGINE__COUNT
};

struct sipdrv_load {
	__u64 image;		/* in: user pointer to the SIP image */
	__u64 params;		/* in: "name=value" strings, each NUL-terminated, back to back */
	__u32 image_size;	/* in */
	__u32 params_size;	/* in: bytes of params (0: none) */
	__u32 engine;		/* in: enum sipdrv_engine */
	__u32 flags;		/* in: must be zero */
	__u32 id;		/* out */
	__u32 reserved;		/* out: zero */
	char name[SIPDRV_NAME_LEN];	/* out: the SIP's name */
	char device[SIPDRV_NAME_LEN];	/* out: the device it drives ("" if none) */
	char msg[SIPDRV_MSG_LEN];	/* out: why the load failed */
};

struct sipdrv_target {
	char name[SIPDRV_NAME_LEN];	/* in: NUL-terminated */
	__u32 flags;		/* in: must be zero */
	__u32 reserved;		/* in: must be zero */
};

enum sipdrv_state {
	SIPDRV_STATE_LOADING,
	SIPDRV_STATE_RUNNING,
	SIPDRV_STATE_FAULTED,
	SIPDRV_STATE_STOPPED,
};

struct sipdrv_sip_info {
	__u32 id;
	__u32 dev_class;	/* enum sip_dev_class of <sipdrv/abi.h> */
	__u32 engine;		/* enum sipdrv_engine */
	__u32 state;		/* enum sipdrv_state */
	__u32 restarts;
	__u32 reserved;
	char name[SIPDRV_NAME_LEN];
	char device[SIPDRV_NAME_LEN];
};

struct sipdrv_list {
	__u64 entries;		/* in: user pointer to max struct sipdrv_sip_info */
	__u32 max;		/* in */
	__u32 count;		/* out: SIPs loaded (may be more than max) */
};

struct sipdrv_stats {
	struct sipdrv_target target;	/* in */
	struct sipdrv_sip_info info;	/* out */
	__u64 messages, runs, run_ns;	/* handler runs for messages, in all, their time */
	__u64 sends, send_errors;
	__u64 faults;
	__u64 allocs, frees;		/* exchange-heap blocks */
	__u64 bytes, hw_bytes;		/* held now, most held */
	__u32 blocks, hw_blocks;
	__u32 reason;			/* why it stopped (0: it did not) */
	__u32 reserved;
	char what[192];			/* the same in words */
};

struct sipdrv_connect {
	char client[SIPDRV_NAME_LEN];	/* in: the SIP that uses the contract */
	char server[SIPDRV_NAME_LEN];	/* in: the SIP that serves it */
	__u32 client_chan;		/* in: manifest channel numbers */
	__u32 server_chan;
	__u32 depth;			/* in: messages per direction (0: 64; a power of two) */
	__u32 flags;			/* in: must be zero */
};

struct sipdrv_ping {
	struct sipdrv_target target;	/* in */
	__u32 chan;			/* in: the SIP's channel (it must serve sipdrv.ping) */
	__u32 count;			/* in: round trips */
	__u32 size;			/* in: block bytes per ping (0: no block) */
	__u32 flags;			/* in: must be zero */
	__u64 total_ns, min_ns, max_ns;	/* out */
	__u64 total_cycles;		/* out: get_cycles() over all round trips */
	__u32 ok;			/* out: round trips that came back intact */
	__u32 errors;			/* out: the rest; ok + errors < count: a ping was not
					 * answered within a second, and the rest not sent */
};

struct sipdrv_exchange {
	struct sipdrv_target target;	/* in */
	__u32 chan;			/* in: the SIP's channel (it must serve sipdrv.ping) */
	__u32 flags;			/* in: must be zero */
	__u64 args[2];			/* in: the PING's arguments; out: the ECHO's */
	__u64 data;			/* in: a user buffer: the bytes sent, then the answer's */
	__u32 size;			/* in: bytes to send (0: no block) */
	__u32 cap;			/* in: room at data for the answer's block */
	__u32 reply_size;		/* out: the answer's block size (0: none) */
	__u32 reserved;			/* in: must be zero */
};

#define SIPDRV_IOC_INFO		_IOWR(SIPDRV_IOC_MAGIC, 0x01, struct sipdrv_info)
#define SIPDRV_IOC_LOAD		_IOWR(SIPDRV_IOC_MAGIC, 0x02, struct sipdrv_load)
#define SIPDRV_IOC_UNLOAD	_IOW(SIPDRV_IOC_MAGIC, 0x03, struct sipdrv_target)
#define SIPDRV_IOC_LIST		_IOWR(SIPDRV_IOC_MAGIC, 0x04, struct sipdrv_list)
#define SIPDRV_IOC_STATS	_IOWR(SIPDRV_IOC_MAGIC, 0x05, struct sipdrv_stats)
#define SIPDRV_IOC_CONNECT	_IOW(SIPDRV_IOC_MAGIC, 0x06, struct sipdrv_connect)
#define SIPDRV_IOC_PING		_IOWR(SIPDRV_IOC_MAGIC, 0x07, struct sipdrv_ping)
#define SIPDRV_IOC_EXCHANGE	_IOWR(SIPDRV_IOC_MAGIC, 0x08, struct sipdrv_exchange)

#endif /* _UAPI_SIPDRV_H */
