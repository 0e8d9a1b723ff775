// SPDX-License-Identifier: GPL-2.0
/*
 * The map and the host-facing paths: store, discard, read resolution.
 *
 * Map entries change by xchg/cmpxchg with e->lock held whenever the change
 * touches accounting (bitmap, live counts, buffers).  Readers take no lock
 * for NONE/ZERO/PHYS: a PHYS read is validated afterwards against the entry
 * and the EU's erase generation (lsw_read_valid), so a read that raced with
 * GC relocation or an erase is retried, never returned stale.
 */
#include "lsw_internal.h"

static void lsw_free_bufs(struct lsw_engine *e)
{
	u32 i;

	if (!e->bufs)
		return;
	for (i = 0; i < e->cfg.nr_buffers + LSW_COLD_GROUPS; i++) {
		kvfree(e->bufs[i].data);
		kvfree(e->bufs[i].owner);
		kvfree(e->bufs[i].expect);
		bitmap_free(e->bufs[i].ready);
	}
	kvfree(e->bufs);
	e->bufs = NULL;
}

static int lsw_alloc_bufs(struct lsw_engine *e)
{
	u32 seg = e->cfg.seg_blocks, i;

	/* nr_buffers HOT buffers and one COLD buffer for GC. */
	e->bufs = kvcalloc(e->cfg.nr_buffers + LSW_COLD_GROUPS,
			   sizeof(*e->bufs), GFP_KERNEL);
	if (!e->bufs)
		return -ENOMEM;
	for (i = 0; i < e->cfg.nr_buffers + LSW_COLD_GROUPS; i++) {
		struct lsw_buf *b = &e->bufs[i];

		b->id = i;
		b->stream = i < e->cfg.nr_buffers ? LSW_HOT : LSW_COLD;
		b->group = i < e->cfg.nr_buffers ? 0 : i - e->cfg.nr_buffers;
		b->state = LSW_BUF_FREE;
		b->data = kvmalloc((size_t)seg * LSW_BLOCK_SIZE, GFP_KERNEL);
		b->owner = kvcalloc(seg, sizeof(u32), GFP_KERNEL);
		b->expect = kvcalloc(seg, sizeof(u32), GFP_KERNEL);
		b->ready = bitmap_zalloc(seg, GFP_KERNEL);
		atomic_set(&b->writers, 0);
		if (!b->data || !b->owner || !b->expect || !b->ready)
			return -ENOMEM;
	}
	return 0;
}

int lsw_engine_init_map(struct lsw_engine *e, const struct lsw_geometry *geo,
			const struct lsw_config *cfg,
			const struct lsw_backend_ops *ops, void *priv,
			const struct lsw_map_ops *mops, void *marg)
{
	u64 nr_blocks = (u64)geo->nr_eus * geo->eu_stride;
	int ret, s;

	memset(e, 0, sizeof(*e));
	ret = lsw_check_config(geo, cfg);
	if (ret)
		return ret;
	e->geo = *geo;
	e->cfg = *cfg;
	if (!e->cfg.nr_slots)
		e->cfg.nr_slots = lsw_max_slots(geo, cfg);
	e->ops = ops;
	e->priv = priv;
	e->data_per_seg = cfg->seg_blocks - 1;
	e->nr_lanes = max_t(u32, cfg->nr_lanes, 1);
	e->gc_current = -1;
	spin_lock_init(&e->lock);
	mutex_init(&e->gc_lock);
	atomic64_set(&e->reads, 0);
	atomic64_set(&e->read_retries, 0);
	atomic64_set(&e->read_errors, 0);
	/*
	 * One mutex_init() call site per stream, so one lockdep class each:
	 * the documented order HOT flush_lock -> gc_lock -> COLD flush_lock
	 * is then no cycle for lockdep (with one class for both it was).
	 */
	mutex_init(&e->stream[LSW_HOT].flush_lock);
	mutex_init(&e->stream[LSW_COLD].flush_lock);
	for (s = 0; s < LSW_NR_STREAMS; s++)
		e->stream[s].eu = -1;
	for (s = 0; s < LSW_MAX_GROUPS; s++)
		e->group_eu[s] = -1;
	for (s = 0; s < LSW_COLD_GROUPS; s++)
		e->cold_eu[s] = -1;
	e->nr_cold = 1;
	e->placement = LSW_PLACE_HOTCOLD;
	e->nr_groups = 1;

	ret = -ENOMEM;
	if (mops) {
		e->mops = mops;
		e->marg = marg;
	} else {
		e->map = kvcalloc(e->cfg.nr_slots, sizeof(u32), GFP_KERNEL);
		if (!e->map)
			goto err;
	}
	/* 64 MiB for 2 TiB of blocks: above what kmalloc can give. */
	e->valid = kvcalloc(BITS_TO_LONGS(nr_blocks), sizeof(unsigned long),
			    GFP_KERNEL);
	if (!e->valid)
		goto err;
	e->eus = kvcalloc(geo->nr_eus, sizeof(*e->eus), GFP_KERNEL);
	if (!e->eus)
		goto err;
	e->gc_buf = kvmalloc((size_t)(cfg->seg_blocks + 1) * LSW_BLOCK_SIZE,
			     GFP_KERNEL);
	if (!e->gc_buf)
		goto err;
	ret = lsw_alloc_bufs(e);
	if (ret)
		goto err;
	ret = lsw_alloc_index(e);
	if (ret)
		goto err;
	e->nr_buf_free = cfg->nr_buffers;
	return 0;
err:
	lsw_engine_destroy(e);
	return ret;
}

