// SPDX-License-Identifier: GPL-2.0
/*
 * Segment flush: a buffer's data blocks plus its summary go to the write
 * position of its stream's open EU in one sequential write.  On success each
 * entry that still holds what the buffer expects (LOG for fresh pages,
 * PHYS(old) for GC copies) is switched to PHYS(new) by compare-and-swap; an
 * entry rewritten or freed meanwhile leaves its new block born invalid.
 */
#include "lsw_internal.h"

#define LSW_WRITE_TRIES	3
#define LSW_SEG_DONE_BATCH	32

/* HOT groups with an open EU. */
static u32 lsw_hot_open(struct lsw_engine *e)
{
	u32 g, n = 0;

	lockdep_assert_held(&e->lock);
	for (g = 0; g < LSW_MAX_GROUPS; g++)
		n += *lsw_open_slot(e, LSW_HOT, g) >= 0;
	return n;
}

/*
 * Pages freed (or rewritten) while still in a HOT buffer are never
 * written: before the flush, the live pages move down over the dead ones
 * (in increasing order, so that no source is overwritten before it
 * moves) and the buffer shrinks.  A moved page's entry changes from
 * LOG(i) to LOG(n) under e->lock, with its new block's ready bit cleared
 * first: a lockless LOG reader of the new entry waits for the copy, one
 * of the old entry fails its re-check (lsw_read_log).  The stores are
 * done (lsw_buf_wait_writers) and no new one comes: the buffer is FULL
 * or FLUSHING.  The sources are kept in the summary block, unused until
 * the summary is built.
 */
static void lsw_buf_compact(struct lsw_engine *e, struct lsw_buf *b)
{
	u32 *src = (u32 *)(b->data + (size_t)e->data_per_seg * LSW_BLOCK_SIZE);
	u32 i, n = 0, moved = 0;

	spin_lock(&e->lock);
	for (i = 0; i < b->count; i++) {
		u32 slot = b->owner[i], entry;

		if (lsw_map_get(e, slot) != b->expect[i])
			continue;	/* freed or rewritten: drop it */
		if (n != i) {
			entry = lsw_log_entry(e, b, n);
			clear_bit(n, b->ready);
			/* The bit before the entry: pairs with read_log. */
			smp_mb__after_atomic();
			if (WARN_ON_ONCE(!lsw_map_cmpxchg(e, slot,
							  b->expect[i],
							  entry)))
				continue;
			b->owner[n] = slot;
			b->expect[n] = entry;
			src[moved++] = i;
		}
		n++;
	}
	e->st.ram_dropped += b->count - n;
	b->count = n;
	spin_unlock(&e->lock);
	if (!moved)
		return;
	/* The entries before the copies: readers of old ones re-check. */
	smp_wmb();
	preempt_disable();	/* LOG readers of moved pages spin */
	for (i = 0; i < moved; i++) {
		u32 to = n - moved + i;

		memcpy(b->data + (size_t)to * LSW_BLOCK_SIZE,
		       b->data + (size_t)src[i] * LSW_BLOCK_SIZE,
		       LSW_BLOCK_SIZE);
		/* The page before its ready bit: pairs with read_log. */
		smp_wmb();
		set_bit(to, b->ready);
	}
	preempt_enable();
}

/*
 * Close @stream's open EU.  A zoned EU left partly written is finished so
 * that it gives its open-zone resource back; so is a full one whose zone
 * holds more than the EU (geo.finish_full).  With @retire (after a write
 * error) the EU is sealed as it stands (its earlier segments stay
 * readable) and retired instead of freed once GC or frees have emptied it;
 * it is finished even if it looks empty, since the failed write may have
 * opened the zone on the device.
 */
/*
 * Seal a closed EU at the end of what is published (asynchronous writes
 * may have reserved more).  Returns true if the zone must be finished.
 */
static bool lsw_eu_close(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];
	bool finish;

	lockdep_assert_held(&e->lock);
	finish = e->geo.zoned && (u->wp || u->retire) &&
		 (u->wp_pub < e->geo.eu_blocks || e->geo.finish_full);
	u->wp = u->wp_pub;
	lsw_eu_seal(e, eu);
	return finish;
}

