// SPDX-License-Identifier: GPL-2.0
/*
 * Property test: random write / overwrite / read / free / flush / GC
 * sequences against a reference model, over both flash flavours and several
 * geometries.  After every step: the step's read matches the model, no flash
 * rule was broken, no WARN fired, and the engine's accounting (live counts,
 * bitmap, free EUs, buffers) agrees with its map.  Every so often every slot
 * is read back.  A failure prints the command that replays it.
 */
#include "lsw_test.h"

struct geo_case {
	const char *name;
	bool zoned;
	u32 nr_eus, stride, cap, seg, nbufs, max_open;
};

static const struct geo_case geos[] = {
	{ "conv seg<EU",        false, 24, 64, 64, 16, 2, 0 },
	{ "conv seg=EU",        false, 16, 32, 32, 32, 3, 0 },
	{ "zoned cap<size",     true,  20, 64, 48, 16, 2, 3 },
	{ "zoned seg=EU",       true,  12, 32, 32, 32, 2, 2 },
	{ "zoned small seg",    true,  40, 32, 32, 4,  4, 4 },
};

struct prop {
	struct lsw_ramdev dev;
	struct lsw_engine e;
	u32 *ver;		/* model: last version written, 0 = zeros */
	u64 rng;
	bool flush_wanted;
};

static u64 rnd(struct prop *p)
{
	p->rng = lsw_mix(p->rng);
	return p->rng;
}

static void prop_notify(void *priv, enum lsw_event ev)
{
	/* priv is the ramdev; the prop struct starts with it */
	struct prop *p = priv;

	if (ev == LSW_EV_FLUSH)
		p->flush_wanted = true;
}

static struct lsw_backend_ops prop_ops;

static int step(struct prop *p, u64 op, char *why, size_t len)
{
	static u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];
	u64 nslots = p->e.cfg.nr_slots, slot = rnd(p) % nslots;
	u32 r = rnd(p) % 1000;
	int ret;

	if (r < 450) {				/* write / overwrite */
		u32 v = rnd(p) % 10 == 0 ? 0 : p->ver[slot] + 1 + (r & 1);

		lsw_fill_page(page, slot, v);
		while ((ret = lsw_store(&p->e, slot, page)) == -EAGAIN) {
			ret = lsw_flush(&p->e, false);	/* backpressure */
			if (ret) {
				snprintf(why, len, "flush: %d", ret);
				return -1;
			}
		}
		if (ret) {
			snprintf(why, len, "store: %d", ret);
			return -1;
		}
		p->ver[slot] = v ? v : 0;
		if (!v)		/* keep versions unique after a zero page */
			p->ver[slot] = 0;
	} else if (r < 750) {			/* read */
		lsw_fill_page(want, slot, p->ver[slot]);
		ret = lsw_load(&p->e, slot, page);
		if (ret || memcmp(page, want, LSW_BLOCK_SIZE)) {
			snprintf(why, len, "slot %llu: read %d, data %s (want version %u, got %llu)",
				 (unsigned long long)slot, ret,
				 ret ? "-" : "wrong", p->ver[slot],
				 (unsigned long long)((u64 *)page)[1]);
			return -1;
		}
	} else if (r < 880) {			/* free */
		lsw_discard(&p->e, slot);
		p->ver[slot] = 0;
	} else if (r < 960) {			/* the flush worker runs */
		if (p->flush_wanted || r < 900) {
			p->flush_wanted = false;
			ret = lsw_flush(&p->e, r < 890);	/* some partial */
			if (ret) {
				snprintf(why, len, "flush: %d", ret);
				return -1;
			}
		}
	} else {				/* the GC worker runs */
		ret = lsw_gc(&p->e, r < 990 ? lsw_gc_target(&p->e) :
			     p->e.geo.nr_eus);
		if (ret < 0) {
			snprintf(why, len, "gc: %d", ret);
			return -1;
		}
	}
	(void)op;
	return 0;
}

static int verify_all(struct prop *p, char *why, size_t len)
{
	static u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];
	u64 s;

	for (s = 0; s < p->e.cfg.nr_slots; s++) {
		lsw_fill_page(want, s, p->ver[s]);
		if (lsw_load(&p->e, s, page) ||
		    memcmp(page, want, LSW_BLOCK_SIZE)) {
			snprintf(why, len, "full verify: slot %llu wrong",
				 (unsigned long long)s);
			return -1;
		}
	}
	return 0;
}