int lsw_engine_init(struct lsw_engine *e, const struct lsw_geometry *geo,
		    const struct lsw_config *cfg,
		    const struct lsw_backend_ops *ops, void *priv)
{
	return lsw_engine_init_map(e, geo, cfg, ops, priv, NULL, NULL);
}

void lsw_engine_destroy(struct lsw_engine *e)
{
	int s;

	lsw_free_bufs(e);
	lsw_free_index(e);
	kvfree(e->gc_buf);
	kvfree(e->eus);
	kvfree(e->valid);
	kvfree(e->map);
	kvfree(e->stamp);
	e->stamp = NULL;
	e->gc_buf = NULL;
	e->eus = NULL;
	e->valid = NULL;
	e->map = NULL;
	for (s = 0; s < LSW_NR_STREAMS; s++)
		mutex_destroy(&e->stream[s].flush_lock);
	mutex_destroy(&e->gc_lock);
}

u64 lsw_engine_ram(const struct lsw_engine *e)
{
	u64 nr_blocks = (u64)e->geo.nr_eus * e->geo.eu_stride;
	u64 seg_bytes = (u64)e->cfg.seg_blocks * (LSW_BLOCK_SIZE + 8);

	/* LIFETIME's stamps once that placement was chosen. */
	return (e->stamp ? 2 : 1) * lsw_engine_map_bytes(e) +
	       BITS_TO_LONGS(nr_blocks) * sizeof(long) +
	       (u64)e->geo.nr_eus * sizeof(struct lsw_eu) +
	       (e->cfg.nr_buffers + LSW_COLD_GROUPS) * seg_bytes +
	       (u64)(e->cfg.seg_blocks + 1) * LSW_BLOCK_SIZE +
	       lsw_index_ram(e);
}

/* Replace @slot's entry with @entry; release what the old one held. */
static __always_inline void lsw_map_set(struct lsw_engine *e, u64 slot,
					u32 entry)
{
	u32 old;

	lockdep_assert_held(&e->lock);
	old = lsw_map_xchg(e, slot, entry);
	lsw_entry_drop(e, old);
	lsw_entry_count(e, entry, 1);
}

/*
 * STREAM placement: the group of @hint.  Groups 1.. keep the busiest
 * hints by Misra-Gries counting (a hint that stores more than one page in
 * nr_groups keeps its group); a hint without a group shares group 0 and
 * wears every count down by one, so that the group of a stream that
 * stopped (a killed app) is free again after at most LSW_HINT_MAX stores.
 */
#define LSW_HINT_MAX	1024

static u32 lsw_hint_group(struct lsw_engine *e, u64 hint)
{
	u32 g, n = e->nr_groups;

	for (g = 1; g < n; g++) {
		if (e->hint_cnt[g] && e->hint_key[g] == hint) {
			if (e->hint_cnt[g] < LSW_HINT_MAX)
				e->hint_cnt[g]++;
			return g;
		}
	}
	for (g = 1; g < n; g++) {
		if (!e->hint_cnt[g]) {
			e->hint_key[g] = hint;
			e->hint_cnt[g] = 1;
			return g;
		}
	}
	for (g = 1; g < n; g++)
		e->hint_cnt[g]--;
	return 0;
}

