// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of garbage collection: the error path of a victim walk, wear
 * leveling, and the split between background and foreground GC.
 */
#include "lsw_test.h"
#include "core/lsw_internal.h"	/* lsw_eu_rekey */

struct grig {
	struct lsw_ramdev dev;		/* first: the RAM ops take priv as it */
	struct lsw_engine e;
	struct lsw_backend_ops ops;
	/* hooks */
	int (*on_cold_write)(struct grig *g);
	int (*on_erase)(struct grig *g, u32 eu);
	/* read faults: the Nth read of a GC walk, every one if ~0 (0: off) */
	u32 fail_gc_read;
	s64 bad_block;		/* every read covering it fails (-1: off) */
	bool fail_gc_run;	/* every read of the next GC run that reads */
	u64 failing_run;	/* that run (st.gc_runs), 0 until chosen */
	s32 failed_victim;	/* the victim of the GC read that failed */
	u32 failed_victim_erases;
	bool gc_wanted;
	int hook_ret;
	u32 victim;
	u64 min_free_hot, min_free;
	/* tracepoint events (ops.tp) */
	u64 tp_n[LSW_TP_ERASE + 1];
	u64 tp_blocks;		/* written, SEG_DONE without error */
	u64 tp_seq;		/* of the last SEG_SUBMIT */
	const char *tp_bad;	/* the first event that made no sense */
};

static u8 gpage[LSW_BLOCK_SIZE], gout[LSW_BLOCK_SIZE];

static int g_write(void *priv, u64 block, const void *buf, u32 nr)
{
	struct grig *g = priv;
	u32 eu = lsw_block_eu(&g->e, block);

	if (g->on_cold_write && g->e.eus[eu].stream == LSW_COLD) {
		int (*fn)(struct grig *g) = g->on_cold_write;

		g->on_cold_write = NULL;	/* once */
		g->hook_ret = fn(g);
	}
	return lsw_ramdev_ops.write(priv, block, buf, nr);
}

static int g_read(void *priv, u64 block, void *buf, u32 nr)
{
	struct grig *g = priv;
	s32 victim = g->e.gc_current;

	if (g->bad_block >= 0 && (u64)g->bad_block >= block &&
	    (u64)g->bad_block < block + nr)
		return -EIO;
	if (victim >= 0 && g->fail_gc_run) {
		if (!g->failing_run)
			g->failing_run = g->e.st.gc_runs;
		if (g->failing_run == g->e.st.gc_runs)
			return -EIO;
	}
	if (victim >= 0 && g->fail_gc_read &&
	    (g->fail_gc_read == ~0U || !--g->fail_gc_read)) {
		g->failed_victim = victim;
		g->failed_victim_erases = g->e.eus[victim].erase_count;
		return -EIO;
	}
	return lsw_ramdev_ops.read(priv, block, buf, nr);
}

static int g_erase(void *priv, u32 eu)
{
	struct grig *g = priv;

	if (g->on_erase && !g->hook_ret)
		g->hook_ret = g->on_erase(g, eu);
	return lsw_ramdev_ops.erase(priv, eu);
}

static void g_notify(void *priv, enum lsw_event ev)
{
	struct grig *g = priv;

	if (ev == LSW_EV_GC)
		g->gc_wanted = true;
}

