/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logswap core engine: the log-structured map, segment buffers, erase-unit
 * allocator, summaries and garbage collector.  Pure logic: it touches the
 * world only through lsw_env.h and the backend ops below, so the same
 * objects build into logswap.ko and into the userspace tests and simulator.
 *
 * Contexts the engine is called from (kernel):
 *  - lsw_store, lsw_discard, lsw_read_begin, lsw_read_valid: any process
 *    context and under spinlocks (swap_slot_free_notify runs under the swap
 *    device lock); they never sleep and never allocate.
 *    lsw_store copies the page with preemption off but outside e->lock;
 *    a LOG read may wait (spinning) for a store copying the same block,
 *    so these are never called from interrupt context.
 *  - lsw_flush, lsw_gc, lsw_engine_init/destroy: process context that may
 *    sleep (the driver's flush and GC workers); the backend ops are called
 *    only from these, and from lsw_seg_complete.
 *  - lsw_seg_complete (asynchronous backends, struct lsw_seg_io): process
 *    context; it may call ops->finish.
 */
#ifndef _LSW_CORE_H
#define _LSW_CORE_H

/*
 * By include order, not "../lsw_env.h" (which would always be the kernel
 * half): Kbuild's -I$(src) finds drivers/block/logswap/lsw_env.h, every
 * userspace build's earlier -Itools/lib finds tools/lib/lsw_env.h.
 */
#include "lsw_env.h"

enum lsw_stream {
	LSW_HOT,		/* fresh swap-outs */
	LSW_COLD,		/* GC relocations */
	LSW_NR_STREAMS,
};

/*
 * Placement: which open EU a fresh (HOT) page goes to.  Every policy keeps
 * GC copies apart (COLD).  A policy with groups fills one HOT buffer and
 * one open EU per group (struct lsw_engine, lsw_set_placement).
 */
enum lsw_placement {
	LSW_PLACE_HOTCOLD,	/* one HOT group: fresh pages vs GC copies */
	LSW_PLACE_STREAM,	/* a group per busy stream hint (cgroup) */
	LSW_PLACE_LIFETIME,	/* a group by the slot's last lifetime */
	LSW_PLACE_NR,
};

/* HOT placement groups at most (each one an open EU and a buffer). */
#define LSW_MAX_GROUPS	8
/*
 * COLD groups at most: a chain of age groups for GC copies (MiDAS-like):
 * a HOT victim's copies go to COLD group 0, a group-k victim's to group
 * k + 1, the last group's to itself.  Each has a buffer and an open EU.
 */
#define LSW_COLD_GROUPS	3

enum lsw_eu_state {
	LSW_EU_FREE,		/* erased (or never used) and allocatable */
	LSW_EU_OPEN,		/* being filled by a stream */
	LSW_EU_SEALED,		/* full; candidate for GC */
	LSW_EU_GC,		/* victim being relocated */
	LSW_EU_BAD,		/* write or erase failed: out of use */
};

enum lsw_gc_policy {
	LSW_GC_GREEDY,		/* fewest live blocks */
	LSW_GC_COST_BENEFIT,	/* max (1 - u) * age / (1 + u) */
	LSW_GC_NR_POLICIES,
};

enum lsw_event {
	LSW_EV_FLUSH,		/* a buffer is full: run lsw_flush() soon */
	LSW_EV_BUF_FREE,	/* a buffer was freed and a store had been
				 * refused (-EAGAIN) since the last one:
				 * retry the waiting stores */
	LSW_EV_GC,		/* free EUs fell below gc_low: run lsw_gc() */
};

/* Limits of the engine itself. */
#define LSW_SEG_MIN_BLOCKS	4	/* 16 KiB */
#define LSW_SEG_MAX_BLOCKS	512	/* 2 MiB: summary holds 511 owners */
#define LSW_MAX_BUFFERS		256
#define LSW_MIN_GC_RESERVE	2	/* EUs only the COLD stream may take */

/* What the backend is: fixed by the device, checked by lsw_check_geometry. */
struct lsw_geometry {
	u32 nr_eus;
	u32 eu_stride;		/* blocks from one EU's start to the next */
	u32 eu_blocks;		/* writable blocks per EU (<= eu_stride) */
	u32 max_open;		/* zoned: max open zones, 0 = no limit */
	bool zoned;
	/*
	 * zoned: zone capacities differ and an EU is the smallest of them,
	 * so a full EU can leave its zone open on the device: finish every
	 * EU when it is sealed, not only a partly written one.
	 */
	bool finish_full;
	/*
	 * zoned, with ops->submit: segment writes are zone appends (the
	 * device picks the offset in the zone, lsw_seg_complete says which).
	 */
	bool zone_append;
};

/* What the user tunes; see Documentation in ABI file for each. */
struct lsw_config {
	u32 seg_blocks;		/* segment size in blocks, summary included */
	u32 nr_buffers;		/* HOT segment buffers */
	u64 nr_slots;		/* logical size in slots; 0 = the default */
	u32 gc_reserve;		/* free EUs reserved for GC (COLD stream) */
	u32 gc_low;		/* start background GC below this many free */
	u32 gc_high;		/* background GC stops at this many free */
	u32 wl_threshold;	/* static wear leveling: max - min erase count */
	enum lsw_gc_policy gc_policy;
	/*
	 * HOT buffers filled at once, one per lane (struct
	 * lsw_stream_state); 0 or 1: one.  At most nr_buffers / 2 and
	 * LSW_MAX_LANES.  More lanes let stores on several CPUs fill
	 * buffers of their own, but which lane a store takes depends on its
	 * CPU, so a recorded trace replays exactly only with one lane.
	 */
	u32 nr_lanes;
};

struct lsw_buf;

/*
 * One HOT segment write in flight, for a backend with ops->submit.  The
 * engine fills the first fields and calls ops->submit(priv, io); the
 * backend writes @nr_blocks pages from @data (the summary last) and then
 * calls lsw_seg_complete(e, io, error, block) exactly once, where @block
 * is the first block the segment went to.  Completions may come in any
 * order; several segments may be in flight to one EU.
 *  - @append false: write at @block, which the engine reserved (ordered
 *    writes: on a zoned device the backend issues the writes of one zone
 *    in submission order; on a conventional one any order will do);
 *  - @append true (geo.zone_append): REQ_OP_ZONE_APPEND to the zone that
 *    starts at @block; the device picks the offset, and completion
 *    reports it.  The summary names no block, so it holds wherever the
 *    segment lands.
 * The io lives in its buffer: no allocation per write.
 */
struct lsw_seg_io {
	const void *data;
	u64 block;
	u32 nr_blocks;
	u32 eu;
	bool append;
	/* engine-private */
	struct lsw_buf *buf;
	u64 pos;		/* reserved first block (ordered writes) */
	u64 seq;
	bool parked;		/* done, waiting for an earlier one (ordered) */
};

/*
 * Tracepoint events: what the engine did, for the driver's tracepoints
 * (logswap_trace.h).  Fields a kind does not name are 0.
 */
enum lsw_tp_kind {
	LSW_TP_SEG_SUBMIT,	/* @stream @eu @block @seq @blocks */
	LSW_TP_SEG_DONE,	/* the same, and @err */
	LSW_TP_GC_VICTIM,	/* @eu @blocks (live) @policy @wl */
	LSW_TP_RELOCATE,	/* @slot moved from @block to @to */
	LSW_TP_ERASE,		/* @eu @count (erases so far) @err */
};

struct lsw_tp_event {
	enum lsw_tp_kind kind;
	enum lsw_stream stream;
	enum lsw_gc_policy policy;
	bool wl;		/* victim chosen by static wear leveling */
	int err;
	u32 eu;
	u32 blocks;
	u32 count;
	u64 block;
	u64 to;
	u64 seq;
	u64 slot;
	u64 stamp;		/* the callback's: kept from SUBMIT to DONE */
};

/*
 * Backend: the engine knows neither ZNS nor discard; it asks for these.
 * Blocks are global indexes (eu * eu_stride + offset).  write, read, erase
 * and finish are called from process context and may sleep; notify and tp
 * may be called from any context and must not sleep.
 */
struct lsw_backend_ops {
	int (*write)(void *priv, u64 block, const void *buf, u32 nr_blocks);
	int (*read)(void *priv, u64 block, void *buf, u32 nr_blocks);
	int (*erase)(void *priv, u32 eu);
	/* optional: close a partly written EU (ZONE_FINISH) */
	int (*finish)(void *priv, u32 eu);
	void (*notify)(void *priv, enum lsw_event ev);	/* optional */
	/* optional: tracepoints; any context, e->lock may be held */
	void (*tp)(void *priv, struct lsw_tp_event *ev);
	/*
	 * optional: asynchronous HOT segment writes (struct lsw_seg_io).  0
	 * if queued, else the error (the engine then completes it itself).
	 * GC's COLD segments still go through ->write.
	 */
	int (*submit)(void *priv, struct lsw_seg_io *io);
};

enum lsw_buf_state {
	LSW_BUF_FREE,
	LSW_BUF_FILLING,	/* the open buffer of its stream */
	LSW_BUF_FULL,		/* queued for flush */
	LSW_BUF_FLUSHING,
};

/*
 * One segment buffer: seg_blocks pages, the last one is the summary.
 * @state, @fill_seq and @count are written with e->lock held (for the
 * COLD buffer: with the COLD flush_lock held, GC fills it alone).  While
 * the buffer is FILLING, store reserves a block by @count++ under e->lock,
 * then copies into @data and fills owner/expect outside the lock and drops
 * @writers with release ordering; the flush waits for @writers to reach 0
 * (acquire) before it reads @data/@owner.  @ready marks the blocks whose
 * copy is complete, for LOG readers; @gen is bumped (e->lock) every time
 * the buffer is made FREE, so that a lockless LOG reader can tell that the
 * block it copied was reused meanwhile.
 */
struct lsw_buf {
	u8 *data;		/* seg_blocks * LSW_BLOCK_SIZE */
	u32 *owner;		/* owner slot of each data block */
	u32 *expect;		/* map entry to replace at flush completion */
	unsigned long *ready;	/* copy of each data block complete */
	u32 count;		/* data blocks reserved (filled when FULL) */
	atomic_t writers;	/* stores copying into this buffer */
	u32 gen;		/* bumped each time it becomes FREE */
	u32 id;
	u32 lane;		/* e->lock: its lane while FILLING */
	u32 group;		/* e->lock: HOT placement group (0: COLD) */
	u64 fill_seq;		/* FIFO order of filling */
	enum lsw_buf_state state;
	enum lsw_stream stream;
	struct lsw_seg_io io;	/* e->lock: its write while FLUSHING (async) */
};

struct lsw_engine;

/*
 * One erase unit.  Every field is written with e->lock held; the fields
 * marked "lockless" are also read without it (READ_ONCE).
 */
struct lsw_eu {
	u32 live;		/* e->lock; lockless: GC walk, lsw_engine_ram */
	u32 wp;			/* e->lock; stable while GC owns the EU */
	u32 erase_count;	/* e->lock */
	u32 gen;		/* e->lock; lockless: readers (lsw_read_valid) */
	u64 seq;		/* e->lock */
	enum lsw_eu_state state;	/* e->lock */
	enum lsw_stream stream;	/* e->lock */
	u32 group;		/* e->lock: placement group while OPEN */
	bool dirty;		/* e->lock; erase before use */
	bool retire;		/* e->lock; write failed: BAD, not FREE */
	bool gc_abort;		/* e->lock; GC walk failed: SEALED later */
	/*
	 * e->lock; asynchronous writes (ops->submit): @wp counts the blocks
	 * reserved by segments submitted, @wp_pub those whose entries are
	 * PHYS (ordered writes: a prefix, published in order; appends: the
	 * sum, appends leave no hole), @inflight the segments submitted and
	 * not completed.  @closing: its stream moved on with writes still in
	 * flight, it is sealed at the last completion (at @wp_pub).  @wfail:
	 * an ordered write failed here, nothing after it is published.
	 */
	u32 wp_pub;
	u32 inflight;
	bool closing;
	bool wfail;
	/*
	 * e->lock: SEALED, the pairing heap of bucket[live] (child, next,
	 * prev: EU numbers or -1); GC, the list of victims (next, prev).
	 */
	s32 ph_child, ph_next, ph_prev;
};

/*
 * A binary min-heap of EU numbers with their positions (alloc.c), guarded
 * by e->lock: exact "least" choices in O(log n), no scan of the EUs.
 */
struct lsw_heap {
	u32 *a;			/* heap order */
	u32 *pos;		/* index in @a of each EU, U32_MAX if absent */
	u32 nr;
	bool (*less)(const struct lsw_engine *e, u32 x, u32 y);
};

struct lsw_stats {
	u64 host_writes;	/* pages stored (incl. zero pages) */
	u64 zero_pages;		/* stores that became ZERO */
	u64 host_reads;
	u64 discards;		/* slots freed */
	u64 flash_blocks;	/* blocks written to flash (data+summary+GC) */
	u64 segments;		/* segment writes */
	u64 partial_flushes;	/* segments flushed before full */
	u64 gc_runs;
	u64 gc_victims;
	u64 gc_moved;		/* live blocks relocated */
	u64 gc_aborts;		/* victim walks given up (read error...) */
	u64 erases;
	u64 fg_stalls;		/* flushes that had to GC first */
	u64 backpressure;	/* stores refused for want of a buffer */
	u64 write_errors;
	u64 read_errors;
	u64 erase_errors;
	u64 read_retries;	/* PHYS reads that raced with GC */
	u64 wl_moves;		/* static wear-leveling relocations */
	u64 ram_dropped;	/* pages freed in a RAM buffer: never written */
	u64 live_slots;		/* slots tagged PHYS or LOG */
	u64 zero_slots;		/* slots tagged ZERO (own map only) */
	u32 free_eus;
	u32 bad_eus;
	u32 erase_min;
	u32 erase_max;
};

/*
 * Where the slot -> location words live.  The default (no ops given to
 * lsw_engine_init_map) is the engine's own array of u32, one per slot.  A
 * driver whose kernel already keeps a per-slot word for every swap slot
 * (the vswap table, mm-patches/) supplies these instead and the engine
 * allocates no array.  Words use include/logswap/format.h's encoding.
 *
 * Atomicity: @get is one atomic read of the word; @exchange (returns the
 * old word) and @compare_exchange (true if the word held @old and now holds
 * @new) are fully ordered atomic read-modify-writes of that one word, like
 * xchg() and cmpxchg().  They never sleep and are called with e->lock held
 * (exchange, compare_exchange) or without any lock (get: the
 * lockless readers, which validate afterwards).  Every engine transition
 * that touches accounting does its xchg/cmpxchg under e->lock, so a
 * flush's LOG -> PHYS or GC's PHYS(old) -> PHYS(new) cmpxchg fails, and
 * leaves its copy born invalid, if a store or free replaced the word first.
 *
 * The map's owner may itself set a word that is NONE or ZERO to NONE or
 * ZERO (the kernel records zero pages and frees such slots without the
 * engine); words holding PHYS or LOG are changed by the engine alone, so
 * the valid bitmap and live counts stay exact.  With an external map the
 * engine therefore does not count ZERO words (st.zero_slots stays 0).
 */
struct lsw_map_ops {
	u32 (*get)(void *arg, u64 slot);
	u32 (*exchange)(void *arg, u64 slot, u32 new);
	bool (*compare_exchange)(void *arg, u64 slot, u32 old, u32 new);
};

/*
 * HOT buffers being filled at once: one per lane, a store fills its CPU's
 * lane (cpu % nr_lanes), so that stores on different CPUs touch different
 * buffers (count, owners, ready bits).  nr_lanes is cfg.nr_lanes (1 by
 * default), at most nr_buffers / 2 and LSW_MAX_LANES: at least as many
 * buffers as lanes are always free, full or in flight.
 */
#define LSW_MAX_LANES	8

struct lsw_stream_state {
	struct mutex flush_lock;	/* one segment write at a time */
	s32 eu;				/* e->lock: open EU, -1 if none */
	/* e->lock (HOT): the buffer each lane is filling, or NULL */
	struct lsw_buf *lane[LSW_MAX_LANES];
};

/*
 * Lock order (outermost first), asserted with lockdep_assert_held():
 *
 *   stream[LSW_HOT].flush_lock -> gc_lock -> stream[LSW_COLD].flush_lock
 *   -> lock
 *
 * @lock is a spinlock, held only for short non-sleeping sections: no page
 * is copied under it (store reserves a buffer block under it and copies
 * outside, LOG reads copy outside and validate), no backend op is called
 * under it.  The mutexes may be held across backend ops.
 *
 * Guarded by @lock: the map transitions that touch accounting (every
 * xchg/cmpxchg of a word to or from PHYS/LOG, with its @valid bit and EU
 * live count), every field of @eus (see struct lsw_eu), the buffer states
 * and counts (struct lsw_buf), the EU heaps and buckets, @nr_free, @nr_bad,
 * @nr_full, @nr_buf_free, @seq, @fill_seq, @erase_floor, @wl_wanted and
 * @st.  Counters read without the lock use READ_ONCE and tolerate a stale
 * value (nr_free, nr_full, nr_buf_free, wl_wanted, stream[].lane).
 *
 * Guarded by gc_lock and stream[LSW_COLD].flush_lock (GC alone): @gc_buf,
 * the COLD buffer's data, and @gc_current (the victim being walked, -1 if
 * none; written with both held, read under COLD flush_lock).
 */
struct lsw_engine {
	struct lsw_geometry geo;
	struct lsw_config cfg;
	const struct lsw_backend_ops *ops;
	void *priv;

	spinlock_t lock;		/* map, accounting: see above */
	struct mutex gc_lock;		/* one GC run at a time */

	u32 *map;			/* nr_slots entries, NULL with @mops */
	const struct lsw_map_ops *mops;	/* external map, or NULL */
	void *marg;
	unsigned long *valid;		/* 1 bit per physical block */
	struct lsw_eu *eus;
	struct lsw_buf *bufs;		/* nr_buffers HOT + 1 COLD */
	u8 *gc_buf;			/* GC read buffer, seg_blocks pages */
	struct lsw_stream_state stream[LSW_NR_STREAMS];
	/*
	 * Placement (e->lock; changed with HOT flush_lock held too):
	 * @nr_groups HOT groups, group g's open EU is @group_eu[g]
	 * (group 0's is stream[LSW_HOT].eu).  STREAM: groups 1.. hold
	 * the busiest hints (@hint_key, Misra-Gries counts @hint_cnt),
	 * every other hint shares group 0.  LIFETIME: @stamp per slot,
	 * the store clock when stored, or LSW_LIFE_DEAD | its lifetime
	 * once freed; allocated by the first switch to LIFETIME (never
	 * with an external map).
	 */
	enum lsw_placement placement;
	u32 nr_groups;
	u32 nr_cold;			/* COLD groups, 1..LSW_COLD_GROUPS */
	s32 group_eu[LSW_MAX_GROUPS];
	s32 cold_eu[LSW_COLD_GROUPS];	/* COLD group g's (0: stream[]) */
	u64 hint_key[LSW_MAX_GROUPS];
	u32 hint_cnt[LSW_MAX_GROUPS];
	u32 *stamp;
	u32 life_clock;

	/*
	 * EU indexes, all under @lock (alloc.c), so that no allocation,
	 * victim choice or counter read walks the EUs:
	 *  - free_heap: FREE EUs by (erase_count, EU): the least-worn first;
	 *  - cold_heap: SEALED EUs by (erase_count, EU): wear leveling;
	 *  - wear_min/wear_max: non-BAD EUs by erase count (stats);
	 *  - bucket[live]: SEALED EUs with @live valid blocks, a pairing heap
	 *    by EU (greedy) or by seq, oldest first (cost-benefit: within one
	 *    live count the oldest scores best), @bucket_map its non-empty
	 *    ones; @bucket_policy is the order the heaps are built in;
	 *  - gc_head: the EUs in LSW_EU_GC (victims), a list.
	 */
	struct lsw_heap free_heap, cold_heap, wear_min, wear_max;
	s32 *bucket;			/* eu_blocks + 1 roots, -1 = empty */
	unsigned long *bucket_map;
	enum lsw_gc_policy bucket_policy;
	u32 gc_live_max;		/* most live blocks worth relocating */
	s32 gc_head;
	u32 nr_gc;			/* EUs in LSW_EU_GC */
	u32 nr_bad;			/* EUs in LSW_EU_BAD */

	u32 data_per_seg;		/* seg_blocks - 1 */
	u32 nr_lanes;			/* see struct lsw_stream_state */
	u32 nr_free;			/* EUs in LSW_EU_FREE */
	s32 gc_current;			/* victim being walked, or -1 */
	u64 seq;			/* segment sequence */
	u64 fill_seq;
	u32 nr_full;			/* HOT buffers FULL */
	u32 nr_buf_free;		/* HOT buffers FREE */
	u32 erase_floor;		/* least erase count of a sealed EU */
	bool wl_wanted;			/* an erase went wl_threshold past it */
	bool buf_waiters;		/* a store was refused: LSW_EV_BUF_FREE */
	u32 nr_inflight;		/* HOT segment writes in flight */
	u32 nr_closing;			/* EUs closing (struct lsw_eu) */
	struct lsw_stats st;
	/*
	 * Read counters, lockless: reads finish in bio completion.  They
	 * override st.host_reads, st.read_retries and st.read_errors.
	 */
	atomic64_t reads;
	atomic64_t read_retries;
	atomic64_t read_errors;
};

/* Geometry and configuration checks: -EINVAL/-EFBIG with a pr_warn line. */
int lsw_check_geometry(const struct lsw_geometry *geo);
int lsw_check_config(const struct lsw_geometry *geo,
		     const struct lsw_config *cfg);
/* Fill @cfg with defaults for @geo (segment 1 MiB or the EU if smaller). */
void lsw_default_config(const struct lsw_geometry *geo,
			struct lsw_config *cfg);
/* Largest logical size (slots) the engine accepts, and its default. */
u64 lsw_max_slots(const struct lsw_geometry *geo, const struct lsw_config *cfg);

int lsw_engine_init(struct lsw_engine *e, const struct lsw_geometry *geo,
		    const struct lsw_config *cfg,
		    const struct lsw_backend_ops *ops, void *priv);
/* The same with the map words kept by @mops (see struct lsw_map_ops). */
int lsw_engine_init_map(struct lsw_engine *e, const struct lsw_geometry *geo,
			const struct lsw_config *cfg,
			const struct lsw_backend_ops *ops, void *priv,
			const struct lsw_map_ops *mops, void *marg);
void lsw_engine_destroy(struct lsw_engine *e);
/* RAM the engine holds (map, bitmap, EU table, buffers), in bytes. */
u64 lsw_engine_ram(const struct lsw_engine *e);
/* Bytes of per-slot map the engine itself holds: 0 with an external map. */
static inline u64 lsw_engine_map_bytes(const struct lsw_engine *e)
{
	return e->map ? e->cfg.nr_slots * sizeof(*e->map) : 0;
}

/*
 * The map accessors: every read and change of a slot's word goes through
 * these.  @slot must be below cfg.nr_slots.
 */
static inline u32 lsw_map_get(const struct lsw_engine *e, u64 slot)
{
	if (likely(e->map))
		return READ_ONCE(e->map[slot]);
	return e->mops->get(e->marg, slot);
}

static inline u32 lsw_map_xchg(struct lsw_engine *e, u64 slot, u32 new)
{
	if (likely(e->map))
		return xchg(&e->map[slot], new);
	return e->mops->exchange(e->marg, slot, new);
}

static inline bool lsw_map_cmpxchg(struct lsw_engine *e, u64 slot, u32 old,
				   u32 new)
{
	if (likely(e->map))
		return cmpxchg(&e->map[slot], old, new) == old;
	return e->mops->compare_exchange(e->marg, slot, old, new);
}

/*
 * Store one page at @slot.  0 on success; -EAGAIN when every HOT buffer is
 * full or in flight (backpressure: wait for LSW_EV_BUF_FREE and retry, the
 * page was not taken); -EINVAL for a slot past the end.  A zero-filled
 * page becomes a ZERO entry and never reaches flash.
 */
int lsw_store_hint(struct lsw_engine *e, u64 slot, const void *page,
		   u64 hint);
/* @hint: the stream the page belongs to (cgroup id), 0 if none. */
static inline int lsw_store(struct lsw_engine *e, u64 slot, const void *page)
{
	return lsw_store_hint(e, slot, page, 0);
}

/* True if a store would find room now (for the caller's wait condition). */
bool lsw_can_store(struct lsw_engine *e);
/* Free @slot (swap slot free, discard, write zeroes): entry -> NONE. */
int lsw_discard(struct lsw_engine *e, u64 slot);

/**
 * lsw_swap_page_blocks - the engine's slots of one swap page
 * @page: the page's offset as swap numbers it (swap_slot_free_notify)
 * @page_shift: the kernel's PAGE_SHIFT, 12 or more
 * @first: set to the page's first slot
 *
 * Swap numbers its slots in pages, the engine in 4 KiB blocks: on a kernel
 * with 16 KiB pages, swap page N is slots 4N..4N+3.  Returns how many.
 */
static inline u32 lsw_swap_page_blocks(u64 page, unsigned int page_shift,
				       u64 *first)
{
	*first = page << (page_shift - LSW_BLOCK_SHIFT);
	return 1U << (page_shift - LSW_BLOCK_SHIFT);
}

/*
 * Reads.  lsw_read_begin() resolves @slot: NONE and ZERO fill @page with
 * zeros, LOG copies from the RAM buffer; those return 0 and the read is
 * done.  PHYS returns 1 and fills @tok: the caller reads tok->block from the
 * backing device into @page, then calls lsw_read_valid(); false means the
 * block was relocated or erased meanwhile and the read must start again.
 */
struct lsw_read_tok {
	u32 entry;
	u64 block;
	u32 eu;
	u32 gen;
};

int lsw_read_begin(struct lsw_engine *e, u64 slot, void *page,
		   struct lsw_read_tok *tok);
bool lsw_read_valid(struct lsw_engine *e, u64 slot,
		    const struct lsw_read_tok *tok);
/*
 * Account a finished PHYS read: 0 (done), -EAGAIN (lsw_read_valid said
 * retry) or the I/O error.  Like lsw_read_valid it takes no lock and may be
 * called from any context, bio completion (interrupt) included.
 */
void lsw_note_read(struct lsw_engine *e, int result);
/* Whole read through ops->read (userspace, GC-less paths). */
int lsw_load(struct lsw_engine *e, u64 slot, void *page);

/*
 * Write out every full HOT buffer; with @partial also the buffer being
 * filled, even if not full (REQ_PREFLUSH).  Runs foreground GC when free
 * EUs are short.  May sleep.  0, -ENOSPC (no space even after GC), -EIO.
 * With ops->submit the writes are submitted, not waited for (see
 * lsw_inflight); a buffer that cannot be submitted before some complete
 * (no free EU yet, or the open-zone limit) stays queued and the flush
 * returns 0: the completion sends LSW_EV_FLUSH.
 */
int lsw_flush(struct lsw_engine *e, bool partial);
/*
 * Completion of an asynchronous segment write (struct lsw_seg_io): 0 and
 * the first block it went to, or the error.  On success the buffer's
 * entries become PHYS (ordered writes: once every earlier segment of the
 * EU is done) and the buffer is freed; on error the buffer goes back to the
 * flush queue with its entries LOG (LSW_EV_FLUSH), and the EU is retired.
 * Process context (it may call ops->finish): a driver completes its bios
 * through a work item.
 */
void lsw_seg_complete(struct lsw_engine *e, struct lsw_seg_io *io, int err,
		      u64 block);
/* Segment writes submitted and not completed (asynchronous backends). */
static inline u32 lsw_inflight(const struct lsw_engine *e)
{
	return READ_ONCE(e->nr_inflight);
}
/* True if there is a full buffer waiting for lsw_flush(). */
bool lsw_flush_pending(struct lsw_engine *e);

/*
 * Garbage collection until @target_free EUs are free or nothing can be
 * reclaimed.  Returns the number of EUs reclaimed or -errno.  May sleep.
 */
int lsw_gc(struct lsw_engine *e, u32 target_free);
bool lsw_gc_wanted(struct lsw_engine *e);
/*
 * Background GC target: gc_high once free EUs fell below gc_low; above
 * gc_low a run asked for by wear leveling reclaims nothing and only levels.
 */
static inline u32 lsw_gc_target(const struct lsw_engine *e)
{
	u32 nr_free = READ_ONCE(e->nr_free);

	return nr_free < READ_ONCE(e->cfg.gc_low) ?
	       READ_ONCE(e->cfg.gc_high) : nr_free;
}

/* Runtime tunables (not geometry): -EINVAL and no change on bad values. */
int lsw_set_gc_params(struct lsw_engine *e, enum lsw_gc_policy policy,
		      u32 gc_low, u32 gc_high, u32 wl_threshold);

/*
 * Placement policy and its number of HOT groups (0: the most allowed,
 * lsw_placement_max_groups; HOTCOLD always has one), and the COLD age
 * groups of GC copies (@nr_cold, 1 to LSW_COLD_GROUPS; 0: one).  On a
 * zoned device HOT and COLD groups together stay within max_open.  Buffers being
 * filled are queued for flush and the open EUs of dropped groups closed.
 * May sleep.  -EINVAL, -EOPNOTSUPP (LIFETIME with an external map),
 * -ENOMEM (LIFETIME's per-slot stamps, allocated by its first use).
 */
int lsw_set_placement(struct lsw_engine *e, enum lsw_placement p,
		      u32 nr_groups, u32 nr_cold);
/*
 * HOT groups allowed with @nr_cold COLD groups: LSW_MAX_GROUPS,
 * nr_buffers / 2 (a buffer each and as many to flush), max_open - nr_cold
 * on a zoned device, and no more open EUs beyond one HOT and one COLD in
 * all than lsw_placement_extra_eus (each open EU may hold an EU of
 * unwritten space: the spare room the logical size leaves, less one EU).
 * At least 1.
 */
u32 lsw_placement_extra_eus(const struct lsw_geometry *geo,
			    const struct lsw_config *cfg);
u32 lsw_placement_max_groups(const struct lsw_geometry *geo,
			     const struct lsw_config *cfg, u32 nr_cold);
const char *lsw_placement_name(enum lsw_placement p);
int lsw_placement_parse(const char *s, enum lsw_placement *p);

void lsw_get_stats(struct lsw_engine *e, struct lsw_stats *st);
/* Snapshot of one EU for debugfs. */
void lsw_get_eu(struct lsw_engine *e, u32 eu, struct lsw_eu *out);
const char *lsw_eu_state_name(enum lsw_eu_state s);
const char *lsw_gc_policy_name(enum lsw_gc_policy p);
int lsw_gc_policy_parse(const char *s, enum lsw_gc_policy *p);

/*
 * Full consistency check (map vs bitmap vs live counts vs EU states vs
 * free count).  0 or -EUCLEAN with a pr_err naming the first mismatch.
 * O(slots + blocks); for tests and debugfs.
 */
int lsw_engine_check(struct lsw_engine *e);

/* Summary helpers, exposed for tests and tools. */
void lsw_summary_build(void *block, u64 seq, enum lsw_stream stream, u32 eu,
		       const u32 *owners, u32 count);
int lsw_summary_parse(const void *block, u32 *count, u64 *seq);

static inline bool lsw_page_is_zero(const void *page)
{
	/* Most pages are not zero in their first word: skip the call. */
	if (*(const unsigned long *)page)
		return false;
	return !memchr_inv(page, 0, LSW_BLOCK_SIZE);
}

static inline u64 lsw_eu_first_block(const struct lsw_engine *e, u32 eu)
{
	return (u64)eu * e->geo.eu_stride;
}

static inline u32 lsw_block_eu(const struct lsw_engine *e, u64 block)
{
	return (u32)div_u64(block, e->geo.eu_stride);
}

#endif /* _LSW_CORE_H */