static void lsw_stream_close(struct lsw_engine *e, enum lsw_stream stream,
			     u32 group, bool retire)
{
	s32 *slot = lsw_open_slot(e, stream, group);
	bool finish = false;
	s32 eu;

	spin_lock(&e->lock);
	eu = *slot;
	if (eu < 0) {
		spin_unlock(&e->lock);
		return;
	}
	*slot = -1;
	if (retire)
		e->eus[eu].retire = true;
	if (e->eus[eu].inflight) {
		/* Sealed by its last completion: lsw_seg_complete(). */
		e->eus[eu].closing = true;
		e->nr_closing++;
	} else {
		finish = lsw_eu_close(e, eu);
	}
	spin_unlock(&e->lock);
	/* ZONE_FINISH frees an open-zone resource; failure is harmless. */
	if (finish && e->ops->finish)
		e->ops->finish(e->priv, eu);
}

/*
 * Make sure @stream has an open EU with @need blocks of room.  The HOT
 * stream runs foreground GC when only the reserve is left.
 */
static int lsw_stream_room(struct lsw_engine *e, enum lsw_stream stream,
			   u32 group, u32 need)
{
	struct lsw_stream_state *ss = &e->stream[stream];
	s32 *slot = lsw_open_slot(e, stream, group);
	int eu, ret, gc_tries = 0;

	lockdep_assert_held(&ss->flush_lock);
	for (;;) {
		spin_lock(&e->lock);
		if (*slot >= 0 && e->eus[*slot].wp + need <= e->geo.eu_blocks) {
			spin_unlock(&e->lock);
			return 0;
		}
		spin_unlock(&e->lock);
		lsw_stream_close(e, stream, group, false);

		spin_lock(&e->lock);
		/*
		 * Asynchronous writes to a zoned device: HOT's open and
		 * closing zones stay within its nr_groups, so that open zones
		 * stay within max_open (nr_groups <= max_open - 1, COLD has
		 * one); the last completion sends LSW_EV_FLUSH.
		 */
		if (stream == LSW_HOT && e->nr_closing && e->geo.zoned &&
		    e->geo.max_open &&
		    lsw_hot_open(e) + e->nr_closing >= e->nr_groups) {
			spin_unlock(&e->lock);
			return -EAGAIN;
		}
		eu = lsw_eu_alloc(e, stream);
		if (eu >= 0) {
			*slot = eu;
			e->eus[eu].group = group;
		} else if (stream == LSW_HOT) {
			e->st.fg_stalls++;
		}
		spin_unlock(&e->lock);

		if (eu == -ENOSPC && stream == LSW_HOT) {
			/*
			 * Foreground GC: order HOT flush_lock -> gc_lock.  At
			 * most three runs that reclaim nothing, a run that gave
			 * up on every victim after a read error (-EIO) counting
			 * as one: the next run tries those victims again.
			 */
			ret = __lsw_gc(e, e->cfg.gc_reserve + 1, false);
			if (ret < 0 && ret != -EIO)
				return ret;
			if (ret <= 0 && ++gc_tries > 2)
				/* In-flight writes will free space: wait. */
				return ret ?: lsw_inflight(e) ? -EAGAIN : -ENOSPC;
			continue;
		}
		if (eu < 0)
			return eu;
		ret = lsw_eu_prepare(e, eu);
		if (ret) {
			/* Erase failed: retire the EU and take another. */
			spin_lock(&e->lock);
			lsw_eu_set_state(e, eu, LSW_EU_BAD);
			*slot = -1;
			spin_unlock(&e->lock);
			continue;
		}
	}
}

/*
 * A buffer's pages are on flash (or it was empty): make it reusable.  The
 * waiting stores are woken only if one was refused since the last wakeup
 * (the return value: send LSW_EV_BUF_FREE once unlocked).
 */
static bool __lsw_buf_done(struct lsw_engine *e, struct lsw_buf *b)
{
	bool wake = false;

	lockdep_assert_held(&e->lock);
	b->count = 0;
	b->state = LSW_BUF_FREE;
	/* Lockless LOG readers of the old contents retry: lsw_read_log(). */
	WRITE_ONCE(b->gen, b->gen + 1);
	if (b->stream == LSW_HOT) {
		WRITE_ONCE(e->nr_buf_free, e->nr_buf_free + 1);
		wake = e->buf_waiters;
		e->buf_waiters = false;
	}
	return wake;
}