/*
 * LIFETIME placement (SepBIT-like): the page is expected to live as long
 * as the slot's last page did (the allocator hands out neighbouring slots
 * to pages reclaimed together); a slot without history goes to the
 * longest-lived group.  Lifetimes are in stores; group g holds lifetimes
 * below 2 * nr_slots / 4^(nr_groups - 2 - g), the last group the rest.
 */
#define LSW_LIFE_DEAD	0x80000000U

static u32 lsw_life_group(struct lsw_engine *e, u64 slot)
{
	u32 st = e->stamp[slot], n = e->nr_groups, g = 0, life;
	u64 bound;

	if (!st)
		return n - 1;
	life = st & LSW_LIFE_DEAD ? st & ~LSW_LIFE_DEAD :
	       (e->life_clock - st) & ~LSW_LIFE_DEAD;
	bound = (2 * e->cfg.nr_slots) >> (2 * (n - 2));
	while (g < n - 1 && life >= bound) {
		g++;
		bound <<= 2;
	}
	return g;
}

/* LIFETIME: @slot gets a page now (@born) or loses it. */
static void lsw_life_note(struct lsw_engine *e, u64 slot, bool born)
{
	u32 st;

	if (!e->stamp)
		return;
	if (born) {
		e->life_clock = (e->life_clock + 1) & ~LSW_LIFE_DEAD;
		e->stamp[slot] = e->life_clock ?: 1;
		return;
	}
	st = e->stamp[slot];
	if (st && !(st & LSW_LIFE_DEAD))
		e->stamp[slot] = LSW_LIFE_DEAD |
				 ((e->life_clock - st) & ~LSW_LIFE_DEAD);
}

static u32 lsw_place_group(struct lsw_engine *e, u64 slot, u64 hint)
{
	if (e->nr_groups < 2)
		return 0;
	switch (e->placement) {
	case LSW_PLACE_STREAM:
		return lsw_hint_group(e, hint);
	case LSW_PLACE_LIFETIME:
		return e->stamp ? lsw_life_group(e, slot) : 0;
	default:
		return 0;
	}
}

/*
 * The HOT buffer to fill: with HOTCOLD placement this CPU's lane's, with
 * groups @group's (lane = group); or a free one opened for the lane, or,
 * with none free, another lane's (a store is refused only when every HOT
 * buffer is full or in flight).  NULL if none.
 */
static struct lsw_buf *lsw_hot_buf(struct lsw_engine *e, u32 group)
{
	struct lsw_stream_state *hot = &e->stream[LSW_HOT];
	bool lanes = e->placement == LSW_PLACE_HOTCOLD;
	u32 lane = lanes ? raw_smp_processor_id() % e->nr_lanes : group, i, w;

	lockdep_assert_held(&e->lock);
	if (hot->lane[lane])
		return hot->lane[lane];
	if (!e->nr_buf_free) {
		for (i = 0; i < e->nr_lanes; i++)
			if (hot->lane[i])
				return hot->lane[i];
		return NULL;
	}
	for (i = 0; i < e->cfg.nr_buffers; i++) {
		struct lsw_buf *b = &e->bufs[i];

		if (b->state != LSW_BUF_FREE)
			continue;
		b->state = LSW_BUF_FILLING;
		b->count = 0;
		b->lane = lane;
		b->group = lanes ? 0 : group;
		b->fill_seq = ++e->fill_seq;
		/* Lockless LOG readers test these: see lsw_read_log(). */
		for (w = 0; w < BITS_TO_LONGS(e->cfg.seg_blocks); w++)
			WRITE_ONCE(b->ready[w], 0);
		WRITE_ONCE(e->nr_buf_free, e->nr_buf_free - 1);
		WRITE_ONCE(hot->lane[lane], b);
		return b;
	}
	WARN_ON_ONCE(1);	/* nr_buf_free disagrees with the states */
	return NULL;
}

