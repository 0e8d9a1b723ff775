// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the core engine over the strict RAM flash device. */
#include "lsw_test.h"

static u8 page[LSW_BLOCK_SIZE], out[LSW_BLOCK_SIZE];

struct rig {
	struct lsw_ramdev dev;
	struct lsw_engine e;
};

static int rig_up(struct rig *r, bool zoned, u32 nr_eus, u32 stride, u32 cap,
		  u32 seg, u32 nbufs)
{
	struct lsw_geometry g = { .nr_eus = nr_eus, .eu_stride = stride,
				  .eu_blocks = cap, .zoned = zoned,
				  .max_open = zoned ? 4 : 0 };
	struct lsw_config c;

	lsw_default_config(&g, &c);
	c.seg_blocks = seg;
	c.nr_buffers = nbufs;
	if (lsw_ramdev_init(&r->dev, &g, true))
		return -1;
	return lsw_engine_init(&r->e, &g, &c, &lsw_ramdev_ops, &r->dev);
}

static void rig_down(struct rig *r)
{
	lsw_engine_destroy(&r->e);
	lsw_ramdev_destroy(&r->dev);
}

static int store(struct rig *r, u64 slot, u32 ver)
{
	return lsw_test_store(&r->e, slot, ver);
}

static int verify(struct rig *r, u64 slot, u32 ver)
{
	return lsw_test_verify(&r->e, slot, ver);
}

static int t_tags(void)
{
	u32 tags[] = { LSW_TAG_NONE, LSW_TAG_PHYS, LSW_TAG_ZERO, LSW_TAG_LOG };
	u32 i;

	CHECK_EQ(LSW_TAG_NONE, 0);
	CHECK_EQ(LSW_TAG_PHYS, 1);
	CHECK_EQ(LSW_TAG_ZERO, 2);
	CHECK_EQ(LSW_TAG_LOG, 5);
	for (i = 0; i < ARRAY_SIZE(tags); i++) {
		u32 e = lsw_mk(tags[i], LSW_PAYLOAD_MAX);

		CHECK_EQ(lsw_tag(e), tags[i]);
		CHECK_EQ(lsw_payload(e), LSW_PAYLOAD_MAX);
		CHECK_EQ(lsw_payload(lsw_mk(tags[i], 12345)), 12345);
	}
	CHECK_EQ(LSW_MAX_BLOCKS, 1ULL << 29);
	return 0;
}

static int t_crc32c(void)
{
	/* The standard check value of CRC-32C. */
	CHECK_EQ(crc32c(~0U, "123456789", 9) ^ ~0U, 0xe3069283U);
	return 0;
}

static int t_summary(void)
{
	static u8 blk[LSW_BLOCK_SIZE];
	u32 owners[LSW_SUMMARY_MAX_OWNERS], n = 0, i;
	u64 seq = 0;

	for (i = 0; i < LSW_SUMMARY_MAX_OWNERS; i++)
		owners[i] = i * 7;
	lsw_summary_build(blk, 42, LSW_COLD, 3, owners, 511);
	CHECK_EQ(lsw_summary_parse(blk, &n, &seq), 0);
	CHECK_EQ(n, 511);
	CHECK_EQ(seq, 42);
	CHECK_EQ(le32_to_cpu(((struct lsw_summary *)blk)->owner[510]), 3570);
	CHECK_EQ(le32_to_cpu(((struct lsw_summary *)blk)->owner[511]),
		 LSW_OWNER_NONE);
	blk[100] ^= 1;		/* any flipped bit is caught */
	CHECK_EQ(lsw_summary_parse(blk, &n, &seq), -EBADMSG);
	blk[100] ^= 1;
	blk[0] ^= 1;
	CHECK_EQ(lsw_summary_parse(blk, &n, &seq), -EUCLEAN);
	CHECK_EQ(sizeof(struct lsw_summary), LSW_SUMMARY_HDR);
	return 0;
}

static int t_zero_detect(void)
{
	memset(page, 0, sizeof(page));
	CHECK(lsw_page_is_zero(page));
	page[LSW_BLOCK_SIZE - 1] = 1;
	CHECK(!lsw_page_is_zero(page));
	page[LSW_BLOCK_SIZE - 1] = 0;
	page[0] = 0x80;
	CHECK(!lsw_page_is_zero(page));
	return 0;
}