static void lsw_buf_done(struct lsw_engine *e, struct lsw_buf *b)
{
	bool wake;

	spin_lock(&e->lock);
	wake = __lsw_buf_done(e, b);
	spin_unlock(&e->lock);
	if (wake)
		lsw_notify(e, LSW_EV_BUF_FREE);
}

/*
 * Wait for the stores still copying into @b (they reserved their block
 * before @b left FILLING, and run with preemption off): their pages and
 * owners are complete after this (acquire, pairs with lsw_store()).
 */
static void lsw_buf_wait_writers(struct lsw_buf *b)
{
	u32 spins = 0;

	while (atomic_read_acquire(&b->writers))
		lsw_wait_relax(&spins);
}

/* Flush completion: turn the buffer's entries into PHYS. */
static void lsw_seg_done(struct lsw_engine *e, struct lsw_buf *b, u64 pos,
			 u32 eu, u64 seq)
{
	u32 i, n = b->count;

	spin_lock(&e->lock);
	e->eus[eu].wp += n + 1;
	e->eus[eu].seq = seq;
	e->st.flash_blocks += n + 1;
	e->st.segments++;
	for (i = 0; i < n; i++) {
		u32 slot = b->owner[i], old = b->expect[i];
		u32 new = lsw_mk(LSW_TAG_PHYS, (u32)(pos + i));

		/*
		 * Each entry's switch stands alone: let stores in every
		 * LSW_SEG_DONE_BATCH entries rather than hold the lock for
		 * the whole segment.
		 */
		if (i && !(i % LSW_SEG_DONE_BATCH)) {
			spin_unlock(&e->lock);
			spin_lock(&e->lock);
		}
		if (!lsw_map_cmpxchg(e, slot, old, new))
			continue;	/* rewritten or freed meanwhile */
		lsw_block_validate(e, pos + i);
		if (lsw_tag(old) != LSW_TAG_PHYS)
			continue;
		lsw_block_invalidate(e, lsw_payload(old));	/* GC move */
		lsw_tp(e, &(struct lsw_tp_event){ .kind = LSW_TP_RELOCATE,
		       .slot = slot, .block = lsw_payload(old),
		       .to = pos + i });
	}
	e->eus[eu].wp_pub = e->eus[eu].wp;
	spin_unlock(&e->lock);
	lsw_buf_done(e, b);
}

int lsw_write_seg(struct lsw_engine *e, enum lsw_stream stream,
		  struct lsw_buf *b)
{
	struct lsw_stream_state *ss = &e->stream[stream];
	s32 *slot = lsw_open_slot(e, stream, b->group);
	struct lsw_tp_event tp;
	u32 n, tries = 0, stored;
	u64 pos, seq;
	int ret;
	u32 eu;

	lockdep_assert_held(&ss->flush_lock);
	might_sleep();
	lsw_buf_wait_writers(b);
	stored = b->count;
	if (stream == LSW_HOT)
		lsw_buf_compact(e, b);
	n = b->count;
	if (!n) {
		lsw_buf_done(e, b);	/* nothing to write */
		return 0;
	}
	do {
		ret = lsw_stream_room(e, stream, b->group, n + 1);
		if (ret)
			return ret;
		spin_lock(&e->lock);
		eu = *slot;
		pos = lsw_eu_first_block(e, eu) + e->eus[eu].wp;
		seq = ++e->seq;
		if (stored < e->data_per_seg)
			e->st.partial_flushes++;
		spin_unlock(&e->lock);

		lsw_summary_build(b->data + (size_t)n * LSW_BLOCK_SIZE, seq,
				  stream, eu, b->owner, n);
		tp = (struct lsw_tp_event){ .kind = LSW_TP_SEG_SUBMIT,
			.stream = stream, .eu = eu, .block = pos, .seq = seq,
			.blocks = n + 1 };
		lsw_tp(e, &tp);
		ret = e->ops->write(e->priv, pos, b->data, n + 1);
		tp.kind = LSW_TP_SEG_DONE;
		tp.err = ret;
		lsw_tp(e, &tp);
		if (!ret) {
			bool finish = false;

			lsw_seg_done(e, b, pos, eu, seq);
			spin_lock(&e->lock);
			if (e->eus[eu].wp == e->geo.eu_blocks) {
				*slot = -1;
				/* Its zone may hold more than the EU. */
				finish = lsw_eu_close(e, eu);
			}
			spin_unlock(&e->lock);
			if (finish && e->ops->finish)
				e->ops->finish(e->priv, eu);
			return 0;
		}
		/* The data is still in the buffer: retry in another EU. */
		spin_lock(&e->lock);
		e->st.write_errors++;
		spin_unlock(&e->lock);
		lsw_stream_close(e, stream, b->group, true);
	} while (++tries < LSW_WRITE_TRIES);
	return ret;
}