/* Run one seed; 0 or -1 with @why filled. */
static int run(const struct geo_case *gc, u64 seed, u64 ops, u32 fill_pct,
	       u64 *at, char *why, size_t len)
{
	struct lsw_geometry g = { .nr_eus = gc->nr_eus, .eu_stride = gc->stride,
				  .eu_blocks = gc->cap, .zoned = gc->zoned,
				  .max_open = gc->max_open };
	struct lsw_config c;
	struct prop *p = calloc(1, sizeof(*p));
	u64 i;
	int ret = 0;

	prop_ops = lsw_ramdev_ops;
	prop_ops.notify = prop_notify;
	lsw_default_config(&g, &c);
	c.seg_blocks = gc->seg;
	c.nr_buffers = gc->nbufs;
	c.gc_policy = seed & 1 ? LSW_GC_COST_BENEFIT : LSW_GC_GREEDY;
	c.wl_threshold = 8;
	c.nr_slots = lsw_max_slots(&g, &c) * fill_pct / 100;
	p->rng = seed;
	if (lsw_ramdev_init(&p->dev, &g, true) ||
	    lsw_engine_init(&p->e, &g, &c, &prop_ops, p)) {
		snprintf(why, len, "setup failed");
		free(p);
		return -1;
	}
	p->ver = calloc(c.nr_slots, sizeof(u32));
	for (i = 0; i < ops && !ret; i++) {
		unsigned long w = lsw_env_warnings;

		*at = i;
		ret = step(p, i, why, len);
		if (!ret && p->dev.violations) {
			snprintf(why, len, "flash rule: %s", p->dev.violation);
			ret = -1;
		}
		if (!ret && lsw_env_warnings != w) {
			snprintf(why, len, "WARN_ON_ONCE fired");
			ret = -1;
		}
		if (!ret && lsw_engine_check(&p->e)) {
			snprintf(why, len, "accounting check failed");
			ret = -1;
		}
		if (!ret && i % 4096 == 4095)
			ret = verify_all(p, why, len);
	}
	if (!ret)
		ret = verify_all(p, why, len);
	lsw_engine_destroy(&p->e);
	lsw_ramdev_destroy(&p->dev);
	free(p->ver);
	free(p);
	return ret;
}

int lsw_prop_main(int argc, char **argv, unsigned int *passed,
		  unsigned int *failed)
{
	u64 ops = 40000, total = 0, at = 0;
	u32 nseeds = 5, g, fills[] = { 100, 90, 60 };
	long geo_only = -1, seed_only = -1;
	char why[512];
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--geo") && i + 1 < argc)
			geo_only = atol(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed_only = atol(argv[++i]);
		else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
			ops = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seeds") && i + 1 < argc)
			nseeds = atoi(argv[++i]);
	}
	for (g = 0; g < ARRAY_SIZE(geos); g++) {
		u32 s, bad = 0;

		if (geo_only >= 0 && g != geo_only)
			continue;
		for (s = 0; s < nseeds; s++) {
			u64 seed = seed_only >= 0 ? (u64)seed_only : s + 1;
			u32 fill = fills[seed % ARRAY_SIZE(fills)];

			if (run(&geos[g], seed, ops, fill, &at, why,
				sizeof(why))) {
				fprintf(stderr, "  %s seed %llu fill %u%%: step %llu: %s\n"
					"  replay: build/unit/lsw_unit --prop --geo %u --seed %llu --ops %llu --seeds 1\n",
					geos[g].name, (unsigned long long)seed,
					fill, (unsigned long long)at, why, g,
					(unsigned long long)seed,
					(unsigned long long)(at + 1));
				bad++;
				break;
			}
			total += ops;
			if (seed_only >= 0)
				break;
		}
		printf("%sok - property: %s, %u seeds x %llu ops\n",
		       bad ? "not " : "", geos[g].name, nseeds,
		       (unsigned long long)ops);
		if (bad)
			(*failed)++;
		else
			(*passed)++;
	}
	printf("# property test: %llu operations\n", (unsigned long long)total);
	return 0;
}
