// SPDX-License-Identifier: GPL-2.0
/*
 * Erase-unit allocator and validity accounting.
 *
 * Invariant (checked by lsw_engine_check): a block's valid bit is set if and
 * only if exactly one map entry is PHYS(block), and eus[eu].live is the
 * number of valid bits in that EU.  Every transition of a map entry away from
 * or to PHYS happens with e->lock held, together with its bitmap update.
 */
#include "lsw_internal.h"

/* Blocks a live count costs to rewrite, summaries included. */
static u32 lsw_rewrite_cost(const struct lsw_engine *e, u32 live)
{
	return live + DIV_ROUND_UP(live, e->data_per_seg);
}

static const char * const lsw_state_names[] = {
	[LSW_EU_FREE] = "free",
	[LSW_EU_OPEN] = "open",
	[LSW_EU_SEALED] = "sealed",
	[LSW_EU_GC] = "gc",
	[LSW_EU_BAD] = "bad",
};

const char *lsw_eu_state_name(enum lsw_eu_state s)
{
	return s < ARRAY_SIZE(lsw_state_names) ? lsw_state_names[s] : "?";
}

/* Binary heaps of EU numbers (struct lsw_heap). */
static void lsw_heap_swap(struct lsw_heap *h, u32 i, u32 j)
{
	swap(h->a[i], h->a[j]);
	h->pos[h->a[i]] = i;
	h->pos[h->a[j]] = j;
}

