// SPDX-License-Identifier: GPL-2.0
/*
 * Garbage collection and static wear leveling.
 *
 * A victim is a sealed EU.  GC walks its segments backwards from the write
 * position through the summaries (the on-flash reverse map), reads each
 * segment's live range in one sequential read, and appends every block whose
 * owner's entry is still PHYS(block) to the COLD buffer, whose flush swaps
 * PHYS(old) for PHYS(new) by compare-and-swap.  A page freed or rewritten
 * meanwhile fails that swap and is never resurrected.  The victim stays in
 * LSW_EU_GC, owned by GC and never freed behind its back, until its last copy
 * is on flash; then it is released and erased before its next use.
 */
#include "lsw_internal.h"

/*
 * Static wear leveling: when the erase-count spread exceeds wl_threshold,
 * the least-worn sealed EU holds cold data that pins it; relocate it so the
 * allocator (least-worn first) can reuse it.  -ENOENT if not needed.  The
 * least sealed erase count is kept as erase_floor: an erase that goes
 * wl_threshold past it asks for background GC (lsw_eu_prepare).  Both
 * figures come from heaps (alloc.c), not from a walk of the EUs.
 */
static int lsw_pick_wl(struct lsw_engine *e)
{
	s32 coldest = lsw_coldest_sealed(e);
	u32 max = lsw_erase_max(e), min;

	lockdep_assert_held(&e->lock);
	min = coldest < 0 ? max : e->eus[coldest].erase_count;
	e->erase_floor = min;
	WRITE_ONCE(e->wl_wanted, false);
	if (coldest < 0 || max - min <= READ_ONCE(e->cfg.wl_threshold))
		return -ENOENT;
	return (int)coldest;
}

/*
 * Give the victims back, but only while the COLD buffer holds no copies: a
 * copy whose page was freed meanwhile may come from a victim with no live
 * block left, and if that victim were erased and its block rewritten for
 * the same slot, the copy's PHYS(old) -> PHYS(new) swap would succeed on
 * the new page (ABA).  Empty victims are released; a victim whose walk
 * failed (gc_abort) goes back to SEALED with its remaining blocks, and only
 * now, so that frees cannot release it while copies of it are pending; and
 * only with @requeue (the end of the run), so that the run does not pick it
 * again.  The victim being walked is never touched here, so the COLD stream
 * cannot take and erase it under GC's feet.
 */
static void lsw_gc_release_done(struct lsw_engine *e, bool requeue)
{
	struct lsw_eu *u;
	s32 i, next;

	lockdep_assert_held(&e->stream[LSW_COLD].flush_lock);
	for (i = 0; i < LSW_COLD_GROUPS; i++)
		if (lsw_cold_buf(e, i)->count)
			return;
	spin_lock(&e->lock);
	for (i = e->gc_head; i >= 0; i = next) {
		u = &e->eus[i];
		next = u->ph_next;	/* @i may leave the list */
		if (i == e->gc_current)
			continue;
		if (!u->live) {
			u->gc_abort = false;
			lsw_eu_release(e, i);
			e->st.gc_victims++;
		} else if (u->gc_abort && requeue) {
			u->gc_abort = false;
			lsw_eu_set_state(e, i, LSW_EU_SEALED);
		}
	}
	spin_unlock(&e->lock);
}

/*
 * Write the COLD buffers out (all of them: a victim is released only once
 * none holds a copy) and release the victims they complete.
 */
static int lsw_gc_flush_cold(struct lsw_engine *e)
{
	int ret = 0;
	u32 g;

	lockdep_assert_held(&e->stream[LSW_COLD].flush_lock);
	for (g = 0; g < LSW_COLD_GROUPS && !ret; g++)
		if (lsw_cold_buf(e, g)->count)
			ret = lsw_write_seg(e, LSW_COLD, lsw_cold_buf(e, g));
	if (!ret)
		lsw_gc_release_done(e, false);
	return ret;
}