static int t_geometry_errors(void)
{
	struct lsw_geometry g = { .nr_eus = 64, .eu_stride = 1024,
				  .eu_blocks = 1024 };
	struct lsw_config c;

	lsw_env_quiet = 1;
	lsw_default_config(&g, &c);
	CHECK_EQ(lsw_check_config(&g, &c), 0);
	CHECK_EQ(c.seg_blocks, 256);
	g.nr_eus = (1U << 29) / 1024 + 1;		/* > 2 TiB */
	CHECK_EQ(lsw_check_geometry(&g), -EINVAL);
	g.nr_eus = 5;					/* too few */
	CHECK_EQ(lsw_check_geometry(&g), -EINVAL);
	g.nr_eus = 64;
	g.eu_blocks = 2048;				/* cap > stride */
	CHECK_EQ(lsw_check_geometry(&g), -EINVAL);
	g.eu_blocks = 768;
	g.zoned = true;
	g.max_open = 1;
	CHECK_EQ(lsw_check_geometry(&g), -EINVAL);
	g.max_open = 14;
	CHECK_EQ(lsw_check_geometry(&g), 0);
	c.seg_blocks = 96;				/* not a power of 2 */
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.seg_blocks = 512;				/* 768 % 512 */
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.seg_blocks = 1024;				/* > 2 MiB */
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.seg_blocks = 256;
	CHECK_EQ(lsw_check_config(&g, &c), 0);
	c.nr_buffers = 1;
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.nr_buffers = LSW_MAX_BUFFERS + 1;
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.nr_buffers = 4;
	c.nr_slots = lsw_max_slots(&g, &c) + 1;
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.nr_slots = lsw_max_slots(&g, &c);
	CHECK_EQ(lsw_check_config(&g, &c), 0);
	CHECK_EQ(c.nr_lanes, 1);			/* the default */
	c.nr_lanes = 2;					/* nr_buffers / 2 */
	CHECK_EQ(lsw_check_config(&g, &c), 0);
	c.nr_lanes = 3;					/* > nr_buffers / 2 */
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.nr_buffers = 32;
	c.nr_lanes = LSW_MAX_LANES + 1;
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	c.nr_lanes = 0;					/* = 1 */
	CHECK_EQ(lsw_check_config(&g, &c), 0);
	c.nr_buffers = 4;
	c.gc_low = c.gc_reserve;
	CHECK_EQ(lsw_check_config(&g, &c), -EINVAL);
	lsw_env_quiet = 0;
	return 0;
}

static int t_read_resolution(void)
{
	struct rig r;
	struct lsw_stats st;

	CHECK_EQ(rig_up(&r, false, 8, 16, 16, 8, 2), 0);
	/* NONE reads zeros */
	memset(out, 0xaa, sizeof(out));
	CHECK_EQ(lsw_load(&r.e, 5, out), 0);
	CHECK(lsw_page_is_zero(out));
	/* ZERO: zeros, nothing on flash */
	CHECK_EQ(store(&r, 6, 0), 0);
	CHECK_EQ(lsw_tag(r.e.map[6]), LSW_TAG_ZERO);
	/* LOG: from the buffer */
	CHECK_EQ(store(&r, 7, 1), 0);
	CHECK_EQ(lsw_tag(r.e.map[7]), LSW_TAG_LOG);
	CHECK_EQ(verify(&r, 7, 1), 0);
	/* PHYS: from flash */
	CHECK_EQ(lsw_flush(&r.e, true), 0);
	CHECK_EQ(lsw_tag(r.e.map[7]), LSW_TAG_PHYS);
	CHECK_EQ(verify(&r, 7, 1), 0);
	lsw_get_stats(&r.e, &st);
	CHECK_EQ(st.flash_blocks, 2);	/* one data block + summary */
	CHECK_EQ(st.zero_pages, 1);
	/* freed: zeros again, block invalid */
	CHECK_EQ(lsw_discard(&r.e, 7), 0);
	CHECK_EQ(lsw_load(&r.e, 7, out), 0);
	CHECK(lsw_page_is_zero(out));
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	CHECK_EQ(lsw_discard(&r.e, r.e.cfg.nr_slots), -EINVAL);
	CHECK_EQ(lsw_store(&r.e, r.e.cfg.nr_slots, page), -EINVAL);
	CHECK_EQ(r.dev.violations, 0);
	rig_down(&r);
	return 0;
}