static void lsw_heap_up(const struct lsw_engine *e, struct lsw_heap *h, u32 i)
{
	while (i && h->less(e, h->a[i], h->a[(i - 1) / 2])) {
		lsw_heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void lsw_heap_down(const struct lsw_engine *e, struct lsw_heap *h,
			  u32 i)
{
	for (;;) {
		u32 m = 2 * i + 1;

		if (m >= h->nr)
			return;
		if (m + 1 < h->nr && h->less(e, h->a[m + 1], h->a[m]))
			m++;
		if (!h->less(e, h->a[m], h->a[i]))
			return;
		lsw_heap_swap(h, i, m);
		i = m;
	}
}

static void lsw_heap_add(const struct lsw_engine *e, struct lsw_heap *h,
			 u32 eu)
{
	if (WARN_ON_ONCE(h->pos[eu] != U32_MAX))
		return;
	h->a[h->nr] = eu;
	h->pos[eu] = h->nr++;
	lsw_heap_up(e, h, h->nr - 1);
}

static void lsw_heap_del(const struct lsw_engine *e, struct lsw_heap *h,
			 u32 eu)
{
	u32 i = h->pos[eu];

	if (WARN_ON_ONCE(i == U32_MAX))
		return;
	h->pos[eu] = U32_MAX;
	if (i == --h->nr)
		return;
	h->a[i] = h->a[h->nr];
	h->pos[h->a[i]] = i;
	lsw_heap_down(e, h, i);
	lsw_heap_up(e, h, i);
}

/* After @eu's key changed. */
static void lsw_heap_fix(const struct lsw_engine *e, struct lsw_heap *h,
			 u32 eu)
{
	u32 i = h->pos[eu];

	if (i == U32_MAX)
		return;
	lsw_heap_down(e, h, i);
	lsw_heap_up(e, h, h->pos[eu]);
}

/* @eu's erase count changed: its place in every heap that holds it. */
void lsw_eu_rekey(struct lsw_engine *e, u32 eu)
{
	lockdep_assert_held(&e->lock);
	lsw_heap_fix(e, &e->free_heap, eu);
	lsw_heap_fix(e, &e->cold_heap, eu);
	lsw_heap_fix(e, &e->wear_min, eu);
	lsw_heap_fix(e, &e->wear_max, eu);
}

static s32 lsw_heap_top(const struct lsw_heap *h)
{
	return h->nr ? (s32)h->a[0] : -1;
}

static bool lsw_less_worn(const struct lsw_engine *e, u32 x, u32 y)
{
	u32 cx = e->eus[x].erase_count, cy = e->eus[y].erase_count;

	return cx < cy || (cx == cy && x < y);
}

static bool lsw_more_worn(const struct lsw_engine *e, u32 x, u32 y)
{
	u32 cx = e->eus[x].erase_count, cy = e->eus[y].erase_count;

	return cx > cy || (cx == cy && x < y);
}

static int lsw_heap_alloc(struct lsw_heap *h, u32 n,
			  bool (*less)(const struct lsw_engine *, u32, u32))
{
	u32 i;

	h->a = kvcalloc(n, sizeof(u32), GFP_KERNEL);
	h->pos = kvcalloc(n, sizeof(u32), GFP_KERNEL);
	if (!h->a || !h->pos)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		h->pos[i] = U32_MAX;
	h->nr = 0;
	h->less = less;
	return 0;
}

static void lsw_heap_free(struct lsw_heap *h)
{
	kvfree(h->a);
	kvfree(h->pos);
	h->a = NULL;
	h->pos = NULL;
}

/*
 * Pairing heaps of the SEALED EUs of one live count (bucket[live]), linked
 * through ph_child/ph_next/ph_prev (ph_prev: the previous sibling, or the
 * parent for a first child).  Greedy orders a bucket by EU number (the
 * lowest first, as a scan would find it); cost-benefit by the sequence of
 * the EU's last segment, the oldest first, since within one live count
 * the oldest EU has the best (1 - u) * age / (1 + u).
 */
bool lsw_ph_less(const struct lsw_engine *e, s32 x, s32 y)
{
	if (e->bucket_policy == LSW_GC_COST_BENEFIT &&
	    e->eus[x].seq != e->eus[y].seq)
		return e->eus[x].seq < e->eus[y].seq;
	return x < y;
}

static s32 lsw_ph_meld(struct lsw_engine *e, s32 a, s32 b)
{
	struct lsw_eu *pa;

	if (a < 0)
		return b;
	if (b < 0)
		return a;
	if (lsw_ph_less(e, b, a))
		swap(a, b);
	pa = &e->eus[a];
	e->eus[b].ph_prev = a;
	e->eus[b].ph_next = pa->ph_child;
	if (pa->ph_child >= 0)
		e->eus[pa->ph_child].ph_prev = b;
	pa->ph_child = b;
	return a;
}

/* Two-pass merge of the sibling list starting at @first. */
static s32 lsw_ph_merge_pairs(struct lsw_engine *e, s32 first)
{
	s32 acc = -1, x = first, y, next, pairs = -1;

	/* Pass 1: meld pairs left to right, stack them through ph_next. */
	while (x >= 0) {
		y = e->eus[x].ph_next;
		next = y >= 0 ? e->eus[y].ph_next : -1;
		e->eus[x].ph_next = e->eus[x].ph_prev = -1;
		if (y >= 0)
			e->eus[y].ph_next = e->eus[y].ph_prev = -1;
		x = lsw_ph_meld(e, x, y);
		e->eus[x].ph_next = pairs;
		pairs = x;
		x = next;
	}
	/* Pass 2: meld the pairs right to left. */
	while (pairs >= 0) {
		next = e->eus[pairs].ph_next;
		e->eus[pairs].ph_next = -1;
		acc = lsw_ph_meld(e, acc, pairs);
		pairs = next;
	}
	return acc;
}

static void lsw_bucket_add(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];

	u->ph_child = u->ph_next = u->ph_prev = -1;
	e->bucket[u->live] = lsw_ph_meld(e, e->bucket[u->live], eu);
	__set_bit(u->live, e->bucket_map);
}

static void lsw_bucket_del(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];
	s32 *root = &e->bucket[u->live], sub;

	if (*root == (s32)eu) {
		*root = lsw_ph_merge_pairs(e, u->ph_child);
	} else {
		struct lsw_eu *p = &e->eus[u->ph_prev];

		if (p->ph_child == (s32)eu)
			p->ph_child = u->ph_next;
		else
			p->ph_next = u->ph_next;
		if (u->ph_next >= 0)
			e->eus[u->ph_next].ph_prev = u->ph_prev;
		sub = lsw_ph_merge_pairs(e, u->ph_child);
		*root = lsw_ph_meld(e, *root, sub);
	}
	if (*root < 0)
		__clear_bit(u->live, e->bucket_map);
	u->ph_child = u->ph_next = u->ph_prev = -1;
}

