// SPDX-License-Identifier: GPL-2.0
/*
 * Full consistency check of the engine's accounting against its map.
 * O(slots + blocks) under e->lock: for tests, the fuzzer and debugging.
 */
#include "lsw_internal.h"

#define lsw_bad(fmt, ...) ({ pr_err("check: " fmt "\n", ##__VA_ARGS__); \
			     -EUCLEAN; })

static int lsw_check_slot(struct lsw_engine *e, u64 slot, unsigned long *seen,
			  u64 *live, u64 *zero)
{
	u32 entry = lsw_map_get(e, slot), p = lsw_payload(entry);
	const struct lsw_buf *b;
	const struct lsw_eu *u;
	u32 idx;

	switch (lsw_tag(entry)) {
	case LSW_TAG_NONE:
		return p ? lsw_bad("slot %llu: NONE with payload %u",
				   (unsigned long long)slot, p) : 0;
	case LSW_TAG_ZERO:
		(*zero)++;
		return 0;
	case LSW_TAG_LOG:
		(*live)++;
		b = &e->bufs[p / e->cfg.seg_blocks];
		idx = p % e->cfg.seg_blocks;
		if (p / e->cfg.seg_blocks >= e->cfg.nr_buffers ||
		    b->state == LSW_BUF_FREE || idx >= b->count ||
		    b->owner[idx] != slot || b->expect[idx] != entry)
			return lsw_bad("slot %llu: LOG %u points at no page of its own",
				       (unsigned long long)slot, p);
		return 0;
	case LSW_TAG_PHYS:
		(*live)++;
		if ((u64)p >= (u64)e->geo.nr_eus * e->geo.eu_stride)
			return lsw_bad("slot %llu: PHYS %u past the end",
				       (unsigned long long)slot, p);
		u = &e->eus[lsw_block_eu(e, p)];
		if (p - lsw_eu_first_block(e, lsw_block_eu(e, p)) >= u->wp ||
		    u->state == LSW_EU_FREE || u->state == LSW_EU_BAD)
			return lsw_bad("slot %llu: PHYS %u in EU %u (%s, wp %u)",
				       (unsigned long long)slot, p,
				       lsw_block_eu(e, p),
				       lsw_eu_state_name(u->state), u->wp);
		if (!test_bit(p, e->valid))
			return lsw_bad("slot %llu: PHYS %u not valid",
				       (unsigned long long)slot, p);
		if (test_and_set_bit(p, seen))
			return lsw_bad("block %u owned twice", p);
		return 0;
	default:
		return lsw_bad("slot %llu: tag %u", (unsigned long long)slot,
			       lsw_tag(entry));
	}
}

static int lsw_check_eus(struct lsw_engine *e, const unsigned long *seen)
{
	u32 i, free = 0, open[LSW_NR_STREAMS] = { 0 }, closing = 0;
	u32 inflight = 0, nopen;
	u64 b;

	for (i = 0; i < e->geo.nr_eus; i++) {
		const struct lsw_eu *u = &e->eus[i];
		u64 first = lsw_eu_first_block(e, i);
		u32 live = 0;

		for (b = first; b < first + e->geo.eu_stride; b++) {
			if (test_bit(b, e->valid) != test_bit(b, seen))
				return lsw_bad("block %llu: valid bit %d, owned %d",
					       (unsigned long long)b,
					       test_bit(b, e->valid),
					       test_bit(b, seen));
			live += test_bit(b, e->valid);
		}
		if (live != u->live)
			return lsw_bad("EU %u: live %u, bitmap says %u", i,
				       u->live, live);
		if (u->wp > e->geo.eu_blocks)
			return lsw_bad("EU %u: wp %u past capacity", i, u->wp);
		switch (u->state) {
		case LSW_EU_FREE:
			free++;
			if (live)
				return lsw_bad("EU %u: free with %u live", i,
					       live);
			break;
		case LSW_EU_OPEN:
			closing += u->closing;
			inflight += u->inflight;
			if (u->closing) {
				if (!u->inflight)
					return lsw_bad("EU %u: closing, nothing in flight",
						       i);
				break;
			}
			if (u->group >= (u->stream == LSW_HOT ? e->nr_groups :
					 e->nr_cold) ||
			    *lsw_open_slot(e, u->stream, u->group) != (s32)i)
				return lsw_bad("EU %u: open but not its stream's",
					       i);
			open[u->stream]++;
			break;
		case LSW_EU_SEALED:
			if (!live)
				return lsw_bad("EU %u: sealed and empty, not freed",
					       i);
			break;
		default:
			break;
		}
	}
	if (closing != e->nr_closing || inflight != e->nr_inflight)
		return lsw_bad("%u closing EUs, %u writes in flight, counters %u / %u",
			       closing, inflight, e->nr_closing,
			       e->nr_inflight);
	if (free != e->nr_free)
		return lsw_bad("%u free EUs, counter says %u", free, e->nr_free);
	for (i = 0, nopen = 0; i < LSW_COLD_GROUPS; i++) {
		if (*lsw_open_slot(e, LSW_COLD, i) < 0)
			continue;
		if (i >= e->nr_cold)
			return lsw_bad("COLD group %u of %u has an open EU", i,
				       e->nr_cold);
		nopen++;
	}
	if (open[LSW_COLD] != nopen)
		return lsw_bad("COLD stream: %u open EUs", open[LSW_COLD]);
	for (i = 0, nopen = 0; i < LSW_MAX_GROUPS; i++) {
		if (*lsw_open_slot(e, LSW_HOT, i) < 0)
			continue;
		if (i >= e->nr_groups)
			return lsw_bad("HOT group %u of %u has an open EU", i,
				       e->nr_groups);
		nopen++;
	}
	if (open[LSW_HOT] != nopen)
		return lsw_bad("HOT stream: %u open EUs, %u groups say", open[LSW_HOT],
			       nopen);
	return 0;
}

