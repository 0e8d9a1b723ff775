/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logswap kernel glue: one struct lsw_dev per /dev/logswapN, and the
 * functions the glue files share.  One role a file:
 *   main.c      device lifecycle (add, disksize, reset, remove)
 *   host_bio.c  the host bio edge: /dev/logswapN's bios, slot frees
 *   bdev_io.c   backing-device I/O: the engine's segment, GC, summary I/O
 *   zoned.c     the ZNS backend;  conv.c  the conventional backend
 *   workers.c   the flush and GC workers, the notify callback
 *   traced.c    the engine's traced entry points (lsw_traced_*)
 *   trace.c     the exact-replay recorder (debugfs trace_enable, trace)
 *   events.c    tracepoints;  sysfs.c, debugfs.c  their files
 * The core engine (core/) knows nothing of this file.
 */
#ifndef _LSW_DEV_H
#define _LSW_DEV_H

#include <linux/atomic.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "core/lsw_core.h"
#include "lsw_compat.h"

#define LSW_NAME		"logswap"
#define LSW_MAX_DEVICES		256	/* minors, idr range, num_devices */
#define LSW_PATH_MAX		256	/* backing_dev path, NUL included */
#define LSW_SEG_MIN_BYTES	(LSW_SEG_MIN_BLOCKS * LSW_BLOCK_SIZE)
#define LSW_SEG_MAX_BYTES	(LSW_SEG_MAX_BLOCKS * LSW_BLOCK_SIZE)
#define LSW_EU_MAX_BYTES	SZ_1G		/* erase_unit tunable limit */
#define LSW_CONV_DEFAULT_EU	SZ_4M		/* conventional EU default */
/* The smallest discard granularity taken as the conventional EU. */
#define LSW_CONV_MIN_GRAN_EU	SZ_64K

enum lsw_backend_kind {
	LSW_BACKEND_NONE,
	LSW_BACKEND_CONV,	/* conv.c: discard as erase */
	LSW_BACKEND_ZONED,	/* zoned.c: ZNS, zone reset as erase */
};

/* What a backing device offers, learnt by probing it (zoned.c, conv.c). */
struct lsw_backing_info {
	enum lsw_backend_kind kind;
	u64 nr_sectors;		/* capacity, 512-byte sectors */
	/* zoned */
	u32 zone_blocks;	/* zone size: the EU stride */
	u32 zone_cap_blocks;	/* smallest zone capacity: writable EU */
	u32 nr_zones;		/* sequential zones of full size in use */
	u32 max_open;		/* min of non-zero max open/active, 0: none */
	bool varying_cap;	/* zone capacities differ: finish full EUs */
	/* conventional */
	u32 discard_gran;	/* bytes, 0 without discard */
	bool discard;		/* REQ_OP_DISCARD supported */
};

/*
 * Tunables written through sysfs before disksize; 0 means "the default"
 * for seg_bytes and eu_bytes.  Guarded by lsw_dev.init_lock.
 */
struct lsw_tunables {
	char backing_path[LSW_PATH_MAX];	/* "" until set */
	struct lsw_backing_info bk;		/* probed when backing_dev set */
	u32 seg_bytes;
	u32 eu_bytes;
	u32 nr_buffers;
	enum lsw_gc_policy gc_policy;
	u32 gc_low;
	u32 gc_high;
	u32 wl_threshold;
};

/* write_depth: HOT segment writes in flight at most (sysfs). */
#define LSW_WRITE_DEPTH_DEFAULT	1
#define LSW_WRITE_DEPTH_MAX	LSW_MAX_BUFFERS

/*
 * One HOT segment write in flight (bdev_io.c): ld->seg_ctx[buffer id],
 * preallocated, so the write path allocates nothing but bios.  Written by
 * the submitter, then by the bio's completion, then read by @work; one
 * owner at a time.
 */
struct lsw_seg_ctx {
	struct lsw_dev *ld;
	struct lsw_seg_io *io;
	int err;
	sector_t sector;		/* at completion: where it went */
	struct work_struct work;	/* lsw_seg_complete, process context */
};

/* Largest trace_enable capacity: 64 Mi records, 512 MiB. */
#define LSW_TRACE_MAX_RECORDS	(64ULL << 20)

/*
 * The trace recorder of one device (trace.c, debugfs trace_enable and
 * trace; the entry points that feed it are traced.c).
 *
 * Lock order (outermost first):
 *   init_lock (read, trace_enable writes) -> @mutex -> @gate -> @lock
 *     -> the engine's lock.
 * @mutex (mutex) serialises start, stop and free against each other and
 * against readers of the trace file (held from seq start to stop).
 * @gate (mutex) is held, in trace mode only, across each engine call that
 * changes placement: lsw_flush, lsw_gc, lsw_store, lsw_discard from bios.
 * @lock (spinlock, irq-safe) guards the records, @on, @busy, @pending and
 * the counts; stores and frees are recorded under it around the engine
 * call.
 */