/* @eu becomes SEALED / stops being SEALED: its buckets and heaps. */
static void lsw_sealed_add(struct lsw_engine *e, u32 eu)
{
	lsw_bucket_add(e, eu);
	lsw_heap_add(e, &e->cold_heap, eu);
}

static void lsw_sealed_del(struct lsw_engine *e, u32 eu)
{
	lsw_bucket_del(e, eu);
	lsw_heap_del(e, &e->cold_heap, eu);
}

/* The victims (LSW_EU_GC), a list through ph_next/ph_prev. */
static void lsw_gc_list_add(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];

	u->ph_child = -1;
	u->ph_prev = -1;
	u->ph_next = e->gc_head;
	if (e->gc_head >= 0)
		e->eus[e->gc_head].ph_prev = eu;
	e->gc_head = eu;
	e->nr_gc++;
}

static void lsw_gc_list_del(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];

	if (u->ph_prev >= 0)
		e->eus[u->ph_prev].ph_next = u->ph_next;
	else
		e->gc_head = u->ph_next;
	if (u->ph_next >= 0)
		e->eus[u->ph_next].ph_prev = u->ph_prev;
	u->ph_next = u->ph_prev = -1;
	e->nr_gc--;
}

/*
 * Every EU state change goes through here, so that the heaps, buckets and
 * counters follow the states exactly.
 */
void lsw_eu_set_state(struct lsw_engine *e, u32 eu, enum lsw_eu_state state)
{
	struct lsw_eu *u = &e->eus[eu];

	lockdep_assert_held(&e->lock);
	if (u->state == state)
		return;
	switch (u->state) {
	case LSW_EU_FREE:
		lsw_heap_del(e, &e->free_heap, eu);
		WRITE_ONCE(e->nr_free, e->nr_free - 1);
		break;
	case LSW_EU_SEALED:
		lsw_sealed_del(e, eu);
		break;
	case LSW_EU_GC:
		lsw_gc_list_del(e, eu);
		break;
	case LSW_EU_BAD:
		WARN_ON_ONCE(1);	/* never back in use */
		return;
	default:
		break;
	}
	u->state = state;
	switch (state) {
	case LSW_EU_FREE:
		lsw_heap_add(e, &e->free_heap, eu);
		WRITE_ONCE(e->nr_free, e->nr_free + 1);
		break;
	case LSW_EU_SEALED:
		lsw_sealed_add(e, eu);
		break;
	case LSW_EU_GC:
		lsw_gc_list_add(e, eu);
		break;
	case LSW_EU_BAD:
		lsw_heap_del(e, &e->wear_min, eu);
		lsw_heap_del(e, &e->wear_max, eu);
		e->nr_bad++;
		break;
	default:
		break;
	}
}

int lsw_alloc_index(struct lsw_engine *e)
{
	u32 n = e->geo.nr_eus, i;
	int ret;

	e->gc_head = -1;
	e->bucket_policy = e->cfg.gc_policy;
	e->gc_live_max = 0;
	while (e->gc_live_max + 1 <= e->geo.eu_blocks &&
	       lsw_rewrite_cost(e, e->gc_live_max + 1) < e->geo.eu_blocks)
		e->gc_live_max++;
	ret = lsw_heap_alloc(&e->free_heap, n, lsw_less_worn);
	ret = ret ?: lsw_heap_alloc(&e->cold_heap, n, lsw_less_worn);
	ret = ret ?: lsw_heap_alloc(&e->wear_min, n, lsw_less_worn);
	ret = ret ?: lsw_heap_alloc(&e->wear_max, n, lsw_more_worn);
	if (ret)
		return ret;
	e->bucket = kvcalloc(e->geo.eu_blocks + 1, sizeof(s32), GFP_KERNEL);
	e->bucket_map = bitmap_zalloc(e->geo.eu_blocks + 1, GFP_KERNEL);
	if (!e->bucket || !e->bucket_map)
		return -ENOMEM;
	for (i = 0; i <= e->geo.eu_blocks; i++)
		e->bucket[i] = -1;
	for (i = 0; i < n; i++) {
		struct lsw_eu *u = &e->eus[i];

		u->ph_child = u->ph_next = u->ph_prev = -1;
		u->state = LSW_EU_FREE;
		u->dirty = true;	/* contents unknown: erase first */
		/* In order, so each add is O(1): keys are (0, i). */
		lsw_heap_add(e, &e->free_heap, i);
		lsw_heap_add(e, &e->wear_min, i);
		lsw_heap_add(e, &e->wear_max, i);
	}
	e->nr_free = n;
	return 0;
}