static int t_overwrite_before_flush(void)
{
	struct rig r;

	CHECK_EQ(rig_up(&r, false, 8, 16, 16, 8, 2), 0);
	CHECK_EQ(store(&r, 3, 1), 0);
	CHECK_EQ(store(&r, 3, 2), 0);	/* same buffer, first copy dies */
	CHECK_EQ(lsw_flush(&r.e, true), 0);
	CHECK_EQ(verify(&r, 3, 2), 0);
	CHECK_EQ(r.e.eus[r.e.stream[LSW_HOT].eu].live, 1);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	rig_down(&r);
	return 0;
}

/* The queued write that starts at EU-relative block @off of @eu. */
static u32 pending_at(struct rig *r, u32 eu, u32 off)
{
	u32 k;

	for (k = 0; k < r->dev.nr_pending; k++)
		if (r->dev.pending[k]->pos == lsw_eu_first_block(&r->e, eu) + off)
			return k;
	return ~0U;
}

/*
 * Asynchronous ordered writes: three segments in flight to one EU,
 * completed out of order.  The third, done first, waits (parked: its
 * entries stay LOG); the first fails: nothing after it in that EU is
 * published, every buffer goes back to the queue with its pages still
 * readable, the EU is retired; flushed again they land elsewhere.
 */
static int t_async_ordered_failure(void)
{
	static struct lsw_backend_ops aops;
	struct lsw_geometry g = { .nr_eus = 8, .eu_stride = 32,
				  .eu_blocks = 32 };
	struct lsw_config c;
	struct rig r;
	u32 i, n, eu, k;
	u64 rng = 3;

	aops = lsw_ramdev_ops;
	aops.submit = lsw_ramdev_submit;
	lsw_default_config(&g, &c);
	c.seg_blocks = 8;
	c.nr_buffers = 4;
	CHECK_EQ(lsw_ramdev_init(&r.dev, &g, true), 0);
	CHECK_EQ(lsw_engine_init(&r.e, &g, &c, &aops, &r.dev), 0);
	CHECK_EQ(lsw_ramdev_set_async(&r.dev, &r.e), 0);
	n = 3 * r.e.data_per_seg;
	for (i = 0; i < n; i++) {
		lsw_fill_page(page, i, 1);
		CHECK_EQ(lsw_store(&r.e, i, page), 0);
	}
	CHECK_EQ(lsw_flush(&r.e, false), 0);
	CHECK_EQ(lsw_ramdev_pending(&r.dev), 3);
	CHECK_EQ(lsw_inflight(&r.e), 3);
	eu = r.e.stream[LSW_HOT].eu;
	CHECK_EQ(r.e.eus[eu].wp, 24);			/* reserved */

	/* The third completes first: parked, still LOG. */
	k = pending_at(&r, eu, 16);
	CHECK(k != ~0U);
	lsw_ramdev_complete(&r.dev, k);
	CHECK_EQ(lsw_tag(r.e.map[n - 1]), LSW_TAG_LOG);
	CHECK_EQ(r.e.eus[eu].wp_pub, 0);
	CHECK_EQ(lsw_engine_check(&r.e), 0);

	/* The first fails: the parked one goes back to the queue too. */
	r.dev.fail_write_in = 1;
	lsw_ramdev_complete(&r.dev, pending_at(&r, eu, 0));
	CHECK_EQ(r.e.st.write_errors, 1);
	CHECK_EQ(r.e.nr_full, 2);
	CHECK(r.e.eus[eu].retire);
	CHECK(r.e.stream[LSW_HOT].eu != (s32)eu);
	CHECK_EQ(lsw_engine_check(&r.e), 0);

	/* The second succeeds, after the failure: not published either. */
	lsw_ramdev_complete(&r.dev, pending_at(&r, eu, 8));
	CHECK_EQ(r.e.nr_full, 3);
	CHECK_EQ(lsw_inflight(&r.e), 0);
	CHECK_EQ(r.e.eus[eu].state, LSW_EU_BAD);	/* emptied, retired */
	CHECK_EQ(r.e.nr_bad, 1);
	for (i = 0; i < n; i++) {
		CHECK_EQ(lsw_tag(r.e.map[i]), LSW_TAG_LOG);
		CHECK_EQ(verify(&r, i, 1), 0);
	}
	CHECK_EQ(lsw_engine_check(&r.e), 0);

	/* Again: all three land in another EU, in any completion order. */
	CHECK_EQ(lsw_flush(&r.e, false), 0);
	CHECK_EQ(lsw_ramdev_pending(&r.dev), 3);
	lsw_ramdev_complete_all(&r.dev, &rng);
	for (i = 0; i < n; i++) {
		CHECK_EQ(lsw_tag(r.e.map[i]), LSW_TAG_PHYS);
		CHECK(lsw_block_eu(&r.e, lsw_payload(r.e.map[i])) != eu);
		CHECK_EQ(verify(&r, i, 1), 0);
	}
	CHECK_EQ(r.e.nr_full, 0);
	CHECK_EQ(r.e.st.segments, 3);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	CHECK_EQ(r.dev.violations, 0);
	rig_down(&r);
	return 0;
}