/*
 * Asynchronous writes (ops->submit).  Publish a written segment: its
 * entries that still hold LOG become PHYS, the buffer is freed.
 */
static bool lsw_async_publish(struct lsw_engine *e, struct lsw_seg_io *io,
			      u64 pos)
{
	struct lsw_buf *b = io->buf;
	struct lsw_eu *u = &e->eus[io->eu];
	u32 i, n = io->nr_blocks - 1;

	lockdep_assert_held(&e->lock);
	u->seq = max(u->seq, io->seq);
	e->st.flash_blocks += n + 1;
	e->st.segments++;
	for (i = 0; i < n; i++) {
		u32 slot = b->owner[i], old = b->expect[i];

		if (lsw_map_cmpxchg(e, slot, old,
				    lsw_mk(LSW_TAG_PHYS, (u32)(pos + i))))
			lsw_block_validate(e, pos + i);
	}
	return __lsw_buf_done(e, b);
}

/* A segment not written (or given up): back in the flush queue. */
static void lsw_async_requeue(struct lsw_engine *e, struct lsw_seg_io *io)
{
	lockdep_assert_held(&e->lock);
	io->parked = false;
	io->buf->state = LSW_BUF_FULL;
	WRITE_ONCE(e->nr_full, e->nr_full + 1);
}

/* The parked segment of @eu that starts at @pos, or NULL.  O(buffers). */
static struct lsw_seg_io *lsw_async_parked(struct lsw_engine *e, u32 eu,
					   u64 pos)
{
	u32 i;

	for (i = 0; i < e->cfg.nr_buffers; i++) {
		struct lsw_seg_io *io = &e->bufs[i].io;

		if (e->bufs[i].state == LSW_BUF_FLUSHING && io->parked &&
		    io->eu == eu && (pos == U64_MAX || io->pos == pos))
			return io;
	}
	return NULL;
}

void lsw_seg_complete(struct lsw_engine *e, struct lsw_seg_io *io, int err,
		      u64 block)
{
	u32 eu = io->eu, len = io->nr_blocks;
	struct lsw_eu *u = &e->eus[eu];
	u64 first = lsw_eu_first_block(e, eu);
	bool wake = false, flush = false, finish = false;
	struct lsw_seg_io *next;

	spin_lock(&e->lock);
	if (WARN_ON_ONCE(!u->inflight || io->buf->state != LSW_BUF_FLUSHING)) {
		spin_unlock(&e->lock);
		return;
	}
	u->inflight--;
	e->nr_inflight--;
	if (!err && io->append &&
	    WARN_ON_ONCE(block < first || block - first + len > u->wp))
		err = -EIO;	/* the device put it outside its zone */
	if (err) {
		e->st.write_errors++;
		u->retire = true;
		s32 *slot = lsw_open_slot(e, LSW_HOT, u->group);

		if (*slot == (s32)eu) {
			/* No more writes here; sealed when the last is done. */
			*slot = -1;
			u->closing = true;
			e->nr_closing++;
		}
	}
	if (io->append) {
		/* Appends leave no hole: each lands where the device says. */
		if (err) {
			lsw_async_requeue(e, io);
			flush = true;
		} else {
			u->wp_pub += len;
			wake |= lsw_async_publish(e, io, block);
		}
	} else if (err || u->wfail) {
		/*
		 * Ordered writes: nothing after a failed one is published,
		 * the EU ends where the published prefix does.
		 */
		u->wfail = true;
		lsw_async_requeue(e, io);
		while ((next = lsw_async_parked(e, eu, U64_MAX)))
			lsw_async_requeue(e, next);
		flush = true;
	} else if (io->pos != first + u->wp_pub) {
		io->parked = true;	/* an earlier segment is in flight */
	} else {
		/* In order: this one, then the parked ones it unblocks. */
		for (next = io; next;
		     next = lsw_async_parked(e, eu, first + u->wp_pub)) {
			next->parked = false;
			u->wp_pub += next->nr_blocks;
			wake |= lsw_async_publish(e, next, next->pos);
		}
	}
	if (u->closing && !u->inflight) {
		u->closing = false;
		e->nr_closing--;
		finish = lsw_eu_close(e, eu);
		flush = true;	/* a flush may wait to open a zone */
	}
	spin_unlock(&e->lock);
	if (finish && e->ops->finish)
		e->ops->finish(e->priv, eu);
	if (wake)
		lsw_notify(e, LSW_EV_BUF_FREE);
	if (flush)
		lsw_notify(e, LSW_EV_FLUSH);
}