/* ops.tp: count the events, check each against the engine's state. */
static void g_tp(void *priv, struct lsw_tp_event *ev)
{
	struct grig *g = priv;
	struct lsw_engine *e = &g->e;
	const char *bad = NULL;

	g->tp_n[ev->kind]++;
	switch (ev->kind) {
	case LSW_TP_SEG_SUBMIT:
		if (ev->seq <= g->tp_seq || !ev->blocks ||
		    ev->blocks > e->cfg.seg_blocks ||
		    lsw_block_eu(e, ev->block) != ev->eu)
			bad = "segment submit";
		g->tp_seq = ev->seq;
		ev->stamp = ev->seq;
		break;
	case LSW_TP_SEG_DONE:
		if (ev->seq != g->tp_seq || ev->stamp != ev->seq)
			bad = "segment done without its submit";
		if (!ev->err)
			g->tp_blocks += ev->blocks;
		break;
	case LSW_TP_GC_VICTIM:
		if (ev->eu >= e->geo.nr_eus ||
		    ev->blocks != e->eus[ev->eu].live ||
		    ev->blocks >= e->geo.eu_blocks ||
		    e->eus[ev->eu].state != LSW_EU_SEALED ||
		    ev->policy != e->cfg.gc_policy)
			bad = "gc victim";
		break;
	case LSW_TP_RELOCATE:
		if (lsw_block_eu(e, ev->block) == lsw_block_eu(e, ev->to) ||
		    e->eus[lsw_block_eu(e, ev->block)].state != LSW_EU_GC ||
		    lsw_map_get(e, ev->slot) !=
		    lsw_mk(LSW_TAG_PHYS, (u32)ev->to))
			bad = "relocate";
		break;
	case LSW_TP_ERASE:
		if (ev->err || ev->count != e->eus[ev->eu].erase_count)
			bad = "erase";
		break;
	}
	if (bad && !g->tp_bad)
		g->tp_bad = bad;
}

static int grig_up(struct grig *g, const struct lsw_geometry *geo,
		   u32 seg, u32 nbufs, u32 fill_pct)
{
	struct lsw_config c;

	memset(g, 0, sizeof(*g));
	lsw_default_config(geo, &c);
	c.seg_blocks = seg;
	c.nr_buffers = nbufs;
	c.nr_slots = lsw_max_slots(geo, &c) * fill_pct / 100;
	g->ops = lsw_ramdev_ops;
	g->ops.write = g_write;
	g->ops.read = g_read;
	g->ops.erase = g_erase;
	g->bad_block = -1;
	g->failed_victim = -1;
	g->ops.notify = g_notify;
	g->ops.tp = g_tp;
	if (lsw_ramdev_init(&g->dev, geo, true))
		return -1;
	return lsw_engine_init(&g->e, geo, &c, &g->ops, g);
}

static void grig_down(struct grig *g)
{
	lsw_engine_destroy(&g->e);
	lsw_ramdev_destroy(&g->dev);
}

static int gstore(struct grig *g, u64 slot, u32 ver)
{
	int ret;

	lsw_fill_page(gpage, slot, ver);
	while ((ret = lsw_store(&g->e, slot, gpage)) == -EAGAIN) {
		ret = lsw_flush(&g->e, false);
		if (ret)
			return ret;
	}
	return ret;
}

static int gverify(struct grig *g, u64 slot, u32 ver)
{
	u8 want[LSW_BLOCK_SIZE];

	lsw_fill_page(want, slot, ver);
	if (lsw_load(&g->e, slot, gout))
		return -1;
	return memcmp(want, gout, LSW_BLOCK_SIZE) ? -1 : 0;
}

static int verify_model(struct grig *g, const u32 *ver, u64 n)
{
	u64 s;

	for (s = 0; s < n; s++)
		if (gverify(g, s, ver[s])) {
			fprintf(stderr, "  slot %llu: want version %u, got %llu\n",
				(unsigned long long)s, ver[s],
				(unsigned long long)((u64 *)gout)[1]);
			return -1;
		}
	return 0;
}

/*
 * Victim layout for the read-error tests: conventional, 12 EUs of 32
 * blocks, segments of 8 (7 data + summary), so one EU holds slots 0..27
 * in four segments; two slots of each segment are freed so that it is
 * worth collecting.  Returns the victim EU.
 */
#define RE_SLOTS	28

