// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of device and kernel realities the core must get right
 * (issue 12): swap pages larger than the 4 KiB slot (16 KiB and 64 KiB page
 * kernels), and zoned devices whose zones differ in capacity under a
 * max-active limit.
 */
#include "lsw_test.h"

struct rrig {
	struct lsw_ramdev dev;
	struct lsw_engine e;
};

static int rrig_up(struct rrig *r, const struct lsw_geometry *g,
		   const u32 *zone_cap)
{
	struct lsw_config c;

	lsw_default_config(g, &c);
	if (lsw_ramdev_init(&r->dev, g, true))
		return -1;
	r->dev.zone_cap = zone_cap;
	return lsw_engine_init(&r->e, g, &c, &lsw_ramdev_ops, &r->dev);
}

static void rrig_down(struct rrig *r)
{
	lsw_engine_destroy(&r->e);
	lsw_ramdev_destroy(&r->dev);
}

/*
 * A kernel with pages of 1 << @page_shift bytes swaps out whole pages, each
 * several 4 KiB slots, and frees them by page number
 * (swap_slot_free_notify).  Freeing every third page must free exactly its
 * slots and leave every other page whole, through GC too.  Before the
 * driver took lsw_swap_page_blocks(), it freed slot N for page N: on a
 * 16 KiB kernel that drops a quarter of another page and never frees the
 * page itself.
 */
static int page_size_case(unsigned int page_shift)
{
	struct lsw_geometry g = { .nr_eus = 16, .eu_stride = 256,
				  .eu_blocks = 256 };
	u32 per = 1U << (page_shift - LSW_BLOCK_SHIFT);
	u64 pages, p, first, s;
	struct rrig r;
	u32 n, i;

	CHECK(!rrig_up(&r, &g, NULL));
	pages = r.e.cfg.nr_slots / per;
	CHECK(pages >= 16);
	for (p = 0; p < pages; p++)
		for (i = 0; i < per; i++)
			CHECK(!lsw_test_store(&r.e, p * per + i, 1));
	CHECK(!lsw_flush(&r.e, true));
	for (p = 0; p < pages; p += 3) {
		/* As the driver's swap_slot_free_notify does. */
		n = lsw_swap_page_blocks(p, page_shift, &first);
		for (i = 0; i < n; i++)
			CHECK(!lsw_discard(&r.e, first + i));
	}
	/* Rewrite the survivors twice: GC moves them, frees stay freed. */
	for (i = 2; i <= 3; i++)
		for (s = 0; s < pages * per; s++)
			if ((s / per) % 3)
				CHECK(!lsw_test_store(&r.e, s, i));
	CHECK(!lsw_flush(&r.e, true));
	for (s = 0; s < pages * per; s++)
		CHECK(!lsw_test_verify(&r.e, s, (s / per) % 3 ? 3 : 0));
	CHECK(!lsw_engine_check(&r.e));
	CHECK_EQ(r.dev.violations, 0);
	rrig_down(&r);
	return 0;
}

static int t_page_4k(void)
{
	u64 first;

	/* 4 KiB pages: the identity. */
	CHECK_EQ(lsw_swap_page_blocks(77, 12, &first), 1);
	CHECK_EQ(first, 77);
	return page_size_case(12);
}

static int t_page_16k(void)
{
	return page_size_case(14);
}

static int t_page_64k(void)
{
	return page_size_case(16);
}

/*
 * Zones of 512, 768 and 1024 blocks, max 4 open: the engine's EU is the
 * smallest, 512 blocks.  Without finish_full a zone filled to 512 of its
 * 768 stays open on the device, and after four of them the device refuses
 * to open a fifth (the RAM device counts that as a violation; a real ZNS
 * drive fails the write and the EU is retired as bad).  Returns the
 * violations seen, or -1 on any other failure.
 */
static long mixed_caps_run(bool finish_full)
{
	static const u32 caps[] = { 512, 768, 1024 };
	struct lsw_geometry g = { .nr_eus = 24, .eu_stride = 1024,
				  .eu_blocks = 512, .zoned = true,
				  .max_open = 4, .finish_full = finish_full };
	u32 zone_cap[24];
	struct rrig r;
	u64 s, nr;
	long v;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(zone_cap); i++)
		zone_cap[i] = caps[i % ARRAY_SIZE(caps)];
	CHECK(!rrig_up(&r, &g, zone_cap));
	nr = r.e.cfg.nr_slots * 3 / 4;
	/* Eight passes over 75% of the size: every zone is filled, GC runs. */
	for (i = 1; i <= 8 && !r.dev.violations; i++) {
		for (s = 0; s < nr && !r.dev.violations; s++)
			if (lsw_test_store(&r.e, s, i) && !r.dev.violations)
				return -1;
		if (!r.dev.violations && lsw_flush(&r.e, true))
			return -1;
	}
	v = (long)r.dev.violations;
	if (!v) {
		for (s = 0; s < nr; s++)
			CHECK(!lsw_test_verify(&r.e, s, 8));
		CHECK(!lsw_engine_check(&r.e));
		CHECK_EQ(r.e.st.bad_eus, 0);
		CHECK(r.e.st.erases > 0);
		CHECK(r.dev.finishes > 0);
	}
	rrig_down(&r);
	return v;
}

static int t_mixed_zone_caps(void)
{
	/* The negative control: the old behaviour breaks the device's rule. */
	long before = mixed_caps_run(false);

	CHECK(before > 0);
	CHECK_EQ(mixed_caps_run(true), 0);
	return 0;
}

const struct lsw_test lsw_realities_tests[] = {
	{ "4 KiB pages: swap page N is slot N", t_page_4k },
	{ "16 KiB pages: a page's free frees its 4 slots, nothing else", t_page_16k },
	{ "64 KiB pages: a page's free frees its 16 slots, nothing else", t_page_64k },
	{ "zones of mixed capacity under max_open: full EUs finished", t_mixed_zone_caps },
};

const unsigned int lsw_nr_realities_tests = ARRAY_SIZE(lsw_realities_tests);