static int t_backpressure(void)
{
	struct rig r;
	u32 i, n;

	CHECK_EQ(rig_up(&r, false, 8, 16, 16, 8, 2), 0);
	n = 2 * r.e.data_per_seg;
	for (i = 0; i < n; i++) {
		lsw_fill_page(page, i, 1);
		CHECK_EQ(lsw_store(&r.e, i, page), 0);
	}
	CHECK(!lsw_can_store(&r.e));
	lsw_fill_page(page, n, 1);
	CHECK_EQ(lsw_store(&r.e, n, page), -EAGAIN);
	CHECK_EQ(r.e.map[n], 0);	/* refused page left no trace */
	CHECK_EQ(r.e.st.backpressure, 1);
	for (i = 0; i < n; i++)
		CHECK_EQ(verify(&r, i, 1), 0);	/* LOG reads */
	CHECK(lsw_flush_pending(&r.e));
	CHECK_EQ(lsw_flush(&r.e, false), 0);
	CHECK(lsw_can_store(&r.e));
	CHECK_EQ(lsw_store(&r.e, n, page), 0);
	for (i = 0; i <= n; i++)
		CHECK_EQ(verify(&r, i, 1), 0);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	rig_down(&r);
	return 0;
}

static int t_allocator_states(void)
{
	struct rig r;
	u32 eu, i, per_eu;

	CHECK_EQ(rig_up(&r, false, 8, 16, 16, 8, 2), 0);
	CHECK_EQ(r.e.nr_free, 8);
	per_eu = 2 * r.e.data_per_seg;		/* 2 segments per EU */
	for (i = 0; i < per_eu; i++)
		CHECK_EQ(store(&r, i, 1), 0);
	CHECK_EQ(lsw_flush(&r.e, false), 0);
	CHECK_EQ(r.e.stream[LSW_HOT].eu, -1);	/* EU full: sealed */
	eu = lsw_block_eu(&r.e, lsw_payload(r.e.map[0]));
	CHECK_EQ(r.e.eus[eu].state, LSW_EU_SEALED);
	CHECK_EQ(r.e.eus[eu].live, per_eu);
	CHECK_EQ(r.e.eus[eu].wp, 16);
	CHECK_EQ(r.e.nr_free, 7);
	CHECK_EQ(r.e.eus[eu].erase_count, 1);	/* erased before first use */
	for (i = 0; i < per_eu; i++)
		CHECK_EQ(lsw_discard(&r.e, i), 0);
	/* Sealed and empty: freed without GC. */
	CHECK_EQ(r.e.eus[eu].state, LSW_EU_FREE);
	CHECK_EQ(r.e.nr_free, 8);
	CHECK_EQ(r.e.st.gc_runs, 0);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	rig_down(&r);
	return 0;
}

static int churn(struct rig *r, u32 *ver, u64 nslots, u32 rounds)
{
	u64 i, s = 1;
	u32 k;

	for (k = 0; k < rounds; k++) {
		for (i = 0; i < nslots; i++) {
			s = lsw_mix(s);
			if (store(r, s % nslots, ++ver[s % nslots]))
				return -1;
		}
	}
	if (lsw_flush(&r->e, true))
		return -1;
	for (i = 0; i < nslots; i++)
		if (verify(r, i, ver[i]))
			return -1;
	return lsw_engine_check(&r->e);
}

static int t_gc_full_device(void)
{
	struct rig r;
	u32 *ver;
	u64 n;

	CHECK_EQ(rig_up(&r, false, 16, 32, 32, 8, 2), 0);
	n = r.e.cfg.nr_slots;			/* 100% of the logical size */
	ver = calloc(n, sizeof(*ver));
	CHECK_EQ(churn(&r, ver, n, 20), 0);
	CHECK(r.e.st.gc_runs > 0);
	CHECK(r.e.st.gc_moved > 0);
	CHECK_EQ(r.dev.violations, 0);
	free(ver);
	rig_down(&r);
	return 0;
}