static int re_setup(struct grig *g, u32 *ver)
{
	struct lsw_geometry geo = { .nr_eus = 12, .eu_stride = 32,
				    .eu_blocks = 32 };
	u32 i, eu;

	if (grig_up(g, &geo, 8, 2, 100))
		return -1;
	for (i = 0; i < RE_SLOTS; i++) {
		if (gstore(g, i, 1))
			return -1;
		ver[i] = 1;
	}
	if (lsw_flush(&g->e, false))
		return -1;
	eu = lsw_block_eu(&g->e, lsw_payload(g->e.map[0]));
	if (g->e.eus[eu].state != LSW_EU_SEALED ||
	    g->e.eus[eu].live != RE_SLOTS)
		return -1;
	for (i = 0; i < RE_SLOTS; i += 7) {
		lsw_discard(&g->e, i);
		lsw_discard(&g->e, i + 1);
		ver[i] = ver[i + 1] = 0;
	}
	return (int)eu;
}

/*
 * A read error in the middle of a victim (its third read: the summary of
 * the second segment from the top) after the last segment's live pages
 * were copied: every page stays readable, the victim goes back to SEALED
 * with exactly its unmoved pages, and the next GC completes it.
 */
static int t_gc_read_error_keeps_pages(void)
{
	struct grig g;
	u32 ver[RE_SLOTS + 8] = { 0 };
	int eu;

	eu = re_setup(&g, ver);
	CHECK(eu >= 0);
	g.dev.fail_read_in = 3;
	CHECK_EQ(lsw_gc(&g.e, g.e.geo.nr_eus), -EIO);
	CHECK_EQ(atomic64_read(&g.e.read_errors), 1);
	CHECK_EQ(g.e.eus[eu].state, LSW_EU_SEALED);
	CHECK_EQ(g.e.eus[eu].live, 15);		/* the top segment's 5 moved */
	CHECK(!g.e.eus[eu].gc_abort);
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	CHECK_EQ(verify_model(&g, ver, ARRAY_SIZE(ver)), 0);
	CHECK_EQ(lsw_gc(&g.e, g.e.geo.nr_eus) >= 1, 1);
	CHECK_EQ(g.e.eus[eu].state, LSW_EU_FREE);
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	CHECK_EQ(verify_model(&g, ver, ARRAY_SIZE(ver)), 0);
	CHECK_EQ(g.dev.violations, 0);
	grig_down(&g);
	return 0;
}

/*
 * The ABA the error path must not open: while GC flushes the COLD segment
 * holding copies from a victim whose walk failed, another thread frees
 * every page of the victim and rewrites slot 23 (whose copy is pending) so
 * that, if the victim had been handed back and freed, the new page would
 * land at the very block the pending copy expects; the copy's swap would
 * then succeed and resurrect the old page.  The victim must stay GC's.
 */
struct aba_ctx {
	struct grig *g;
	u32 *ver;
	int ret;
};

static void *aba_thread(void *arg)
{
	struct aba_ctx *a = arg;
	struct grig *g = a->g;
	u32 i, filler = 100;

	a->ret = -1;
	for (i = 0; i < RE_SLOTS; i++) {
		lsw_discard(&g->e, i);
		a->ver[i] = 0;
	}
	/* Slot 23 sat at block 26 of the victim: 3 segments + 2 blocks. */
	for (i = 0; i < 3 * 7 + 2; i++)
		if (gstore(g, filler++, 1))
			return NULL;
	if (gstore(g, 23, 2))
		return NULL;
	a->ver[23] = 2;
	for (i = 0; i < 4; i++)
		if (gstore(g, filler++, 1))
			return NULL;
	if (lsw_flush(&g->e, false))
		return NULL;
	a->ret = 0;
	return NULL;
}

static struct aba_ctx *aba_now;

static int aba_hook(struct grig *g)
{
	pthread_t t;

	if (pthread_create(&t, NULL, aba_thread, aba_now))
		return -1;
	pthread_join(t, NULL);
	return aba_now->ret;
}