void lsw_free_index(struct lsw_engine *e)
{
	lsw_heap_free(&e->free_heap);
	lsw_heap_free(&e->cold_heap);
	lsw_heap_free(&e->wear_min);
	lsw_heap_free(&e->wear_max);
	kvfree(e->bucket);
	bitmap_free(e->bucket_map);
	e->bucket = NULL;
	e->bucket_map = NULL;
}

u64 lsw_index_ram(const struct lsw_engine *e)
{
	return (u64)e->geo.nr_eus * 8 * sizeof(u32) +
	       (e->geo.eu_blocks + 1) * sizeof(s32) +
	       BITS_TO_LONGS(e->geo.eu_blocks + 1) * sizeof(long);
}

/* The GC policy changed: order every bucket by the new one.  O(EUs). */
void lsw_buckets_rebuild(struct lsw_engine *e)
{
	u32 i;

	lockdep_assert_held(&e->lock);
	if (e->bucket_policy == e->cfg.gc_policy)
		return;
	e->bucket_policy = e->cfg.gc_policy;
	for (i = 0; i <= e->geo.eu_blocks; i++)
		e->bucket[i] = -1;
	bitmap_zero(e->bucket_map, e->geo.eu_blocks + 1);
	for (i = 0; i < e->geo.nr_eus; i++)
		if (e->eus[i].state == LSW_EU_SEALED)
			lsw_bucket_add(e, i);
}

/*
 * The victim: greedy takes the fullest-of-garbage bucket (fewest live
 * blocks) and its lowest EU; cost-benefit (LFS, F2FS) scores the oldest
 * EU of every non-empty bucket, (1 - u) * age / (1 + u) in integers as
 * (cap - live) * age / (cap + live), and takes the best, the lowest EU on
 * a tie.  Both are exact over the whole device, in time independent of
 * the number of EUs.  Only EUs whose relocation gains space qualify.
 * -ENOENT if none.
 */
int lsw_victim_pick(struct lsw_engine *e)
{
	u32 cap = e->geo.eu_blocks, lim = e->gc_live_max + 1, live;
	u64 best_score = 0;
	s32 best = -ENOENT;

	lockdep_assert_held(&e->lock);
	live = find_first_bit(e->bucket_map, lim);
	if (live >= lim)
		return -ENOENT;
	if (e->bucket_policy == LSW_GC_GREEDY)
		return e->bucket[live];
	for (; live < lim; live = find_next_bit(e->bucket_map, lim, live + 1)) {
		s32 eu = e->bucket[live];
		u64 age = e->seq - e->eus[eu].seq + 1;
		u64 score = div_u64((u64)(cap - live) * age * 1024, cap + live);

		if (best < 0 || score > best_score ||
		    (score == best_score && eu < best)) {
			best = eu;
			best_score = score;
		}
	}
	return best;
}

/* The least-worn SEALED EU and the most-worn EU in use (wear leveling). */
s32 lsw_coldest_sealed(struct lsw_engine *e)
{
	lockdep_assert_held(&e->lock);
	return lsw_heap_top(&e->cold_heap);
}

u32 lsw_erase_max(struct lsw_engine *e)
{
	s32 eu = lsw_heap_top(&e->wear_max);

	return eu < 0 ? 0 : e->eus[eu].erase_count;
}

u32 lsw_erase_min(struct lsw_engine *e)
{
	s32 eu = lsw_heap_top(&e->wear_min);

	return eu < 0 ? 0 : e->eus[eu].erase_count;
}

/*
 * Take the free EU with the lowest erase count (wear leveling), the lowest
 * EU on a tie.  The HOT stream may not dip into the GC reserve, so
 * relocation always has room and GC can never deadlock.  Returns the EU or
 * -ENOSPC.
 */