struct lsw_trace {
	struct mutex mutex;	/* start/stop/free vs readers */
	struct mutex gate;	/* trace mode: one engine call at a time */
	spinlock_t lock;	/* records, on, busy, counts */
	bool on;		/* recording; WRITE_ONCE under @lock */
	bool stopped;		/* @end valid; records kept for reading */
	bool busy;		/* a traced flush or GC is running */
	u64 *recs;		/* @cap records, kvmalloc'ed at start */
	u64 cap;
	u64 count;
	u64 dropped;		/* records lost: the array was full */
	u64 unordered;		/* slot frees that overlapped a flush/GC */
	u64 deferred;		/* slot frees queued in @pending */
	u32 *pending;		/* room for a free of every slot, and */
	u32 pending_cap;	/* (one each: a slot is stored again */
	u32 nr_pending;		/* only after the call), how many wait */
	struct lsw_geometry geo;	/* at start, for the header */
	struct lsw_config cfg;
	enum lsw_placement place;	/* placement at start: it cannot */
	u32 groups, cold;		/* change while a trace is on */
	struct lsw_stats start;		/* engine counters at start */
	struct lsw_stats end;		/* and at stop */
};

/*
 * One logswap device.
 *
 * Lock order (outermost first):
 *   lsw_index_mutex (main.c: device add/remove)
 *     -> disk->open_mutex (only to test openers and set @claim; dropped
 *        before anything below is taken)
 *     -> init_lock -> the engine's locks (core/lsw_core.h)
 *   eng.lock -> work_lock -> workqueue and wait-queue internals
 *     (the engine calls lsw_dev_notify() with eng.lock held).
 *
 * @init_lock (rw_semaphore) serialises configuration against
 * configuration: written by every sysfs store (tunables, backing_dev,
 * disksize, reset) and by teardown, read by sysfs and debugfs readers.
 * The bio path does not take it: a bio reaches a device only through an
 * open block device, and reset/remove refuse while the disk is open and
 * bar new opens with @claim, then drain @inflight; ->submit_bio may sleep
 * under backpressure and swap_slot_free_notify runs under a spinlock, and
 * taking init_lock in the swap-out (reclaim) path would order fs_reclaim
 * before a lock that disksize holds while allocating with GFP_KERNEL.
 * @initialised is published with smp_store_release after the engine is
 * built and read with smp_load_acquire by the bio path.
 *
 * @work_lock (spinlock, irq-safe) guards @workers_live against the
 * notify callback, so no work is queued once teardown has begun.
 */
struct lsw_dev {
	int id;
	struct gendisk *disk;
	struct rw_semaphore init_lock;
	bool claim;			/* open_mutex: reset/remove, no open */
	bool removing;			/* open_mutex: lsw_remove under way */
	bool initialised;
	struct lsw_tunables tun;	/* init_lock */

	/* Valid while initialised; set under init_lock (write). */
	struct lsw_engine eng;
	struct lsw_geometry geo;
	struct lsw_config cfg;		/* as given to lsw_engine_init */
	enum lsw_backend_kind kind;
	struct block_device *bdev;	/* backing device, held exclusively */
	void *bdev_handle;		/* lsw_bdev_open()'s, to close it */
	u64 nr_slots;
	u64 nr_blocks;			/* nr_eus * eu_stride */
	struct bio_set read_bs;		/* host PHYS reads (lsw_read_ctx) */
	struct bio_set io_bs;		/* backend segment/GC I/O */

	/* Workers (workers.c). */
	struct workqueue_struct *flush_wq;	/* ordered, WQ_MEM_RECLAIM */
	struct workqueue_struct *gc_wq;		/* WQ_MEM_RECLAIM */
	struct workqueue_struct *read_wq;	/* read retries */
	struct work_struct flush_work;		/* lsw_flush(e, false) */
	struct work_struct pflush_work;		/* lsw_flush(e, true) */
	struct work_struct gc_work;
	spinlock_t work_lock;		/* guards workers_live */
	bool workers_live;
	int pflush_ret;			/* result of the last partial flush */
	int flush_err;			/* result of the last flush, 0 if ok */
	unsigned long flush_seq;	/* flushes finished */

	/*
	 * Asynchronous segment writes (bdev_io.c).  @write_depth is a
	 * tunable, READ_ONCE by the submitter; the counters are atomics,
	 * @seg_inflight_max written by the one submitter (HOT flush_lock).
	 */
	u32 write_depth;
	/* init_lock: the backend ops, no ->submit at write_depth 1 */
	struct lsw_backend_ops ops;
	struct lsw_seg_ctx *seg_ctx;		/* cfg.nr_buffers */
	struct workqueue_struct *seg_wq;	/* completions */
	wait_queue_head_t seg_wait;		/* depth, drain */
	atomic_t seg_inflight;
	atomic_t seg_inflight_max;
	atomic64_t seg_submitted;
	atomic64_t seg_done;
	atomic64_t seg_errors;
	atomic64_t zone_appends;

	/* Backpressure (LSW_EV_BUF_FREE), flush results, drain. */
	wait_queue_head_t wait;
	/* Bios and child reads in flight, plus 1 while initialised. */
	atomic_t inflight;

	struct dentry *debugfs_dir;
	struct lsw_trace trace;		/* trace.c */
};