static int t_gc_read_error_no_aba(void)
{
	struct grig g;
	u32 ver[128] = { 0 }, i;
	struct aba_ctx a = { &g, ver, 0 };
	int eu;

	eu = re_setup(&g, ver);
	CHECK(eu >= 0);
	/* Make the victim the least-worn EU once it is free. */
	spin_lock(&g.e.lock);
	for (i = 0; i < g.e.geo.nr_eus; i++) {
		if ((int)i != eu) {
			g.e.eus[i].erase_count += 100;
			lsw_eu_rekey(&g.e, i);	/* the engine's wear heaps */
		}
	}
	spin_unlock(&g.e.lock);
	for (i = 100; i < 127; i++)
		ver[i] = 1;
	aba_now = &a;
	g.on_cold_write = aba_hook;
	g.dev.fail_read_in = 3;
	CHECK_EQ(lsw_gc(&g.e, g.e.geo.nr_eus), -EIO);
	CHECK_EQ(g.hook_ret, 0);
	CHECK(!g.on_cold_write);		/* the hook ran */
	/* The new page went elsewhere; the stale copy was refused. */
	CHECK(lsw_block_eu(&g.e, lsw_payload(g.e.map[23])) != (u32)eu);
	CHECK_EQ(verify_model(&g, ver, ARRAY_SIZE(ver)), 0);
	CHECK_EQ(g.e.eus[eu].state, LSW_EU_FREE);	/* emptied, released */
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	CHECK_EQ(g.dev.violations, 0);
	grig_down(&g);
	return 0;
}

/*
 * Foreground GC meets a read error (the third read of its first victim,
 * after the victim's top segment was copied): the flush gives that victim
 * up and collects another, so every store goes through.  Nothing is lost
 * (the failed read only left the victim's pages where they were): every
 * slot reads back right.  The victim is collected later (erased again),
 * and the counters show the read error and the abort.  Conventional, 100%
 * logical fill, random overwrites, no background GC.
 */
static int fg_rig(struct grig *g, u32 **ver)
{
	struct lsw_geometry geo = { .nr_eus = 16, .eu_stride = 32,
				    .eu_blocks = 32 };

	CHECK_EQ(grig_up(g, &geo, 8, 2, 100), 0);
	*ver = calloc(g->e.cfg.nr_slots, sizeof(**ver));
	CHECK(*ver);
	return 0;
}

/* rounds x nr_slots random overwrites of slots first..n-1, then a flush. */
static int fg_overwrite(struct grig *g, u32 *ver, u64 first, u64 rounds)
{
	u64 n = g->e.cfg.nr_slots, i;

	for (i = 0; i < rounds * n; i++) {
		u64 s = first + lsw_mix(i) % (n - first);

		CHECK_EQ(gstore(g, s, ++ver[s]), 0);
	}
	CHECK_EQ(lsw_flush(&g->e, true), 0);
	return 0;
}

/* Every slot reads back its last version, the engine and the flash rules hold. */
static int fg_done(struct grig *g, u32 *ver)
{
	CHECK_EQ(verify_model(g, ver, g->e.cfg.nr_slots), 0);
	CHECK_EQ(lsw_engine_check(&g->e), 0);
	CHECK_EQ(g->dev.violations, 0);
	free(ver);
	grig_down(g);
	return 0;
}

static int t_gc_fg_read_error_next_victim(void)
{
	struct lsw_stats st;
	struct grig g;
	u32 *ver;

	CHECK_EQ(fg_rig(&g, &ver), 0);
	g.fail_gc_read = 3;
	CHECK_EQ(fg_overwrite(&g, ver, 0, 8), 0);
	lsw_get_stats(&g.e, &st);
	printf("# fg gc read error in victim %d: %llu fg stalls, %llu victims, %llu aborts, %llu read errors\n",
	       g.failed_victim, (unsigned long long)st.fg_stalls,
	       (unsigned long long)st.gc_victims,
	       (unsigned long long)st.gc_aborts,
	       (unsigned long long)st.read_errors);
	CHECK(g.failed_victim >= 0);			/* the fault fired */
	CHECK_EQ(st.gc_runs, st.fg_stalls);		/* foreground only */
	CHECK_EQ(st.read_errors, 1);
	CHECK_EQ(st.gc_aborts, 1);
	CHECK(g.e.eus[g.failed_victim].erase_count > g.failed_victim_erases);
	return fg_done(&g, ver);
}