static int t_zoned_cap_below_size(void)
{
	struct rig r;
	u32 *ver;
	u64 n;

	/* zone size 64 blocks, capacity 48, segment 16 */
	CHECK_EQ(rig_up(&r, true, 16, 64, 48, 16, 2), 0);
	n = r.e.cfg.nr_slots;
	ver = calloc(n, sizeof(*ver));
	CHECK_EQ(churn(&r, ver, n, 10), 0);
	CHECK(r.e.st.gc_runs > 0);
	CHECK_EQ(r.dev.violations, 0);
	free(ver);
	rig_down(&r);
	return 0;
}

static int t_ramdev_enforces(void)
{
	struct lsw_geometry gz = { .nr_eus = 4, .eu_stride = 8, .eu_blocks = 8,
				   .zoned = true, .max_open = 1 };
	struct lsw_geometry gc = { .nr_eus = 4, .eu_stride = 8, .eu_blocks = 8 };
	struct lsw_ramdev d;
	static u8 buf[2 * LSW_BLOCK_SIZE];

	CHECK_EQ(lsw_ramdev_init(&d, &gz, true), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 0, buf, 1), -EIO);	/* full zone */
	CHECK_EQ(lsw_ramdev_ops.erase(&d, 0), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 1, buf, 1), -EIO);	/* not at wp */
	CHECK_EQ(lsw_ramdev_ops.write(&d, 0, buf, 1), 0);
	CHECK_EQ(lsw_ramdev_ops.erase(&d, 1), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 8, buf, 1), -EIO);	/* max_open */
	CHECK_EQ(lsw_ramdev_ops.read(&d, 1, buf, 1), -EIO);	/* unwritten */
	CHECK_EQ(d.violations, 4);
	lsw_ramdev_destroy(&d);

	CHECK_EQ(lsw_ramdev_init(&d, &gc, true), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 0, buf, 1), -EIO);	/* not erased */
	CHECK_EQ(lsw_ramdev_ops.erase(&d, 0), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 3, buf, 2), 0);
	CHECK_EQ(lsw_ramdev_ops.write(&d, 4, buf, 1), -EIO);	/* rewrite */
	CHECK_EQ(lsw_ramdev_ops.write(&d, 7, buf, 2), -EIO);	/* crosses EU */
	CHECK_EQ(d.violations, 3);
	lsw_ramdev_destroy(&d);
	return 0;
}

static int t_write_error_retry(void)
{
	struct rig r;
	u32 i;

	CHECK_EQ(rig_up(&r, true, 12, 16, 16, 8, 2), 0);
	for (i = 0; i < 7; i++)
		CHECK_EQ(store(&r, i, 1), 0);
	r.dev.fail_write_in = 1;
	CHECK_EQ(lsw_flush(&r.e, false), 0);	/* retried elsewhere */
	CHECK_EQ(r.e.st.write_errors, 1);
	for (i = 0; i < 7; i++)
		CHECK_EQ(verify(&r, i, 1), 0);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	CHECK_EQ(r.dev.violations, 0);
	rig_down(&r);
	return 0;
}

static int t_partial_flush_max_open(void)
{
	struct rig r;
	u32 i, *ver;

	/* Early summaries and early seals must keep open zones bounded. */
	CHECK_EQ(rig_up(&r, true, 16, 32, 32, 16, 2), 0);
	r.dev.geo.max_open = 2;
	ver = calloc(r.e.cfg.nr_slots, sizeof(*ver));
	for (i = 0; i < 3000; i++) {
		u32 s = lsw_mix(i) % r.e.cfg.nr_slots;

		CHECK_EQ(store(&r, s, ++ver[s]), 0);
		if (i % 5 == 0)
			CHECK_EQ(lsw_flush(&r.e, true), 0);
	}
	for (i = 0; i < r.e.cfg.nr_slots; i++)
		CHECK_EQ(verify(&r, i, ver[i]), 0);
	CHECK(r.e.st.partial_flushes > 0);
	CHECK(r.dev.finishes > 0);
	CHECK_EQ(r.dev.violations, 0);
	CHECK_EQ(lsw_engine_check(&r.e), 0);
	free(ver);
	rig_down(&r);
	return 0;
}