/* Append one live page to COLD group @cg's buffer, flushing when full. */
static int lsw_gc_copy(struct lsw_engine *e, const void *page, u32 owner,
		       u64 block, u32 cg)
{
	struct lsw_buf *cold = lsw_cold_buf(e, cg);
	int ret;

	lockdep_assert_held(&e->stream[LSW_COLD].flush_lock);
	if (cold->count == e->data_per_seg) {
		ret = lsw_gc_flush_cold(e);
		if (ret)
			return ret;
	}
	if (cold->state == LSW_BUF_FREE)
		cold->state = LSW_BUF_FILLING;
	memcpy(cold->data + (size_t)cold->count * LSW_BLOCK_SIZE, page,
	       LSW_BLOCK_SIZE);
	cold->owner[cold->count] = owner;
	cold->expect[cold->count] = lsw_mk(LSW_TAG_PHYS, (u32)block);
	cold->count++;
	return 0;
}

/*
 * Relocate one segment whose summary sits at @sum (EU-relative).  A failed
 * read sets *@read_err: nothing of the segment was copied.
 */
static int lsw_gc_segment(struct lsw_engine *e, u32 eu, u32 sum, u32 *start,
			  bool *read_err, u32 cg)
{
	u64 first = lsw_eu_first_block(e, eu);
	u8 *data = e->gc_buf + LSW_BLOCK_SIZE;
	const struct lsw_summary *s = (const void *)e->gc_buf;
	u32 count, i, lo = ~0U, hi = 0;
	u64 blk;
	int ret;

	ret = e->ops->read(e->priv, first + sum, e->gc_buf, 1);
	if (ret)
		goto read_error;
	ret = lsw_summary_parse(e->gc_buf, &count, NULL);
	if (ret || count > sum || count > e->data_per_seg) {
		pr_err("EU %u: bad summary at block %u (%d)\n", eu, sum, ret);
		return -EUCLEAN;
	}
	*start = sum - count;

	/* One sequential read of the live range of the segment. */
	for (i = 0; i < count; i++) {
		if (test_bit(first + *start + i, e->valid)) {
			lo = min(lo, i);
			hi = i + 1;
		}
	}
	if (lo == ~0U)
		return 0;
	ret = e->ops->read(e->priv, first + *start + lo,
			   data + (size_t)lo * LSW_BLOCK_SIZE, hi - lo);
	if (ret)
		goto read_error;

	for (i = lo; i < hi; i++) {
		u32 owner = le32_to_cpu(s->owner[i]);
		bool live;

		blk = first + *start + i;
		spin_lock(&e->lock);
		live = test_bit(blk, e->valid);
		if (live && (owner >= e->cfg.nr_slots ||
			     lsw_map_get(e, owner) !=
			     lsw_mk(LSW_TAG_PHYS, (u32)blk))) {
			spin_unlock(&e->lock);
			pr_err("EU %u: block %llu valid but owner %u disagrees\n",
			       eu, (unsigned long long)blk, owner);
			WARN_ON_ONCE(1);
			return -EUCLEAN;
		}
		if (live)
			e->st.gc_moved++;
		spin_unlock(&e->lock);
		if (!live)
			continue;	/* freed or rewritten meanwhile */
		ret = lsw_gc_copy(e, data + (size_t)i * LSW_BLOCK_SIZE, owner,
				  blk, cg);
		if (ret)
			return ret;
	}
	return 0;

read_error:
	atomic64_inc(&e->read_errors);
	*read_err = true;
	return ret;
}

/*
 * Move every live block of @eu into the COLD buffer.  The victim stays in
 * LSW_EU_GC until the COLD segment holding its last copy is on flash, so
 * copies go out in whole segments rather than a short one per victim.
 * *@read_err tells that a read of the victim failed (and the walk with it).
 */