/*
 * Every victim of one foreground run fails to read (a transient error): the
 * run gives them all up and reclaims nothing, the flush runs GC again, and
 * that run collects them; no store fails.
 */
static int t_gc_fg_read_error_whole_run(void)
{
	struct lsw_stats st;
	struct grig g;
	u32 *ver;

	CHECK_EQ(fg_rig(&g, &ver), 0);
	g.fail_gc_run = true;
	CHECK_EQ(fg_overwrite(&g, ver, 0, 4), 0);
	lsw_get_stats(&g.e, &st);
	printf("# fg gc run %llu unreadable: %llu runs, %llu aborts, %llu read errors\n",
	       (unsigned long long)g.failing_run,
	       (unsigned long long)st.gc_runs,
	       (unsigned long long)st.gc_aborts,
	       (unsigned long long)st.read_errors);
	CHECK(g.failing_run > 0);
	CHECK(st.gc_aborts > 0);
	CHECK_EQ(st.read_errors, st.gc_aborts);	/* one read per victim */
	return fg_done(&g, ver);
}

/*
 * A block that never reads again, held by a slot never rewritten: its EU
 * empties around it and GC keeps picking it and giving it up (one read
 * error and one abort a run), the stores all go through, every other slot
 * reads back right, and the slot on the bad block reads as an error, never
 * as another page.  No retirement: the EU stays SEALED with that page.
 */
static int t_gc_fg_bad_block(void)
{
	struct lsw_stats st;
	struct grig g;
	u8 junk[LSW_BLOCK_SIZE];
	u64 n, i, bad;
	u32 *ver;

	CHECK_EQ(fg_rig(&g, &ver), 0);
	n = g.e.cfg.nr_slots;
	for (i = 0; i < n; i++)
		CHECK_EQ(gstore(&g, i, ++ver[i]), 0);
	CHECK_EQ(lsw_flush(&g.e, true), 0);
	CHECK_EQ(lsw_tag(lsw_map_get(&g.e, 0)), LSW_TAG_PHYS);
	bad = lsw_payload(lsw_map_get(&g.e, 0));
	g.bad_block = bad;
	CHECK_EQ(fg_overwrite(&g, ver, 1, 8), 0);
	lsw_get_stats(&g.e, &st);
	printf("# fg gc bad block: %llu fg stalls, %llu victims, %llu aborts, %llu read errors\n",
	       (unsigned long long)st.fg_stalls,
	       (unsigned long long)st.gc_victims,
	       (unsigned long long)st.gc_aborts,
	       (unsigned long long)st.read_errors);
	CHECK(st.gc_aborts > 0);
	CHECK(st.read_errors >= st.gc_aborts);
	CHECK_EQ(lsw_map_get(&g.e, 0), lsw_mk(LSW_TAG_PHYS, (u32)bad));
	CHECK_EQ(g.e.eus[lsw_block_eu(&g.e, bad)].state, LSW_EU_SEALED);
	memset(junk, 0xa5, sizeof(junk));
	CHECK_EQ(lsw_load(&g.e, 0, junk), -EIO);
	ver[0] = 0;		/* lsw_load of slot 0 fails: skip it below */
	for (i = 1; i < n; i++)
		CHECK_EQ(gverify(&g, i, ver[i]), 0);
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	CHECK_EQ(g.dev.violations, 0);
	free(ver);
	grig_down(&g);
	return 0;
}

/*
 * No victim can be read: the flush fails with -EIO and keeps its pages
 * (LOG entries, readable); once reads work again the same flush goes
 * through and every victim given up on was SEALED again, none lost.
 */