static int lsw_check_heap(struct lsw_engine *e, const struct lsw_heap *h,
			  const char *name)
{
	u32 i;

	for (i = 0; i < h->nr; i++) {
		if (h->pos[h->a[i]] != i)
			return lsw_bad("%s heap: EU %u at %u, pos says %u", name,
				       h->a[i], i, h->pos[h->a[i]]);
		if (i && h->less(e, h->a[i], h->a[(i - 1) / 2]))
			return lsw_bad("%s heap: EU %u above its child %u",
				       name, h->a[(i - 1) / 2], h->a[i]);
	}
	return 0;
}

static bool lsw_in_heap(const struct lsw_heap *h, u32 eu)
{
	return h->pos[eu] != U32_MAX;
}

/*
 * The EU indexes (alloc.c) against the states: each heap holds exactly the
 * EUs of its state, in heap order; each bucket's pairing heap holds exactly
 * the SEALED EUs of its live count, in heap order; the GC list the victims.
 */
static int lsw_check_index(struct lsw_engine *e)
{
	u32 n = e->geo.nr_eus, i, sealed = 0, in_buckets = 0, bad = 0, gc = 0;
	s32 *stack, x, c;
	u32 sp, l;
	int ret = 0;

	ret = lsw_check_heap(e, &e->free_heap, "free") ?:
	      lsw_check_heap(e, &e->cold_heap, "cold") ?:
	      lsw_check_heap(e, &e->wear_min, "wear_min") ?:
	      lsw_check_heap(e, &e->wear_max, "wear_max");
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		const struct lsw_eu *u = &e->eus[i];
		bool bad_eu = u->state == LSW_EU_BAD;

		if (lsw_in_heap(&e->free_heap, i) != (u->state == LSW_EU_FREE) ||
		    lsw_in_heap(&e->cold_heap, i) != (u->state == LSW_EU_SEALED) ||
		    lsw_in_heap(&e->wear_min, i) == bad_eu ||
		    lsw_in_heap(&e->wear_max, i) == bad_eu)
			return lsw_bad("EU %u (%s): in the wrong heaps", i,
				       lsw_eu_state_name(u->state));
		sealed += u->state == LSW_EU_SEALED;
		bad += bad_eu;
		gc += u->state == LSW_EU_GC;
	}
	if (bad != e->nr_bad || gc != e->nr_gc)
		return lsw_bad("%u bad / %u gc EUs, counters %u / %u", bad, gc,
			       e->nr_bad, e->nr_gc);
	for (x = e->gc_head, i = 0; x >= 0 && i <= n; x = e->eus[x].ph_next, i++)
		if (e->eus[x].state != LSW_EU_GC)
			return lsw_bad("EU %d on the GC list, %s", x,
				       lsw_eu_state_name(e->eus[x].state));
	if (i != gc)
		return lsw_bad("GC list of %u, %u victims", i, gc);

	stack = kvcalloc(n + 1, sizeof(*stack), GFP_KERNEL);
	if (!stack)
		return -ENOMEM;
	for (l = 0; l <= e->geo.eu_blocks && !ret; l++) {
		if ((e->bucket[l] >= 0) != test_bit(l, e->bucket_map)) {
			ret = lsw_bad("bucket %u: root %d, map bit %d", l,
				      e->bucket[l], test_bit(l, e->bucket_map));
			break;
		}
		sp = 0;
		if (e->bucket[l] >= 0)
			stack[sp++] = e->bucket[l];
		while (sp && !ret) {
			x = stack[--sp];
			if (++in_buckets > sealed ||
			    e->eus[x].state != LSW_EU_SEALED ||
			    e->eus[x].live != l) {
				ret = lsw_bad("bucket %u: EU %d (%s, live %u)",
					      l, x,
					      lsw_eu_state_name(e->eus[x].state),
					      e->eus[x].live);
				break;
			}
			for (c = e->eus[x].ph_child; c >= 0;
			     c = e->eus[c].ph_next) {
				if (lsw_ph_less(e, c, x)) {
					ret = lsw_bad("bucket %u: EU %d under %d",
						      l, c, x);
					break;
				}
				if (sp > n) {
					ret = lsw_bad("bucket %u: cycle", l);
					break;
				}
				stack[sp++] = c;
			}
		}
	}
	kvfree(stack);
	if (!ret && in_buckets != sealed)
		ret = lsw_bad("%u EUs in buckets, %u sealed", in_buckets,
			      sealed);
	return ret;
}