/* Submit @b to the HOT stream's open EU; -EAGAIN: not now, keep it. */
static int lsw_submit_seg(struct lsw_engine *e, struct lsw_buf *b)
{
	struct lsw_stream_state *ss = &e->stream[LSW_HOT];
	s32 *slot = lsw_open_slot(e, LSW_HOT, b->group);
	struct lsw_seg_io *io = &b->io;
	struct lsw_eu *u;
	u32 n, eu;
	u32 stored = b->count;
	int ret;

	lockdep_assert_held(&ss->flush_lock);
	lsw_buf_compact(e, b);
	n = b->count;
	if (!n) {
		lsw_buf_done(e, b);	/* nothing to write */
		return 0;
	}
	ret = lsw_stream_room(e, LSW_HOT, b->group, n + 1);
	if (ret)
		return ret;
	spin_lock(&e->lock);
	eu = *slot;
	u = &e->eus[eu];
	io->buf = b;
	io->eu = eu;
	io->data = b->data;
	io->nr_blocks = n + 1;
	io->append = e->geo.zoned && e->geo.zone_append;
	io->pos = lsw_eu_first_block(e, eu) + u->wp;
	io->block = io->append ? lsw_eu_first_block(e, eu) : io->pos;
	io->seq = ++e->seq;
	io->parked = false;
	u->wp += n + 1;
	u->inflight++;
	e->nr_inflight++;
	if (stored < e->data_per_seg)
		e->st.partial_flushes++;
	/* A full EU: the next segment opens another. */
	spin_unlock(&e->lock);

	lsw_summary_build(b->data + (size_t)n * LSW_BLOCK_SIZE, io->seq,
			  LSW_HOT, eu, b->owner, n);
	ret = e->ops->submit(e->priv, io);
	if (ret)
		lsw_seg_complete(e, io, ret, 0);
	return 0;
}

/* The oldest FULL HOT buffer, marked FLUSHING; NULL if none. */
static struct lsw_buf *lsw_next_full(struct lsw_engine *e, bool partial)
{
	struct lsw_stream_state *hot = &e->stream[LSW_HOT];
	struct lsw_buf *best = NULL;
	u32 i;

	spin_lock(&e->lock);
	for (i = 0; i < e->cfg.nr_buffers; i++) {
		struct lsw_buf *b = &e->bufs[i];

		if (b->state == LSW_BUF_FULL &&
		    (!best || b->fill_seq < best->fill_seq))
			best = b;
	}
	if (best) {
		WRITE_ONCE(e->nr_full, e->nr_full - 1);
	} else if (partial) {
		/* The lanes' buffers, oldest first, one a call. */
		for (i = 0; i < e->nr_lanes; i++) {
			struct lsw_buf *b = hot->lane[i];

			if (b && b->count &&
			    (!best || b->fill_seq < best->fill_seq))
				best = b;
		}
		if (best)
			WRITE_ONCE(hot->lane[best->lane], NULL);
	}
	if (best)
		best->state = LSW_BUF_FLUSHING;
	spin_unlock(&e->lock);
	return best;
}

bool lsw_flush_pending(struct lsw_engine *e)
{
	return READ_ONCE(e->nr_full) != 0;
}

int lsw_flush(struct lsw_engine *e, bool partial)
{
	struct lsw_stream_state *hot = &e->stream[LSW_HOT];
	struct lsw_buf *b;
	int ret = 0;

	might_sleep();
	mutex_lock(&hot->flush_lock);
	while ((b = lsw_next_full(e, partial))) {
		if (e->ops->submit) {
			lsw_buf_wait_writers(b);
			ret = lsw_submit_seg(e, b);
		} else {
			ret = lsw_write_seg(e, LSW_HOT, b);
		}
		if (ret) {
			/* Keep the pages: back in the queue, entries stay LOG. */
			spin_lock(&e->lock);
			b->state = LSW_BUF_FULL;
			WRITE_ONCE(e->nr_full, e->nr_full + 1);
			spin_unlock(&e->lock);
			if (ret == -EAGAIN)
				ret = 0;	/* a completion asks again */
			break;
		}
	}
	mutex_unlock(&hot->flush_lock);
	return ret;
}