bool lsw_can_store(struct lsw_engine *e)
{
	u32 i;

	if (READ_ONCE(e->nr_buf_free))
		return true;
	for (i = 0; i < LSW_MAX_LANES; i++)
		if (READ_ONCE(e->stream[LSW_HOT].lane[i]))
			return true;
	return false;
}

/*
 * The page copy runs outside e->lock: the block is reserved (b->count++,
 * b->writers++) and the map entry set to LOG under the lock, then the page
 * is copied and published: its ready bit (for LOG readers) and the drop of
 * b->writers with release ordering (for the flush, which waits for it to
 * reach zero before it writes the buffer).  Preemption stays off from the
 * reservation to the publication, so those waits are short.
 */
int lsw_store_hint(struct lsw_engine *e, u64 slot, const void *page,
		   u64 hint)
{
	bool full = false;
	struct lsw_buf *b;
	u32 idx, entry;

	if (slot >= e->cfg.nr_slots)
		return -EINVAL;

	if (lsw_page_is_zero(page)) {
		spin_lock(&e->lock);
		lsw_map_set(e, slot, lsw_mk(LSW_TAG_ZERO, 0));
		lsw_life_note(e, slot, false);
		lsw_life_note(e, slot, true);
		e->st.host_writes++;
		e->st.zero_pages++;
		spin_unlock(&e->lock);
		return 0;
	}

	preempt_disable();
	spin_lock(&e->lock);
	b = lsw_hot_buf(e, lsw_place_group(e, slot, hint));
	if (!b) {
		e->st.backpressure++;
		e->buf_waiters = true;	/* wake it when a buffer is freed */
		spin_unlock(&e->lock);
		preempt_enable();
		return -EAGAIN;
	}
	idx = b->count++;
	atomic_inc(&b->writers);
	entry = lsw_log_entry(e, b, idx);
	b->owner[idx] = (u32)slot;
	b->expect[idx] = entry;
	/* lsw_map_set() with the new entry's accounting known: LOG. */
	lsw_entry_drop(e, lsw_map_xchg(e, slot, entry));
	e->st.live_slots++;
	e->st.host_writes++;
	lsw_life_note(e, slot, false);
	lsw_life_note(e, slot, true);
	if (b->count == e->data_per_seg) {
		b->state = LSW_BUF_FULL;
		WRITE_ONCE(e->nr_full, e->nr_full + 1);
		WRITE_ONCE(e->stream[LSW_HOT].lane[b->lane], NULL);
		full = true;
	}
	spin_unlock(&e->lock);

	memcpy(b->data + (size_t)idx * LSW_BLOCK_SIZE, page, LSW_BLOCK_SIZE);
	/* The page before its ready bit: pairs with lsw_read_log(). */
	smp_wmb();
	set_bit(idx, b->ready);
	/* The page before the flush may write it: lsw_buf_wait_writers(). */
	atomic_dec_return_release(&b->writers);
	preempt_enable();
	if (full)
		lsw_notify(e, LSW_EV_FLUSH);
	return 0;
}

int lsw_discard(struct lsw_engine *e, u64 slot)
{
	if (slot >= e->cfg.nr_slots)
		return -EINVAL;
	spin_lock(&e->lock);
	if (lsw_map_get(e, slot) != lsw_mk(LSW_TAG_NONE, 0)) {
		lsw_map_set(e, slot, lsw_mk(LSW_TAG_NONE, 0));
		lsw_life_note(e, slot, false);
		e->st.discards++;
	}
	spin_unlock(&e->lock);
	return 0;
}

/*
 * Copy a LOG page out of its buffer, without e->lock; false if the entry
 * moved on.  Like a seqcount read: the buffer's gen is bumped whenever the
 * buffer is freed (lsw_buf_done, after the flush switched its entries to
 * PHYS), so a copy that overlapped a reuse of the buffer sees another gen
 * and starts again.  Within one gen a (buffer, block) is one store's page:
 * the entry and gen unchanged around the copy mean the copy is that page,
 * once its ready bit is set.
 */