static int lsw_gc_victim(struct lsw_engine *e, u32 eu, bool *read_err)
{
	struct lsw_stream_state *cold = &e->stream[LSW_COLD];
	u32 pos, start = 0, cg;
	int ret = 0;

	mutex_lock(&cold->flush_lock);
	e->gc_current = eu;
	pos = e->eus[eu].wp;	/* stable: the victim is ours */
	/* The age chain: HOT -> COLD 0 -> COLD 1 ... -> the last. */
	spin_lock(&e->lock);
	cg = e->eus[eu].stream == LSW_HOT ? 0 :
	     min(e->eus[eu].group + 1, e->nr_cold - 1);
	spin_unlock(&e->lock);
	while (pos && READ_ONCE(e->eus[eu].live)) {
		ret = lsw_gc_segment(e, eu, pos - 1, &start, read_err, cg);
		if (ret)
			break;
		pos = start;
	}
	if (ret) {
		/*
		 * Its blocks stay readable where they are.  It stays GC's
		 * until the COLD buffer holding some of its copies is on
		 * flash and the run is over: see lsw_gc_release_done.
		 */
		spin_lock(&e->lock);
		e->eus[eu].gc_abort = true;
		e->st.gc_aborts++;
		spin_unlock(&e->lock);
	}
	e->gc_current = -1;
	lsw_gc_release_done(e, false);
	mutex_unlock(&cold->flush_lock);
	return ret;
}

/*
 * Flush the last partial COLD segment: every pending victim is freed, every
 * victim given up on is SEALED again.
 */
static int lsw_gc_finish(struct lsw_engine *e)
{
	struct lsw_stream_state *cold = &e->stream[LSW_COLD];
	int ret = 0;

	mutex_lock(&cold->flush_lock);
	ret = lsw_gc_flush_cold(e);
	if (!ret)
		lsw_gc_release_done(e, true);
	mutex_unlock(&cold->flush_lock);
	spin_lock(&e->lock);
	if (!ret && WARN_ON_ONCE(e->nr_gc))
		ret = -EUCLEAN;
	spin_unlock(&e->lock);
	return ret;
}

/*
 * A read error gives the victim up for the rest of the run (its blocks stay
 * where they are, readable as before) and the run goes on with another, so
 * that foreground GC keeps the write path going past a bad read.  The run
 * returns the first read error only if it completed no victim at all.
 */
int __lsw_gc(struct lsw_engine *e, u32 target_free, bool allow_wl)
{
	int victim, ret = 0, fin, read_ret = 0;
	u32 budget = 2 * e->geo.nr_eus, free0, done = 0;
	bool wl, read_err;

	might_sleep();
	mutex_lock(&e->gc_lock);
	spin_lock(&e->lock);
	e->st.gc_runs++;
	free0 = e->nr_free;
	spin_unlock(&e->lock);
	/* Bounded: a run that cannot reach its target stops, never spins. */
	while (budget--) {
		spin_lock(&e->lock);
		wl = false;
		if (e->nr_free >= target_free) {
			/* Target met: at most one wear-leveling move. */
			victim = allow_wl ? lsw_pick_wl(e) : -ENOENT;
			wl = victim >= 0;
		} else {
			victim = lsw_victim_pick(e);
		}
		if (victim >= 0) {
			lsw_tp(e, &(struct lsw_tp_event){
			       .kind = LSW_TP_GC_VICTIM, .eu = victim,
			       .blocks = e->eus[victim].live,
			       .policy = e->cfg.gc_policy, .wl = wl });
			lsw_eu_set_state(e, victim, LSW_EU_GC);
			if (wl)
				e->st.wl_moves++;
		}
		spin_unlock(&e->lock);
		if (victim < 0)
			break;
		read_err = false;
		ret = lsw_gc_victim(e, victim, &read_err);
		if (ret && read_err) {
			read_ret = read_ret ?: ret;
			ret = 0;
		} else if (!ret) {
			done++;
		}
		if (ret || wl)
			break;
	}
	fin = lsw_gc_finish(e);
	if (!ret)
		ret = fin;
	if (!ret && !done)
		ret = read_ret;
	spin_lock(&e->lock);
	/* Asked again by the next erase past the floor, if still needed. */
	if (allow_wl)
		WRITE_ONCE(e->wl_wanted, false);
	if (!ret)
		ret = e->nr_free > free0 ? e->nr_free - free0 : 0;
	spin_unlock(&e->lock);
	mutex_unlock(&e->gc_lock);
	return ret;
}

int lsw_gc(struct lsw_engine *e, u32 target_free)
{
	return __lsw_gc(e, target_free, true);
}

bool lsw_gc_wanted(struct lsw_engine *e)
{
	return READ_ONCE(e->nr_free) < READ_ONCE(e->cfg.gc_low) ||
	       READ_ONCE(e->wl_wanted);
}