int lsw_eu_alloc(struct lsw_engine *e, enum lsw_stream stream)
{
	u32 floor = stream == LSW_HOT ? e->cfg.gc_reserve : 0;
	s32 best;

	lockdep_assert_held(&e->lock);
	if (e->nr_free <= floor)
		return -ENOSPC;
	best = lsw_heap_top(&e->free_heap);
	if (WARN_ON_ONCE(best < 0))
		return -EIO;
	lsw_eu_set_state(e, best, LSW_EU_OPEN);
	e->eus[best].stream = stream;
	e->eus[best].wp = 0;
	e->eus[best].wp_pub = 0;
	e->eus[best].wfail = false;
	if (e->nr_free < READ_ONCE(e->cfg.gc_low))
		lsw_notify(e, LSW_EV_GC);
	return (int)best;
}

/* An EU became reusable: its data is stale from now on. */
void lsw_eu_release(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];

	lockdep_assert_held(&e->lock);
	WARN_ON_ONCE(u->live);
	/* Readers that resolved a block here before now must retry. */
	WRITE_ONCE(u->gen, u->gen + 1);
	/* Gen before the EU is reusable: pairs with lsw_read_begin(). */
	smp_wmb();
	u->dirty = true;
	/* A write failed here: out of use. */
	lsw_eu_set_state(e, eu, u->retire ? LSW_EU_BAD : LSW_EU_FREE);
}

/* No more writes to @eu.  An EU sealed empty is freed without GC. */
void lsw_eu_seal(struct lsw_engine *e, u32 eu)
{
	lockdep_assert_held(&e->lock);
	if (!e->eus[eu].live)
		lsw_eu_release(e, eu);
	else
		lsw_eu_set_state(e, eu, LSW_EU_SEALED);
}

void lsw_block_validate(struct lsw_engine *e, u64 block)
{
	u32 eu = lsw_block_eu(e, block);
	bool sealed = e->eus[eu].state == LSW_EU_SEALED;

	lockdep_assert_held(&e->lock);
	if (WARN_ON_ONCE(test_and_set_bit(block, e->valid)))
		return;
	if (sealed)
		lsw_bucket_del(e, eu);
	WRITE_ONCE(e->eus[eu].live, e->eus[eu].live + 1);
	if (sealed)
		lsw_bucket_add(e, eu);
}

void lsw_block_invalidate(struct lsw_engine *e, u64 block)
{
	u32 eu = lsw_block_eu(e, block);
	struct lsw_eu *u = &e->eus[eu];

	lockdep_assert_held(&e->lock);
	if (WARN_ON_ONCE(!test_and_clear_bit(block, e->valid)))
		return;
	if (WARN_ON_ONCE(!u->live))
		return;
	if (u->state != LSW_EU_SEALED) {
		WRITE_ONCE(u->live, u->live - 1);
		return;
	}
	lsw_bucket_del(e, eu);
	WRITE_ONCE(u->live, u->live - 1);
	lsw_bucket_add(e, eu);
	/* GC owns its victims: it frees them itself once relocated. */
	if (!u->live)
		lsw_eu_release(e, eu);
}

int lsw_eu_prepare(struct lsw_engine *e, u32 eu)
{
	int ret;

	might_sleep();
	if (!e->eus[eu].dirty)
		return 0;
	ret = e->ops->erase(e->priv, eu);
	spin_lock(&e->lock);
	if (ret) {
		e->st.erase_errors++;
	} else {
		e->eus[eu].dirty = false;
		e->eus[eu].erase_count++;
		lsw_eu_rekey(e, eu);
		e->st.erases++;
		/* Static wear leveling is the background GC's job. */
		if (!e->wl_wanted && e->eus[eu].erase_count - e->erase_floor >
				     READ_ONCE(e->cfg.wl_threshold)) {
			WRITE_ONCE(e->wl_wanted, true);
			lsw_notify(e, LSW_EV_GC);
		}
	}
	lsw_tp(e, &(struct lsw_tp_event){ .kind = LSW_TP_ERASE, .eu = eu,
	       .count = e->eus[eu].erase_count, .err = ret });
	spin_unlock(&e->lock);
	return ret;
}