static int lsw_check_bufs(struct lsw_engine *e)
{
	u32 i, full = 0, nfree = 0, filling = 0;

	for (i = 0; i < e->cfg.nr_buffers; i++) {
		const struct lsw_buf *b = &e->bufs[i];

		full += b->state == LSW_BUF_FULL;
		nfree += b->state == LSW_BUF_FREE;
		filling += b->state == LSW_BUF_FILLING;
		if (b->state == LSW_BUF_FILLING &&
		    (b->lane >= e->nr_lanes ||
		     e->stream[LSW_HOT].lane[b->lane] != b))
			return lsw_bad("buffer %u filling but not open", i);
	}
	for (i = 0; i < e->nr_lanes; i++)
		if (e->stream[LSW_HOT].lane[i] &&
		    e->stream[LSW_HOT].lane[i]->state != LSW_BUF_FILLING)
			return lsw_bad("lane %u: buffer not filling", i);
	if (full != e->nr_full || nfree != e->nr_buf_free ||
	    filling > e->nr_lanes)
		return lsw_bad("buffers: %u full (counter %u), %u free (counter %u), %u filling",
			       full, e->nr_full, nfree, e->nr_buf_free,
			       filling);
	return 0;
}

int lsw_engine_check(struct lsw_engine *e)
{
	u64 nr_blocks = (u64)e->geo.nr_eus * e->geo.eu_stride;
	u64 slot, live = 0, zero = 0;
	unsigned long *seen;
	int ret = 0;

	seen = kvcalloc(BITS_TO_LONGS(nr_blocks), sizeof(unsigned long),
			GFP_KERNEL);
	if (!seen)
		return -ENOMEM;
	spin_lock(&e->lock);
	for (slot = 0; slot < e->cfg.nr_slots && !ret; slot++)
		ret = lsw_check_slot(e, slot, seen, &live, &zero);
	if (!ret)
		ret = lsw_check_eus(e, seen);
	if (!ret)
		ret = lsw_check_bufs(e);
	if (!ret)
		ret = lsw_check_index(e);
	if (!e->map)
		zero = 0;	/* not counted: see struct lsw_map_ops */
	if (!ret && (live != e->st.live_slots || zero != e->st.zero_slots))
		ret = lsw_bad("%llu live / %llu zero slots, counters %llu / %llu",
			      (unsigned long long)live,
			      (unsigned long long)zero,
			      (unsigned long long)e->st.live_slots,
			      (unsigned long long)e->st.zero_slots);
	spin_unlock(&e->lock);
	kvfree(seen);
	return ret;
}