static int t_gc_fg_no_victim_readable(void)
{
	struct grig g;
	u32 *ver;
	u64 n, i;
	int ret = 0;

	CHECK_EQ(fg_rig(&g, &ver), 0);
	n = g.e.cfg.nr_slots;
	g.fail_gc_read = ~0U;
	for (i = 0; i < 8 * n && !ret; i++) {
		u64 s = lsw_mix(i) % n;

		ret = gstore(&g, s, ver[s] + 1);
		if (!ret)
			ver[s]++;
	}
	CHECK_EQ(ret, -EIO);
	CHECK_EQ(g.e.nr_free, g.e.cfg.gc_reserve);
	for (i = 0; i < g.e.geo.nr_eus; i++)
		CHECK(g.e.eus[i].state != LSW_EU_GC);
	CHECK_EQ(verify_model(&g, ver, n), 0);	/* LOG pages included */
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	g.fail_gc_read = 0;
	CHECK_EQ(lsw_flush(&g.e, true), 0);
	return fg_done(&g, ver);
}

/*
 * Wear leveling: a static half (written once) and a hot set overwritten
 * over and over, with background GC as the driver runs it.  Without static
 * relocation the static EUs keep their single erase and the spread grows
 * with the run; with it the spread stays near wl_threshold.
 */
static int wl_run(u32 threshold, u32 *spread, u64 *moves)
{
	struct lsw_geometry geo = { .nr_eus = 32, .eu_stride = 32,
				    .eu_blocks = 32, .zoned = true,
				    .max_open = 4 };
	struct lsw_stats st;
	struct grig g;
	u64 n, half, hot, i;
	u32 *ver;

	CHECK_EQ(grig_up(&g, &geo, 8, 2, 90), 0);
	CHECK_EQ(lsw_set_gc_params(&g.e, LSW_GC_GREEDY, g.e.cfg.gc_low,
				   g.e.cfg.gc_high, threshold), 0);
	n = g.e.cfg.nr_slots;
	half = n / 2;
	hot = n / 8;
	ver = calloc(n, sizeof(*ver));
	for (i = 0; i < half; i++)
		CHECK_EQ(gstore(&g, i, ++ver[i]), 0);
	for (i = 0; i < 60 * n; i++) {
		u64 s = half + lsw_mix(i) % hot;

		CHECK_EQ(gstore(&g, s, ++ver[s]), 0);
		if (lsw_flush_pending(&g.e))
			CHECK_EQ(lsw_flush(&g.e, false), 0);
		/* the driver's GC worker, on LSW_EV_GC */
		if (g.gc_wanted && lsw_gc_wanted(&g.e)) {
			g.gc_wanted = false;
			CHECK(lsw_gc(&g.e, lsw_gc_target(&g.e)) >= 0);
		}
	}
	CHECK_EQ(lsw_flush(&g.e, true), 0);
	CHECK_EQ(verify_model(&g, ver, n), 0);
	CHECK_EQ(lsw_engine_check(&g.e), 0);
	CHECK_EQ(g.dev.violations, 0);
	lsw_get_stats(&g.e, &st);
	*spread = st.erase_max - st.erase_min;
	*moves = st.wl_moves;
	free(ver);
	grig_down(&g);
	return 0;
}

static int t_wear_leveling(void)
{
	u32 off, on;
	u64 moves_off, moves_on;

	CHECK_EQ(wl_run(~0U, &off, &moves_off), 0);
	CHECK_EQ(wl_run(4, &on, &moves_on), 0);
	printf("# wear leveling: erase spread %u without, %u with (threshold 4, %llu moves)\n",
	       off, on, (unsigned long long)moves_on);
	CHECK_EQ(moves_off, 0);
	CHECK(moves_on > 0);
	CHECK(off > 20);
	CHECK(on <= 4 + 4);
	CHECK(on < off);
	return 0;
}

