// SPDX-License-Identifier: GPL-2.0
/*
 * Property test: random write / overwrite / read / free / flush / GC
 * sequences against a reference model, over both flash flavours and several
 * geometries.  After every step: the step's read matches the model, no flash
 * rule was broken, no WARN fired, and the engine's accounting (live counts,
 * bitmap, free EUs, buffers) agrees with its map.  Every so often every slot
 * is read back.  A failure prints the command that replays it.
 */
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#include "lsw_test.h"

/* How segment writes reach the RAM device. */
enum prop_io {
	IO_SYNC,		/* ops->write, done on return */
	IO_ASYNC,		/* ops->submit, completed later in any order */
	IO_APPEND,		/* zoned: zone append, offset picked at completion */
};

struct geo_case {
	const char *name;
	bool zoned;
	u32 nr_eus, stride, cap, seg, nbufs, max_open;
	enum prop_io io;
};

static const struct geo_case geos[] = {
	{ "conv seg<EU",        false, 24, 64, 64, 16, 2, 0, IO_SYNC },
	{ "conv seg=EU",        false, 16, 32, 32, 32, 3, 0, IO_SYNC },
	{ "zoned cap<size",     true,  20, 64, 48, 16, 2, 3, IO_SYNC },
	{ "zoned seg=EU",       true,  12, 32, 32, 32, 2, 2, IO_SYNC },
	{ "zoned small seg",    true,  40, 32, 32, 4,  4, 4, IO_SYNC },
	/* Several segment writes in flight, completing out of order. */
	{ "conv seg<EU async",  false, 24, 64, 64, 16, 4, 0, IO_ASYNC },
	{ "conv small seg async", false, 40, 32, 32, 4, 6, 0, IO_ASYNC },
	{ "zoned cap<size async ordered", true, 20, 64, 48, 16, 4, 3, IO_ASYNC },
	{ "zoned cap<size zone append", true, 20, 64, 48, 16, 4, 3, IO_APPEND },
	{ "zoned small seg zone append", true, 40, 32, 32, 4, 6, 4, IO_APPEND },
};

struct prop {
	struct lsw_ramdev dev;
	struct lsw_engine e;
	u32 *ver;		/* model: last version written, 0 = zeros */
	u64 rng;
	bool flush_wanted;
	bool async;
};

static u64 rnd(struct prop *p)
{
	p->rng = lsw_mix(p->rng);
	return p->rng;
}