/* main.c: device lifecycle. */
extern const struct block_device_operations lsw_fops;
int lsw_dev_init(struct lsw_dev *ld, u64 nr_slots);
void lsw_dev_teardown(struct lsw_dev *ld);
int lsw_dev_claim(struct lsw_dev *ld);
void lsw_dev_unclaim(struct lsw_dev *ld);
int lsw_backing_probe(struct block_device *bdev, struct lsw_backing_info *bk);
void lsw_tunables_default(struct lsw_tunables *t);

static inline bool lsw_ready(struct lsw_dev *ld)
{
	/* Pairs with smp_store_release in lsw_dev_init(). */
	return smp_load_acquire(&ld->initialised);
}

/* host_bio.c: the host bio edge. */
void lsw_submit_bio(struct bio *bio);
void lsw_slot_free_notify(struct block_device *bdev, unsigned long offset);
int lsw_io_init(struct lsw_dev *ld);
void lsw_io_drain(struct lsw_dev *ld);
void lsw_io_exit(struct lsw_dev *ld);
int lsw_store_wait(struct lsw_dev *ld, u64 slot, struct page *page,
		   unsigned int offset, u64 hint);

/* bdev_io.c: backing-device I/O for the engine (struct lsw_backend_ops). */
int lsw_bdev_write(void *priv, u64 block, const void *buf, u32 nr_blocks);
int lsw_bdev_read(void *priv, u64 block, void *buf, u32 nr_blocks);
int lsw_bdev_submit(void *priv, struct lsw_seg_io *io);
bool lsw_zone_append_fits(struct lsw_dev *ld, u32 seg_blocks,
			  const struct lsw_engine *e);
int lsw_seg_io_init(struct lsw_dev *ld);
void lsw_seg_drain(struct lsw_dev *ld);
void lsw_seg_io_exit(struct lsw_dev *ld);

/* zoned.c: ZNS backend. */
extern const struct lsw_backend_ops lsw_zoned_ops;
int lsw_zoned_probe(struct block_device *bdev, struct lsw_backing_info *bk);
int lsw_zoned_geometry(const struct lsw_backing_info *bk, u32 seg_bytes,
		       struct lsw_geometry *geo);
int lsw_zoned_prepare(struct lsw_dev *ld);

/* conv.c: conventional backend. */
extern const struct lsw_backend_ops lsw_conv_ops;
int lsw_conv_probe(struct block_device *bdev, struct lsw_backing_info *bk);
u32 lsw_conv_default_eu(const struct lsw_backing_info *bk);
int lsw_conv_geometry(const struct lsw_backing_info *bk, u32 eu_bytes,
		      struct lsw_geometry *geo);

/* workers.c: flush and GC workers, the engine's notify callback. */
void lsw_dev_notify(void *priv, enum lsw_event ev);
int lsw_workers_init(struct lsw_dev *ld);
void lsw_workers_stop(struct lsw_dev *ld);
void lsw_kick_flush(struct lsw_dev *ld);
int lsw_flush_sync(struct lsw_dev *ld);

/*
 * events.c: the tracepoints (logswap_trace.h).  lsw_dev_tp is the
 * engine's lsw_backend_ops.tp; the others are the driver's own events.
 */
void lsw_dev_tp(void *priv, struct lsw_tp_event *ev);
void lsw_trace_store(struct lsw_dev *ld, u64 slot, const void *page);
void lsw_trace_io_error(struct lsw_dev *ld, bool write, u64 block,
			u32 nr_blocks, int err);

/* sysfs.c */
extern const struct attribute_group *lsw_disk_groups[];

/*
 * traced.c: the engine's traced entry points, every engine call that
 * changes placement; recorded when a trace is on.
 */
/*
 * Stream hints are 24 bits (the trace record keeps them next to the
 * slot); the engine is given the same, so that a replay places alike.
 */
#define LSW_HINT_BITS	24
#define LSW_TR_HINT_SHIFT	32	/* a w or z record: hint << 32 | slot */
int lsw_traced_store(struct lsw_dev *ld, u64 slot, const void *page, u64 hint);
int lsw_traced_discard(struct lsw_dev *ld, u64 slot);
int lsw_traced_discard_atomic(struct lsw_dev *ld, u64 slot);
int lsw_traced_flush(struct lsw_dev *ld, bool partial);
int lsw_traced_gc(struct lsw_dev *ld, u32 target);

/* trace.c: the recorder's array and control. */
void lsw_trace_add(struct lsw_trace *t, char kind, u64 arg);
void lsw_trace_init(struct lsw_dev *ld);
void lsw_trace_stop(struct lsw_dev *ld);
void lsw_trace_exit(struct lsw_dev *ld);
int lsw_trace_control(struct lsw_dev *ld, u64 cap);
struct seq_file;
void lsw_trace_status(struct lsw_dev *ld, struct seq_file *m);
extern const struct seq_operations lsw_trace_sops;

/* debugfs.c */
void lsw_debugfs_init(void);
void lsw_debugfs_exit(void);
void lsw_debugfs_add(struct lsw_dev *ld);
void lsw_debugfs_remove(struct lsw_dev *ld);

#endif /* _LSW_DEV_H */