/*
 * Every erase is of an EU just allocated: a HOT one must leave at least
 * gc_reserve EUs free; only the COLD stream dips into the reserve.
 */
static int reserve_hook(struct grig *g, u32 eu)
{
	u32 free = g->e.nr_free;

	if (g->e.eus[eu].stream == LSW_HOT) {
		if (free < g->e.cfg.gc_reserve) {
			fprintf(stderr, "  HOT took EU %u with %u free\n", eu,
				free);
			return -1;
		}
		g->min_free_hot = min(g->min_free_hot, (u64)free);
	}
	g->min_free = min(g->min_free, (u64)free);
	return 0;
}

/*
 * The reserve workload: 16 EUs of 48 blocks at @fill% logical fill,
 * 15 rewrites of every slot on average at random, the reserve hook
 * watching every EU the streams take.  With @background, the driver's
 * worker answers LSW_EV_GC (gc_low -> gc_high) after each store, and must
 * reach gc_high; without, only foreground GC in the flush path reclaims.
 * Checks every page against the model; @st gets the engine's counters.
 */
static int reserve_workload(struct grig *g, u32 fill, bool background,
			    struct lsw_stats *st)
{
	struct lsw_geometry geo = { .nr_eus = 16, .eu_stride = 64,
				    .eu_blocks = 48, .zoned = true,
				    .max_open = 3 };
	u32 *ver;
	u64 n, i;

	CHECK_EQ(grig_up(g, &geo, 16, 2, fill), 0);
	g->on_erase = reserve_hook;
	g->min_free_hot = g->min_free = ~0ULL;
	n = g->e.cfg.nr_slots;
	ver = calloc(n, sizeof(*ver));
	for (i = 0; i < 15 * n; i++) {
		u64 s = lsw_mix(i) % n;

		CHECK_EQ(gstore(g, s, ++ver[s]), 0);
		/* the driver's worker: queued on LSW_EV_GC, runs if wanted */
		if (background && g->gc_wanted && lsw_gc_wanted(&g->e)) {
			g->gc_wanted = false;
			CHECK(lsw_gc(&g->e, lsw_gc_target(&g->e)) >= 0);
			CHECK(g->e.nr_free >= g->e.cfg.gc_high);
		}
		CHECK_EQ(g->hook_ret, 0);
	}
	if (!background)
		CHECK_EQ(lsw_flush(&g->e, true), 0);
	lsw_get_stats(&g->e, st);
	CHECK(g->min_free_hot >= g->e.cfg.gc_reserve);
	CHECK_EQ(verify_model(g, ver, n), 0);
	CHECK_EQ(lsw_engine_check(&g->e), 0);
	CHECK_EQ(g->dev.violations, 0);
	free(ver);
	return 0;
}

/*
 * 100% logical fill, random overwrites, no background GC at all: every
 * flush that finds no EU runs foreground GC, which must always complete
 * (the COLD stream has the reserve); HOT never takes the reserve.
 */
static int t_gc_reserve_foreground(void)
{
	struct lsw_stats st;
	struct grig g;

	CHECK_EQ(reserve_workload(&g, 100, false, &st), 0);
	printf("# foreground GC at 100%%: %llu stalls, %llu runs, min free %llu (HOT %llu), reserve %u\n",
	       (unsigned long long)st.fg_stalls,
	       (unsigned long long)st.gc_runs,
	       (unsigned long long)g.min_free,
	       (unsigned long long)g.min_free_hot, g.e.cfg.gc_reserve);
	CHECK(st.fg_stalls > 0);
	CHECK_EQ(st.gc_runs, st.fg_stalls);	/* only foreground GC ran */
	CHECK(g.min_free < g.e.cfg.gc_reserve);	/* GC used the reserve */
	grig_down(&g);
	return 0;
}

/*
 * With the background worker answering LSW_EV_GC (gc_low -> gc_high), a
 * workload at 80% never stalls a flush; free EUs stay at or above the
 * reserve throughout.
 */