static bool lsw_read_log(struct lsw_engine *e, u64 slot, u32 entry,
			 void *page)
{
	u32 payload = lsw_payload(entry);
	struct lsw_buf *b = &e->bufs[payload / e->cfg.seg_blocks];
	u32 idx = payload % e->cfg.seg_blocks, gen, spins = 0;

	if (WARN_ON_ONCE(payload / e->cfg.seg_blocks >= e->cfg.nr_buffers))
		return false;
	for (;;) {
		gen = READ_ONCE(b->gen);
		smp_rmb();	/* gen before the entry and the bit */
		if (lsw_map_get(e, slot) != entry)
			return false;
		/* The entry before the bit: pairs with lsw_buf_compact(). */
		smp_rmb();
		if (!test_bit(idx, b->ready)) {
			/* The store is copying it now: see lsw_wait_relax. */
			lsw_wait_relax(&spins);
			continue;
		}
		smp_rmb();	/* the bit before the page */
		memcpy(page, b->data + (size_t)idx * LSW_BLOCK_SIZE,
		       LSW_BLOCK_SIZE);
		smp_rmb();	/* the page before the re-check */
		if (lsw_map_get(e, slot) != entry)
			return false;
		if (READ_ONCE(b->gen) == gen)
			break;
	}
	atomic64_inc(&e->reads);
	return true;
}

int lsw_read_begin(struct lsw_engine *e, u64 slot, void *page,
		   struct lsw_read_tok *tok)
{
	u32 entry;

	if (slot >= e->cfg.nr_slots)
		return -EINVAL;
	for (;;) {
		entry = lsw_map_get(e, slot);
		switch (lsw_tag(entry)) {
		case LSW_TAG_NONE:
		case LSW_TAG_ZERO:
			memset(page, 0, LSW_BLOCK_SIZE);
			return 0;
		case LSW_TAG_LOG:
			if (lsw_read_log(e, slot, entry, page))
				return 0;
			continue;
		case LSW_TAG_PHYS:
			tok->entry = entry;
			tok->block = lsw_payload(entry);
			tok->eu = lsw_block_eu(e, tok->block);
			/* Entry before gen: pairs with lsw_eu_release(). */
			smp_rmb();
			tok->gen = READ_ONCE(e->eus[tok->eu].gen);
			/* Gen before the re-check of the entry. */
			smp_rmb();
			if (lsw_map_get(e, slot) != entry)
				continue;
			return 1;
		default:
			WARN_ON_ONCE(1);
			return -EIO;
		}
	}
}

bool lsw_read_valid(struct lsw_engine *e, u64 slot,
		    const struct lsw_read_tok *tok)
{
	/* The device read is done before we look again; see read_begin. */
	smp_rmb();
	return lsw_map_get(e, slot) == tok->entry &&
	       READ_ONCE(e->eus[tok->eu].gen) == tok->gen;
}

void lsw_note_read(struct lsw_engine *e, int result)
{
	if (result == 0)
		atomic64_inc(&e->reads);
	else if (result == -EAGAIN)
		atomic64_inc(&e->read_retries);
	else
		atomic64_inc(&e->read_errors);
}

int lsw_load(struct lsw_engine *e, u64 slot, void *page)
{
	struct lsw_read_tok tok;
	int ret;

	for (;;) {
		ret = lsw_read_begin(e, slot, page, &tok);
		if (ret <= 0)
			return ret;
		ret = e->ops->read(e->priv, tok.block, page, 1);
		if (!ret && !lsw_read_valid(e, slot, &tok))
			ret = -EAGAIN;
		lsw_note_read(e, ret);
		if (ret != -EAGAIN)
			return ret;
	}
}

/* O(1): every figure is a maintained counter, no walk of the EUs. */
void lsw_get_stats(struct lsw_engine *e, struct lsw_stats *st)
{
	spin_lock(&e->lock);
	*st = e->st;
	st->free_eus = e->nr_free;
	st->bad_eus = e->nr_bad;
	st->erase_min = lsw_erase_min(e);
	st->erase_max = lsw_erase_max(e);
	spin_unlock(&e->lock);
	st->host_reads = atomic64_read(&e->reads);
	st->read_retries = atomic64_read(&e->read_retries);
	st->read_errors = atomic64_read(&e->read_errors);
}

void lsw_get_eu(struct lsw_engine *e, u32 eu, struct lsw_eu *out)
{
	spin_lock(&e->lock);
	*out = e->eus[eu];
	spin_unlock(&e->lock);
}