int lsw_set_placement(struct lsw_engine *e, enum lsw_placement p,
		      u32 nr_groups, u32 nr_cold)
{
	struct lsw_stream_state *hot = &e->stream[LSW_HOT];
	struct lsw_stream_state *cold = &e->stream[LSW_COLD];
	u32 max, g, i, extra = lsw_placement_extra_eus(&e->geo, &e->cfg);
	bool queued = false;

	might_sleep();
	nr_cold = nr_cold ?: 1;
	if (nr_cold > LSW_COLD_GROUPS || nr_cold - 1 > extra ||
	    (e->geo.zoned && e->geo.max_open && nr_cold >= e->geo.max_open))
		return -EINVAL;
	max = lsw_placement_max_groups(&e->geo, &e->cfg, nr_cold);
	if (p >= LSW_PLACE_NR || nr_groups > max)
		return -EINVAL;
	if (p == LSW_PLACE_LIFETIME && !e->map)
		return -EOPNOTSUPP;
	/* LIFETIME's per-slot stamps, kept from the first use on. */
	if (p == LSW_PLACE_LIFETIME && !READ_ONCE(e->stamp)) {
		u32 *st = kvcalloc(e->cfg.nr_slots, sizeof(u32), GFP_KERNEL);

		if (!st)
			return -ENOMEM;
		spin_lock(&e->lock);
		if (!e->stamp)
			swap(e->stamp, st);
		spin_unlock(&e->lock);
		kvfree(st);
	}
	if (p == LSW_PLACE_HOTCOLD)
		nr_groups = 1;
	else if (!nr_groups)
		nr_groups = max;
	mutex_lock(&hot->flush_lock);
	if (nr_cold != e->nr_cold) {
		/* Between GC runs: every COLD buffer is empty then. */
		mutex_lock(&e->gc_lock);
		mutex_lock(&cold->flush_lock);
		spin_lock(&e->lock);
		e->nr_cold = nr_cold;
		/*
		 * A COLD buffer past the new chain (copies left by a run that
		 * failed) is written to the chain's last group.
		 */
		for (g = 0; g < LSW_COLD_GROUPS; g++)
			lsw_cold_buf(e, g)->group = min(g, nr_cold - 1);
		spin_unlock(&e->lock);
		for (g = nr_cold; g < LSW_COLD_GROUPS; g++)
			lsw_stream_close(e, LSW_COLD, g, false);
		mutex_unlock(&cold->flush_lock);
		mutex_unlock(&e->gc_lock);
	}
	spin_lock(&e->lock);
	if (p == e->placement && nr_groups == e->nr_groups) {
		spin_unlock(&e->lock);
		mutex_unlock(&hot->flush_lock);
		return 0;
	}
	/* The buffers being filled go out as they are, in their groups. */
	for (i = 0; i < LSW_MAX_LANES; i++) {
		struct lsw_buf *b = hot->lane[i];

		if (!b)
			continue;
		WRITE_ONCE(hot->lane[i], NULL);
		b->state = LSW_BUF_FULL;
		WRITE_ONCE(e->nr_full, e->nr_full + 1);
		queued = true;
	}
	for (i = 0; i < e->cfg.nr_buffers; i++)
		if (e->bufs[i].group >= nr_groups)
			e->bufs[i].group = 0;
	e->placement = p;
	e->nr_groups = nr_groups;
	e->nr_lanes = p == LSW_PLACE_HOTCOLD ?
		      max_t(u32, e->cfg.nr_lanes, 1) : nr_groups;
	memset(e->hint_cnt, 0, sizeof(e->hint_cnt));
	spin_unlock(&e->lock);
	/* Groups dropped: their open EUs are closed (finished if zoned). */
	for (g = nr_groups; g < LSW_MAX_GROUPS; g++)
		lsw_stream_close(e, LSW_HOT, g, false);
	mutex_unlock(&hot->flush_lock);
	if (queued)
		lsw_notify(e, LSW_EV_FLUSH);
	return 0;
}