static int t_gc_background_keeps_up(void)
{
	struct lsw_stats st;
	struct grig g;

	CHECK_EQ(reserve_workload(&g, 80, true, &st), 0);
	printf("# background GC at 80%%: %llu runs, %llu stalls, min free %llu\n",
	       (unsigned long long)st.gc_runs,
	       (unsigned long long)st.fg_stalls,
	       (unsigned long long)g.min_free);
	CHECK(st.gc_runs > 0);
	CHECK_EQ(st.fg_stalls, 0);
	grig_down(&g);
	return 0;
}

/*
 * The tracepoint hook (lsw_backend_ops.tp): overwrites at full fill force
 * GC; every event agrees with the engine's state when it comes (g_tp) and
 * the counts with its statistics.
 */
static int t_gc_tracepoint_events(void)
{
	struct lsw_geometry geo = { .nr_eus = 16, .eu_stride = 32,
				    .eu_blocks = 32 };
	struct lsw_stats st;
	struct grig g;
	u64 slots, i;

	CHECK_EQ(grig_up(&g, &geo, 8, 2, 100), 0);
	slots = g.e.cfg.nr_slots;
	for (i = 0; i < 6 * slots; i++)
		CHECK_EQ(gstore(&g, lsw_mix(i) % slots, 1 + i / slots), 0);
	CHECK_EQ(lsw_flush(&g.e, true), 0);
	CHECK(lsw_gc(&g.e, geo.nr_eus) >= 0);
	lsw_get_stats(&g.e, &st);
	printf("# tp events: %llu segments, %llu victims, %llu relocations, %llu erases\n",
	       (unsigned long long)g.tp_n[LSW_TP_SEG_DONE],
	       (unsigned long long)g.tp_n[LSW_TP_GC_VICTIM],
	       (unsigned long long)g.tp_n[LSW_TP_RELOCATE],
	       (unsigned long long)g.tp_n[LSW_TP_ERASE]);
	if (g.tp_bad)
		fprintf(stderr, "  bad %s event\n", g.tp_bad);
	CHECK(!g.tp_bad);
	CHECK(st.gc_victims > 0 && st.gc_moved > 0);
	CHECK_EQ(g.tp_n[LSW_TP_SEG_SUBMIT], st.segments);
	CHECK_EQ(g.tp_n[LSW_TP_SEG_DONE], st.segments);
	CHECK_EQ(g.tp_blocks, st.flash_blocks);
	CHECK_EQ(g.tp_n[LSW_TP_GC_VICTIM], st.gc_victims);
	/* One thread: no page dies between its copy and its flush. */
	CHECK_EQ(g.tp_n[LSW_TP_RELOCATE], st.gc_moved);
	CHECK_EQ(g.tp_n[LSW_TP_ERASE], st.erases);
	grig_down(&g);
	return 0;
}

const struct lsw_test lsw_gc_tests[] = {
	{ "gc read error mid-victim keeps every page", t_gc_read_error_keeps_pages },
	{ "gc read error: freed victim not reused under pending copies", t_gc_read_error_no_aba },
	{ "foreground gc read error: next victim, no write fails", t_gc_fg_read_error_next_victim },
	{ "foreground gc: a whole run unreadable, the next one collects", t_gc_fg_read_error_whole_run },
	{ "foreground gc on a bad block: writes go on, its slot errors", t_gc_fg_bad_block },
	{ "foreground gc with no readable victim: -EIO, pages kept", t_gc_fg_no_victim_readable },
	{ "wear leveling narrows the erase spread", t_wear_leveling },
	{ "foreground gc at 100% fill, HOT never takes the reserve", t_gc_reserve_foreground },
	{ "background gc keeps flushes from stalling", t_gc_background_keeps_up },
	{ "tracepoint hook: events agree with the engine", t_gc_tracepoint_events },
};
const unsigned int lsw_nr_gc_tests = ARRAY_SIZE(lsw_gc_tests);
