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
	u32 i, free = 0, open[LSW_NR_STREAMS] = { 0 };
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
			if (e->stream[u->stream].eu != (s32)i)
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
	if (free != e->nr_free)
		return lsw_bad("%u free EUs, counter says %u", free, e->nr_free);
	for (i = 0; i < LSW_NR_STREAMS; i++)
		if (open[i] != (e->stream[i].eu >= 0))
			return lsw_bad("stream %u: %u open EUs", i, open[i]);
	return 0;
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
		    e->stream[LSW_HOT].filling != b)
			return lsw_bad("buffer %u filling but not open", i);
	}
	if (full != e->nr_full || nfree != e->nr_buf_free || filling > 1)
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