/*
 * An external map (struct lsw_map_ops), here tagged words of unsigned long
 * like the kernel's vswap table, must give the very same decisions as the
 * engine's own array: same words slot by slot, same flash traffic and GC.
 */
struct ext_map {
	unsigned long *w;
	u64 gets, rmws;
};

static u32 ext_get(void *arg, u64 slot)
{
	struct ext_map *m = arg;

	m->gets++;
	return (u32)__atomic_load_n(&m->w[slot], __ATOMIC_RELAXED);
}

static u32 ext_exchange(void *arg, u64 slot, u32 new)
{
	struct ext_map *m = arg;

	m->rmws++;
	return (u32)__atomic_exchange_n(&m->w[slot], (unsigned long)new,
					__ATOMIC_SEQ_CST);
}

static bool ext_compare_exchange(void *arg, u64 slot, u32 old, u32 new)
{
	struct ext_map *m = arg;
	unsigned long o = old;

	m->rmws++;
	return __atomic_compare_exchange_n(&m->w[slot], &o, (unsigned long)new,
					   false, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

static const struct lsw_map_ops ext_ops = {
	.get = ext_get,
	.exchange = ext_exchange,
	.compare_exchange = ext_compare_exchange,
};

static int t_external_map(void)
{
	struct lsw_geometry g = { .nr_eus = 16, .eu_stride = 32,
				  .eu_blocks = 32 };
	struct ext_map m = {};
	struct rig a, b;
	struct lsw_config c;
	u32 *ver, i, k;
	u64 n, s = 7;

	CHECK_EQ(rig_up(&a, false, 16, 32, 32, 8, 2), 0);
	lsw_default_config(&g, &c);
	c.seg_blocks = 8;
	c.nr_buffers = 2;
	CHECK_EQ(lsw_ramdev_init(&b.dev, &g, true), 0);
	n = a.e.cfg.nr_slots;
	m.w = calloc(n, sizeof(*m.w));
	CHECK_EQ(lsw_engine_init_map(&b.e, &g, &c, &lsw_ramdev_ops, &b.dev,
				     &ext_ops, &m), 0);
	CHECK_EQ(b.e.cfg.nr_slots, n);
	CHECK(b.e.map == NULL);
	CHECK_EQ(lsw_engine_map_bytes(&b.e), 0);
	CHECK_EQ(lsw_engine_map_bytes(&a.e), n * sizeof(u32));
	CHECK_EQ(lsw_engine_ram(&a.e) - lsw_engine_ram(&b.e), n * sizeof(u32));
	ver = calloc(n, sizeof(*ver));
	/* Stores, zero pages, frees and partial flushes, 15 passes. */
	for (k = 0; k < 15 * n; k++) {
		u32 slot, op;

		s = lsw_mix(s);
		slot = s % n;
		op = (s >> 32) % 16;
		if (op == 0) {
			CHECK_EQ(lsw_discard(&a.e, slot), 0);
			CHECK_EQ(lsw_discard(&b.e, slot), 0);
			ver[slot] = 0;
			continue;
		}
		if (op == 1) {
			CHECK_EQ(lsw_flush(&a.e, true), 0);
			CHECK_EQ(lsw_flush(&b.e, true), 0);
			continue;
		}
		++ver[slot];
		if (op == 2) {
			memset(page, 0, sizeof(page));
			CHECK_EQ(lsw_store(&a.e, slot, page), 0);
			CHECK_EQ(lsw_store(&b.e, slot, page), 0);
			ver[slot] = 0;
			continue;
		}
		CHECK_EQ(store(&a, slot, ver[slot]), 0);
		CHECK_EQ(store(&b, slot, ver[slot]), 0);
	}
	CHECK_EQ(lsw_flush(&a.e, true), 0);
	CHECK_EQ(lsw_flush(&b.e, true), 0);
	for (i = 0; i < n; i++) {
		CHECK_EQ(m.w[i], a.e.map[i]);
		if (ver[i]) {
			CHECK_EQ(verify(&b, i, ver[i]), 0);
		} else {
			CHECK_EQ(lsw_load(&b.e, i, out), 0);
			CHECK(lsw_page_is_zero(out));
		}
	}
	CHECK(b.e.st.gc_moved > 0);
	CHECK_EQ(b.e.st.gc_moved, a.e.st.gc_moved);
	CHECK_EQ(b.e.st.flash_blocks, a.e.st.flash_blocks);
	CHECK_EQ(b.e.st.live_slots, a.e.st.live_slots);
	/* ZERO words of an external map are its owner's to count. */
	CHECK(a.e.st.zero_slots > 0);
	CHECK_EQ(b.e.st.zero_slots, 0);
	CHECK(m.gets > 0 && m.rmws > 0);
	CHECK_EQ(lsw_engine_check(&b.e), 0);
	/*
	 * The owner (the kernel) records zero pages and frees them in its
	 * table without the engine; the engine then stores over such a word.
	 */
	for (i = 0, k = 0; i < n && k < 8; i++) {
		if (m.w[i] != lsw_mk(LSW_TAG_NONE, 0))
			continue;
		m.w[i] = lsw_mk(LSW_TAG_ZERO, 0);
		if (k++ % 2)
			continue;
		CHECK_EQ(store(&b, i, 99), 0);
		CHECK_EQ(verify(&b, i, 99), 0);
	}
	CHECK_EQ(k, 8);
	CHECK_EQ(lsw_engine_check(&b.e), 0);
	CHECK_EQ(b.e.st.zero_slots, 0);
	CHECK_EQ(b.dev.violations, 0);
	free(ver);
	lsw_engine_destroy(&b.e);
	lsw_ramdev_destroy(&b.dev);
	free(m.w);
	rig_down(&a);
	return 0;
}

static const struct lsw_test tests[] = {
	{ "tag encoding", t_tags },
	{ "crc32c check value", t_crc32c },
	{ "async ordered writes: out of order, a failure", t_async_ordered_failure },
	{ "summary encode/decode/crc", t_summary },
	{ "zero-page detection", t_zero_detect },
	{ "geometry and config errors", t_geometry_errors },
	{ "read resolution NONE/ZERO/LOG/PHYS", t_read_resolution },
	{ "overwrite before flush", t_overwrite_before_flush },
	{ "backpressure", t_backpressure },
	{ "allocator states", t_allocator_states },
	{ "gc at 100% logical fill", t_gc_full_device },
	{ "zoned capacity below zone size", t_zoned_cap_below_size },
	{ "ram device enforces flash rules", t_ramdev_enforces },
	{ "write error retried in another EU", t_write_error_retry },
	{ "partial flushes within max_open", t_partial_flush_max_open },
	{ "external map (lsw_map_ops) decides as the array", t_external_map },
};

int main(int argc, char **argv)
{
	unsigned int i, n = 1, pass = 0, fail = 0;
	const char *only = argc > 1 && strcmp(argv[1], "--prop") ? argv[1] : NULL;

	if (argc > 1 && !strcmp(argv[1], "--mt")) {
		lsw_prop_mt_main(argc - 1, argv + 1, &pass, &fail);
		printf("%u passed, %u failed\n", pass, fail);
		return fail ? 1 : 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--prop")) {
		lsw_prop_main(argc - 1, argv + 1, &pass, &fail);
		printf("%u passed, %u failed\n", pass, fail);
		return fail ? 1 : 0;
	}
	for (i = 0; i < ARRAY_SIZE(tests) + lsw_nr_gc_tests +
		    lsw_nr_realities_tests + lsw_nr_place_tests; i++) {
		unsigned int g = i - ARRAY_SIZE(tests);
		unsigned int r = g - lsw_nr_gc_tests;
		const struct lsw_test *t = i < ARRAY_SIZE(tests) ? &tests[i] :
			g < lsw_nr_gc_tests ? &lsw_gc_tests[g] :
			r < lsw_nr_realities_tests ? &lsw_realities_tests[r] :
			&lsw_place_tests[r - lsw_nr_realities_tests];
		unsigned long w = lsw_env_warnings;
		int ret;

		if (only && !strstr(t->name, only))
			continue;
		ret = t->fn();
		if (lsw_env_warnings != w) {
			fprintf(stderr, "  kernel-style WARNING hit\n");
			ret = -1;
		}
		printf("%sok %u - %s\n", ret ? "not " : "", n++, t->name);
		if (ret)
			fail++;
		else
			pass++;
	}
	if (!only) {
		lsw_prop_main(0, NULL, &pass, &fail);
		lsw_prop_mt_main(0, NULL, &pass, &fail);
	}
	printf("%u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
