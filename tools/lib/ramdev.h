/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A RAM flash device for the core engine in userspace, in two flavours that
 * enforce flash rules and fail loudly on any violation:
 *  - zoned: writes only at a zone's write pointer, never past its capacity
 *    (which may be below the zone size), at most max_open zones open (a
 *    zone written but neither full nor finished is open), reset to rewrite;
 *  - conventional: a block is written at most once between erases of its
 *    erase unit, a write never crosses an erase unit.
 * Reads of blocks not written since the last erase are violations too: the
 * engine must never look at them.  At start every block holds stale data,
 * so an erase unit must be erased before it is written.
 */
#ifndef _LSW_RAMDEV_H
#define _LSW_RAMDEV_H

#include "lsw_env.h"
#include "core/lsw_core.h"

struct lsw_ramdev {
	struct lsw_geometry geo;
	u8 *mem;		/* NULL: data-less (simulator), summaries kept */
	u8 **summaries;		/* data-less: last block of each write */
	u32 *wp;		/* zoned: write pointer per zone */
	bool *finished;		/* zoned: finished, or full since the start */
	/*
	 * zoned: the device's real capacity of each zone, at least
	 * geo.eu_blocks (the engine's EU, the smallest); NULL: every zone
	 * has eu_blocks.  A zone written to eu_blocks but below its real
	 * capacity stays open until finished.  Owned by the caller.
	 */
	const u32 *zone_cap;
	unsigned long *written;	/* written since the EU's last erase */
	u32 nr_open;
	/* what the device saw */
	u64 writes, blocks_written, reads, blocks_read, erases, finishes;
	u64 violations;
	char violation[256];
	/* fault injection: fail the Nth next op (1 = the next), 0 = off */
	u64 fail_write_in, fail_read_in, fail_erase_in;
	/* one op at a time: the engine's flush, GC and readers run in threads */
	pthread_mutex_t lock;
	/*
	 * Asynchronous segment writes (ops->submit = lsw_ramdev_submit):
	 * queued until the test completes them, in any order.  Conventional:
	 * written at completion, at the block the engine reserved.  Zoned
	 * with geo.zone_append: appended at completion where the zone's
	 * write pointer then is (the device picks the offset).  Zoned
	 * without: written at submission, in order (ordered writes), only
	 * the completion waits; after a failed write the zone refuses
	 * further writes with -EIO, as a real zone's write pointer would.
	 */
	struct lsw_engine *eng;
	struct lsw_seg_io **pending;
	int *pending_ret;
	u32 nr_pending;
	bool *broken;
	u64 submitted, max_pending;
};

int lsw_ramdev_init(struct lsw_ramdev *d, const struct lsw_geometry *geo,
		    bool keep_data);
void lsw_ramdev_destroy(struct lsw_ramdev *d);
extern const struct lsw_backend_ops lsw_ramdev_ops;
/*
 * A host read racing with GC: the block may have been erased (and even
 * rewritten) since the engine resolved it.  Unwritten blocks read as the
 * erased pattern instead of a violation; lsw_read_valid must reject them.
 */
/* Asynchronous mode for @e's segment writes (see struct lsw_ramdev). */
int lsw_ramdev_set_async(struct lsw_ramdev *d, struct lsw_engine *e);
int lsw_ramdev_submit(void *priv, struct lsw_seg_io *io);
u32 lsw_ramdev_pending(struct lsw_ramdev *d);
/* Complete the @k-th queued write (k < lsw_ramdev_pending). */
void lsw_ramdev_complete(struct lsw_ramdev *d, u32 k);
/* Complete every queued write, in an order drawn from @rng. */
void lsw_ramdev_complete_all(struct lsw_ramdev *d, u64 *rng);
int lsw_ramdev_host_read(struct lsw_ramdev *d, u64 block, void *buf);

#endif /* _LSW_RAMDEV_H */