/* Complete one queued segment write, a random one. */
static void complete_one(struct prop *p)
{
	u32 n = lsw_ramdev_pending(&p->dev);

	if (n)
		lsw_ramdev_complete(&p->dev, rnd(p) % n);
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
			u32 pending = p->async ? lsw_ramdev_pending(&p->dev) : 0;

			ret = lsw_flush(&p->e, false);	/* backpressure */
			if (ret) {
				snprintf(why, len, "flush: %d", ret);
				return -1;
			}
			if (!p->async || lsw_can_store(&p->e))
				continue;
			/* Every buffer in flight or waiting: complete one. */
			if (!pending && !lsw_ramdev_pending(&p->dev)) {
				snprintf(why, len, "no buffer and nothing in flight");
				return -1;
			}
			complete_one(p);
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
	/* The device completes writes at its own pace, in any order. */
	if (p->async && rnd(p) % 3 == 0) {
		complete_one(p);
		if (rnd(p) % 8 == 0)
			complete_one(p);
	}
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

/* The geometry of @gc and the configuration a seed runs it with. */
static void prop_setup(const struct geo_case *gc, u64 seed, u32 fill_pct,
		       struct lsw_geometry *g, struct lsw_config *c)
{
	*g = (struct lsw_geometry){ .nr_eus = gc->nr_eus,
				    .eu_stride = gc->stride,
				    .eu_blocks = gc->cap, .zoned = gc->zoned,
				    .max_open = gc->max_open,
				    .zone_append = gc->io == IO_APPEND };
	lsw_default_config(g, c);
	c->seg_blocks = gc->seg;
	c->nr_buffers = gc->nbufs;
	c->gc_policy = seed & 1 ? LSW_GC_COST_BENEFIT : LSW_GC_GREEDY;
	c->wl_threshold = 8;
	c->nr_slots = lsw_max_slots(g, c) * fill_pct / 100;
}

/* Run one seed; 0 or -1 with @why filled. */
static int run(const struct geo_case *gc, u64 seed, u64 ops, u32 fill_pct,
	       u64 *at, char *why, size_t len)
{
	struct lsw_geometry g;
	struct lsw_config c;
	struct prop *p = calloc(1, sizeof(*p));
	u64 i;
	int ret = 0;

	prop_ops = lsw_ramdev_ops;
	prop_ops.notify = prop_notify;
	if (gc->io != IO_SYNC)
		prop_ops.submit = lsw_ramdev_submit;
	p->async = gc->io != IO_SYNC;
	prop_setup(gc, seed, fill_pct, &g, &c);
	p->rng = seed;
	if (lsw_ramdev_init(&p->dev, &g, true) ||
	    lsw_engine_init(&p->e, &g, &c, &prop_ops, p) ||
	    (p->async && lsw_ramdev_set_async(&p->dev, &p->e))) {
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
	if (!ret && p->async) {
		/* Drain: every write completes, in a random order. */
		lsw_ramdev_complete_all(&p->dev, &p->rng);
		if (lsw_flush(&p->e, true))
			snprintf(why, len, "final flush failed"), ret = -1;
		lsw_ramdev_complete_all(&p->dev, &p->rng);
		if (!ret && (lsw_inflight(&p->e) || p->dev.violations ||
			     lsw_engine_check(&p->e)))
			snprintf(why, len, "after the drain: %u in flight, %s",
				 lsw_inflight(&p->e), p->dev.violation), ret = -1;
		if (!ret)
			ret = verify_all(p, why, len);
		/* It did run with several writes in flight. */
		if (!ret && p->dev.max_pending < 2)
			snprintf(why, len, "at most %llu write in flight",
				 (unsigned long long)p->dev.max_pending), ret = -1;
	}
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

/*
 * Concurrent property test: GC under concurrent writes and frees.
 *
 * Threads as in the driver: writers (each owns a disjoint slot range and
 * keeps its own model: store random or zero pages, overwrite, free, read
 * back its own slots exactly), a flusher (lsw_flush on LSW_EV_FLUSH or
 * backpressure, sometimes partial), a GC thread (lsw_gc with various
 * targets, policy and tunables switched at run time) and readers (any
 * slot, lsw_read_begin / device read / lsw_read_valid with retries).  A
 * reader of a slot its owner is changing accepts zeros or a version no
 * older than the last one finished before the read began: never a dead
 * version.  At the end of each phase every thread is joined and the
 * engine is checked at rest: lsw_engine_check, the live and zero slot
 * counts and every EU's live count against the models, and every slot
 * read back.
 */
#define MT_WRITERS	3
#define MT_READERS	2
#define MT_PHASES	3

struct mt {
	struct lsw_ramdev dev;		/* first: the RAM ops take priv as it */
	struct lsw_engine e;
	struct lsw_backend_ops ops;
	u64 nslots;
	/* per slot; written by the owner, read by everyone (atomics) */
	u32 *start;			/* number of the op begun last */
	u32 *done;			/* number of the op finished last */
	u32 *content;			/* version the slot holds, 0 = zeros */
	u8 *kind;			/* owner only: 0 none, 1 zero, 2 data */
	pthread_mutex_t mu;		/* wake-ups: flusher and writers */
	pthread_cond_t cv;
	int want_flush;
	int writers_left;
	int stop;
	int failed;
	char why[256];
	u64 seed, ops_per_writer;
	u64 reads, retries, stores, frees, gcs, policy_switches;
};

struct mt_thread {
	struct mt *m;
	u32 id;
	u64 rng;
};

static u64 mt_rnd(struct mt_thread *t)
{
	t->rng = lsw_mix(t->rng);
	return t->rng;
}

static bool mt_failed(struct mt *m)
{
	return __atomic_load_n(&m->failed, __ATOMIC_ACQUIRE);
}

static void mt_fail(struct mt *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void mt_fail(struct mt *m, const char *fmt, ...)
{
	int zero = 0;
	va_list ap;

	if (!__atomic_compare_exchange_n(&m->failed, &zero, 1, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	va_start(ap, fmt);
	vsnprintf(m->why, sizeof(m->why), fmt, ap);
	va_end(ap);
}

static void mt_wake(struct mt *m, bool flush)
{
	pthread_mutex_lock(&m->mu);
	if (flush)
		m->want_flush = 1;
	pthread_cond_broadcast(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

static void mt_notify(void *priv, enum lsw_event ev)
{
	struct mt *m = priv;

	/* Called under the engine's lock: only wake threads up. */
	if (ev == LSW_EV_FLUSH)
		mt_wake(m, true);
	else if (ev == LSW_EV_BUF_FREE)
		mt_wake(m, false);
}

static void mt_wait(struct mt *m, u32 usec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += usec * 1000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&m->cv, &m->mu, &ts);
}

/* A host read as the driver does it: 0 and @page filled, or -errno. */
static int mt_read(struct mt *m, u64 slot, u8 *page)
{
	struct lsw_read_tok tok;
	u32 tries;
	int ret;

	for (tries = 0; tries < 1000; tries++) {
		ret = lsw_read_begin(&m->e, slot, page, &tok);
		if (ret <= 0)
			return ret;
		ret = lsw_ramdev_host_read(&m->dev, tok.block, page);
		if (ret) {
			lsw_note_read(&m->e, ret);
			return ret;
		}
		if (lsw_read_valid(&m->e, slot, &tok)) {
			lsw_note_read(&m->e, 0);
			return 0;
		}
		lsw_note_read(&m->e, -EAGAIN);
		__atomic_fetch_add(&m->retries, 1, __ATOMIC_RELAXED);
	}
	return -ELOOP;
}

static void *mt_writer(void *arg)
{
	struct mt_thread *t = arg;
	struct mt *m = t->m;
	u64 lo = m->nslots * t->id / MT_WRITERS;
	u64 hi = m->nslots * (t->id + 1) / MT_WRITERS, i;
	static __thread u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];

	for (i = 0; i < m->ops_per_writer && !mt_failed(m); i++) {
		/* skewed: a hot eighth takes 3/4 of the ops (wear leveling) */
		u64 span = mt_rnd(t) % 4 ? max_t(u64, (hi - lo) / 8, 1) : hi - lo;
		u64 s = lo + mt_rnd(t) % span;
		u32 r = mt_rnd(t) % 100, v;
		int ret;

		if (r >= 80) {			/* read back its own slot */
			lsw_fill_page(want, s, m->content[s]);
			ret = mt_read(m, s, page);
			if (ret || memcmp(page, want, LSW_BLOCK_SIZE))
				mt_fail(m, "writer %u: slot %llu: read %d, want version %u, got %llu",
					t->id, (unsigned long long)s, ret,
					m->content[s],
					(unsigned long long)((u64 *)page)[1]);
			continue;
		}
		v = m->start[s] + 1;
		__atomic_store_n(&m->start[s], v, __ATOMIC_SEQ_CST);
		if (r < 60) {			/* store: data or zeros */
			bool zero = mt_rnd(t) % 10 == 0;

			lsw_fill_page(page, s, zero ? 0 : v);
			while ((ret = lsw_store(&m->e, s, page)) == -EAGAIN &&
			       !mt_failed(m)) {
				pthread_mutex_lock(&m->mu);
				m->want_flush = 1;	/* backpressure */
				pthread_cond_broadcast(&m->cv);
				if (!lsw_can_store(&m->e))
					mt_wait(m, 2000);
				pthread_mutex_unlock(&m->mu);
			}
			if (ret && ret != -EAGAIN)
				mt_fail(m, "store: %d", ret);
			__atomic_store_n(&m->content[s], zero ? 0 : v,
					 __ATOMIC_SEQ_CST);
			m->kind[s] = zero ? 1 : 2;
			__atomic_fetch_add(&m->stores, 1, __ATOMIC_RELAXED);
		} else {			/* free */
			lsw_discard(&m->e, s);
			__atomic_store_n(&m->content[s], 0, __ATOMIC_SEQ_CST);
			m->kind[s] = 0;
			__atomic_fetch_add(&m->frees, 1, __ATOMIC_RELAXED);
		}
		__atomic_store_n(&m->done[s], v, __ATOMIC_SEQ_CST);
	}
	pthread_mutex_lock(&m->mu);
	if (!--m->writers_left)
		__atomic_store_n(&m->stop, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&m->cv);
	pthread_mutex_unlock(&m->mu);
	return NULL;
}

static bool mt_stopped(struct mt *m)
{
	return __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE) || mt_failed(m);
}

static void *mt_flusher(void *arg)
{
	struct mt_thread *t = arg;
	struct mt *m = t->m;
	int ret;

	while (!mt_stopped(m)) {
		pthread_mutex_lock(&m->mu);
		while (!m->want_flush && !lsw_flush_pending(&m->e) &&
		       !m->stop && !mt_failed(m))
			mt_wait(m, 1000);
		m->want_flush = 0;
		pthread_mutex_unlock(&m->mu);
		ret = lsw_flush(&m->e, mt_rnd(t) % 8 == 0);
		if (ret)
			mt_fail(m, "flush: %d", ret);
	}
	/* Writers may wait for a buffer until the very end. */
	mt_wake(m, false);
	return NULL;
}

/*
 * The device (asynchronous geometries): completes queued segment writes
 * in a random order, concurrently with stores, reads, flushes and GC.
 */
static void *mt_device(void *arg)
{
	struct mt_thread *t = arg;
	struct mt *m = t->m;
	u32 n;

	while (!mt_stopped(m)) {
		n = lsw_ramdev_pending(&m->dev);
		if (!n) {
			sched_yield();
			continue;
		}
		/* Let a few queue up now and then: several in flight. */
		if (n < 2 && mt_rnd(t) % 2)
			sched_yield();
		else
			lsw_ramdev_complete(&m->dev, mt_rnd(t) % n);
	}
	return NULL;
}

static void *mt_gc(void *arg)
{
	struct mt_thread *t = arg;
	struct mt *m = t->m;
	struct lsw_engine *e = &m->e;
	int ret;

	while (!mt_stopped(m)) {
		u32 r = mt_rnd(t) % 100, target;

		if (r < 10) {		/* the sysfs knobs change under load */
			enum lsw_gc_policy pol = mt_rnd(t) % LSW_GC_NR_POLICIES;
			u32 low = e->cfg.gc_reserve + 1 + mt_rnd(t) % 3;

			ret = lsw_set_gc_params(e, pol, low, low + mt_rnd(t) % 3,
						2 + mt_rnd(t) % 6);
			if (ret)
				mt_fail(m, "set_gc_params: %d", ret);
			__atomic_fetch_add(&m->policy_switches, 1,
					   __ATOMIC_RELAXED);
			continue;
		}
		if (r < 70)
			target = lsw_gc_target(e);
		else if (r < 90)
			target = e->cfg.gc_reserve + 1 + mt_rnd(t) % 4;
		else
			target = e->geo.nr_eus;		/* all it can */
		ret = lsw_gc(e, target);
		if (ret < 0)
			mt_fail(m, "gc(%u): %d", target, ret);
		__atomic_fetch_add(&m->gcs, 1, __ATOMIC_RELAXED);
		usleep(mt_rnd(t) % 300);
	}
	return NULL;
}

static void *mt_reader(void *arg)
{
	struct mt_thread *t = arg;
	struct mt *m = t->m;
	static __thread u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];

	while (!mt_stopped(m)) {
		u64 s = mt_rnd(t) % m->nslots;
		u32 d, c, st1, st2, got;
		int ret;

		d = __atomic_load_n(&m->done[s], __ATOMIC_SEQ_CST);
		c = __atomic_load_n(&m->content[s], __ATOMIC_SEQ_CST);
		st1 = __atomic_load_n(&m->start[s], __ATOMIC_SEQ_CST);
		ret = mt_read(m, s, page);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		st2 = __atomic_load_n(&m->start[s], __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&m->reads, 1, __ATOMIC_RELAXED);
		if (ret) {
			mt_fail(m, "reader: slot %llu: read %d",
				(unsigned long long)s, ret);
			break;
		}
		got = ((u64 *)page)[1];
		if (st1 == d && st2 == d) {	/* quiet slot: exact */
			lsw_fill_page(want, s, c);
			if (memcmp(page, want, LSW_BLOCK_SIZE))
				mt_fail(m, "reader: quiet slot %llu: want version %u, got %u",
					(unsigned long long)s, c, got);
			continue;
		}
		if (lsw_page_is_zero(page))
			continue;		/* a zero page or free in flight */
		lsw_fill_page(want, s, got);
		if (got < c || got > st2 || memcmp(page, want, LSW_BLOCK_SIZE))
			mt_fail(m, "reader: busy slot %llu: version %u outside [%u, %u] or torn",
				(unsigned long long)s, got, c, st2);
	}
	return NULL;
}

/* At rest: the engine against every writer's model. */
static int mt_check_rest(struct mt *m, char *why, size_t len)
{
	static u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];
	struct lsw_engine *e = &m->e;
	u64 s, live = 0, zero = 0;
	u32 *eu_live, i;
	int ret = 0;

	if (lsw_engine_check(e)) {
		snprintf(why, len, "accounting check failed");
		return -1;
	}
	eu_live = calloc(e->geo.nr_eus, sizeof(*eu_live));
	for (s = 0; s < m->nslots; s++) {
		u32 entry = e->map[s];

		live += m->kind[s] == 2;
		zero += m->kind[s] == 1;
		if (lsw_tag(entry) == LSW_TAG_PHYS)
			eu_live[lsw_block_eu(e, lsw_payload(entry))]++;
		if ((m->kind[s] == 2) != (lsw_tag(entry) == LSW_TAG_PHYS ||
					  lsw_tag(entry) == LSW_TAG_LOG) ||
		    (m->kind[s] == 1) != (lsw_tag(entry) == LSW_TAG_ZERO)) {
			snprintf(why, len, "slot %llu: kind %u, entry tag %u",
				 (unsigned long long)s, m->kind[s],
				 lsw_tag(entry));
			ret = -1;
			goto out;
		}
		lsw_fill_page(want, s, m->content[s]);
		if (mt_read(m, s, page) || memcmp(page, want, LSW_BLOCK_SIZE)) {
			snprintf(why, len, "at rest: slot %llu: want version %u, got %llu",
				 (unsigned long long)s, m->content[s],
				 (unsigned long long)((u64 *)page)[1]);
			ret = -1;
			goto out;
		}
	}
	if (live != e->st.live_slots || zero != e->st.zero_slots) {
		snprintf(why, len, "model %llu live / %llu zero, engine %llu / %llu",
			 (unsigned long long)live, (unsigned long long)zero,
			 (unsigned long long)e->st.live_slots,
			 (unsigned long long)e->st.zero_slots);
		ret = -1;
		goto out;
	}
	for (i = 0; i < e->geo.nr_eus; i++) {
		if (eu_live[i] != e->eus[i].live) {
			snprintf(why, len, "EU %u: %u slots point here, live %u",
				 i, eu_live[i], e->eus[i].live);
			ret = -1;
			goto out;
		}
	}
out:
	free(eu_live);
	return ret;
}

static int mt_run(const struct geo_case *gc, u64 seed, u32 fill_pct,
		  u64 ops, char *why, size_t len)
{
	struct lsw_geometry g;
	pthread_t th[MT_WRITERS + MT_READERS + 3];
	struct mt_thread ts[MT_WRITERS + MT_READERS + 3];
	u32 nth = MT_WRITERS + MT_READERS + 2 + (gc->io != IO_SYNC);
	u64 drain_rng = seed;
	unsigned long w0 = lsw_env_warnings;
	struct lsw_config c;
	struct mt *m = calloc(1, sizeof(*m));
	u32 phase, i, n;
	int ret = 0;

	prop_setup(gc, seed, fill_pct, &g, &c);
	c.nr_lanes = gc->nbufs / 2;	/* writers fill buffers of their own */
	m->ops = lsw_ramdev_ops;
	m->ops.notify = mt_notify;
	if (gc->io != IO_SYNC)
		m->ops.submit = lsw_ramdev_submit;
	m->nslots = c.nr_slots;
	m->seed = seed;
	m->ops_per_writer = ops;
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	m->start = calloc(m->nslots, sizeof(u32));
	m->done = calloc(m->nslots, sizeof(u32));
	m->content = calloc(m->nslots, sizeof(u32));
	m->kind = calloc(m->nslots, 1);
	if (lsw_ramdev_init(&m->dev, &g, true) ||
	    lsw_engine_init(&m->e, &g, &c, &m->ops, m) ||
	    (gc->io != IO_SYNC && lsw_ramdev_set_async(&m->dev, &m->e))) {
		snprintf(why, len, "setup failed");
		return -1;
	}
	for (phase = 0; phase < MT_PHASES && !ret; phase++) {
		m->stop = 0;
		m->writers_left = MT_WRITERS;
		n = 0;
		for (i = 0; i < nth; i++) {
			void *(*fn)(void *);

			ts[i].m = m;
			ts[i].rng = lsw_mix(seed * 1000 + phase * 100 + i);
			ts[i].id = i < MT_WRITERS ? i : i - MT_WRITERS;
			fn = i < MT_WRITERS ? mt_writer :
			     i < MT_WRITERS + MT_READERS ? mt_reader :
			     i == MT_WRITERS + MT_READERS ? mt_flusher :
			     i == MT_WRITERS + MT_READERS + 1 ? mt_gc : mt_device;
			if (pthread_create(&th[i], NULL, fn, &ts[i]))
				break;
			n++;
		}
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
		/* At rest: every write in flight completes, in any order. */
		for (i = 0; gc->io != IO_SYNC && i < 64; i++) {
			lsw_ramdev_complete_all(&m->dev, &drain_rng);
			if (!lsw_flush_pending(&m->e))
				break;
			if (lsw_flush(&m->e, false))
				break;
		}
		if (n != nth) {
			snprintf(why, len, "pthread_create failed");
			ret = -1;
		} else if (m->failed) {
			snprintf(why, len, "phase %u: %s", phase, m->why);
			ret = -1;
		} else if (m->dev.violations) {
			snprintf(why, len, "flash rule: %s", m->dev.violation);
			ret = -1;
		} else if (lsw_env_warnings != w0) {
			snprintf(why, len, "WARN_ON_ONCE fired");
			ret = -1;
		}
		if (!ret)
			ret = mt_check_rest(m, why, len);
		/* Now and then the driver's REQ_PREFLUSH at rest. */
		if (!ret && phase % 2 && lsw_flush(&m->e, true)) {
			snprintf(why, len, "partial flush at rest failed");
			ret = -1;
		}
		for (i = 0; !ret && gc->io != IO_SYNC && i < 64; i++) {
			lsw_ramdev_complete_all(&m->dev, &drain_rng);
			if (!lsw_flush_pending(&m->e))
				break;
			if (lsw_flush(&m->e, false))
				break;
		}
		if (!ret && (lsw_inflight(&m->e) || lsw_flush_pending(&m->e))) {
			snprintf(why, len, "at rest: %u writes in flight, %d queued",
				 lsw_inflight(&m->e), lsw_flush_pending(&m->e));
			ret = -1;
		}
		if (!ret)
			ret = mt_check_rest(m, why, len);
	}
	if (!ret && gc->io != IO_SYNC && m->dev.max_pending < 2) {
		snprintf(why, len, "never two writes in flight");
		ret = -1;
	}
	if (!ret && (!m->e.st.gc_runs || !m->e.st.gc_moved)) {
		snprintf(why, len, "GC never moved a page (%llu runs)",
			 (unsigned long long)m->e.st.gc_runs);
		ret = -1;
	}
	printf("# concurrent %s seed %llu fill %u%%: %llu stores, %llu frees, %llu reads (%llu retried), %llu gc calls, %llu moved, %llu fg stalls, %llu wl moves, %llu knob changes\n",
	       gc->name, (unsigned long long)seed, fill_pct,
	       (unsigned long long)m->stores, (unsigned long long)m->frees,
	       (unsigned long long)m->reads, (unsigned long long)m->retries,
	       (unsigned long long)m->gcs,
	       (unsigned long long)m->e.st.gc_moved,
	       (unsigned long long)m->e.st.fg_stalls,
	       (unsigned long long)m->e.st.wl_moves,
	       (unsigned long long)m->policy_switches);
	lsw_engine_destroy(&m->e);
	lsw_ramdev_destroy(&m->dev);
	free(m->start);
	free(m->done);
	free(m->content);
	free(m->kind);
	pthread_cond_destroy(&m->cv);
	pthread_mutex_destroy(&m->mu);
	free(m);
	return ret;
}

/* Geometries of the concurrent test (indexes into geos[]) and fills. */
static const u32 mt_geos[] = { 0, 2, 4, 5, 7, 9 };
static const u32 mt_fills[] = { 100, 90, 75 };

int lsw_prop_mt_main(int argc, char **argv, unsigned int *passed,
		     unsigned int *failed)
{
	u64 ops = 6000, seed0 = 1;
	u32 nseeds = 2, i, s;
	char why[512];
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--mt-ops") && a + 1 < argc)
			ops = strtoull(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--mt-seeds") && a + 1 < argc)
			nseeds = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--mt-seed") && a + 1 < argc)
			seed0 = strtoull(argv[++a], NULL, 0);
	}
	for (i = 0; i < ARRAY_SIZE(mt_geos); i++) {
		const struct geo_case *gc = &geos[mt_geos[i]];
		/* Asynchronous runs are slower (one more thread): half. */
		u64 gops = gc->io != IO_SYNC ? (ops + 1) / 2 : ops;
		bool bad = false;

		for (s = 0; s < nseeds && !bad; s++) {
			u64 seed = seed0 + s;
			u32 fill = mt_fills[(i + s) % ARRAY_SIZE(mt_fills)];

			if (mt_run(gc, seed, fill, gops, why, sizeof(why))) {
				fprintf(stderr, "  concurrent %s seed %llu fill %u%%: %s\n"
					"  rerun (thread timing varies): build/unit/lsw_unit --mt --mt-seed %llu --mt-seeds 1\n",
					gc->name, (unsigned long long)seed,
					fill, why, (unsigned long long)seed);
				bad = true;
			}
		}
		printf("%sok - concurrent GC property: %s, %u seeds x %u writers x %d phases x %llu ops\n",
		       bad ? "not " : "", gc->name, nseeds, MT_WRITERS,
		       MT_PHASES, (unsigned long long)gops);
		if (bad)
			(*failed)++;
		else
			(*passed)++;
	}
	return 0;
}
