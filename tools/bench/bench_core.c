// SPDX-License-Identifier: GPL-2.0
/*
 * Core engine micro-benchmark.  Modes:
 *  (none)          ns per stored and per loaded page over the RAM flash
 *                  device, 1.5x overwrite of a 75% full device with GC
 *                  (median of 5 runs);
 *  --callgrind     only stores, for callgrind's instructions per store;
 *  --mt T          store throughput of T threads storing distinct slots
 *                  into a device large enough that GC never runs, over a
 *                  backend that keeps no data (the store path, not the
 *                  device): prints ns per store for T threads;
 *  --memcpy T      T threads copying pages, nothing shared: the machine's
 *                  bound on --mt's scaling;
 *  --seg-cost N [cb]  cost per flushed segment (HOT and COLD) on a device
 *                  of N EUs in steady-state GC (greedy, or cost-benefit
 *                  with cb): the time spent in lsw_flush
 *                  and lsw_gc (EU allocation, victim choice, relocation,
 *                  flush completion) divided by the segments written.
 */
#include <time.h>
#include "lsw_env.h"
#include "core/lsw_core.h"
#include "ramdev.h"

#define NPAGES	64		/* distinct non-zero page images */

static u8 pages[NPAGES][LSW_BLOCK_SIZE];

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 xorshift(u64 *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Store @n pages at pseudo-random slots, flushing on backpressure. */
static void store_n(struct lsw_engine *e, u64 n)
{
	u64 i, x = 88172645463325252ULL;

	for (i = 0; i < n; i++) {
		xorshift(&x);
		while (lsw_store(e, x % e->cfg.nr_slots, pages[i % NPAGES]) ==
		       -EAGAIN)
			lsw_flush(e, false);
	}
	lsw_flush(e, true);
}

/*
 * A backend that keeps only what the engine reads back: the owners of
 * every written block and the header of every summary, so that GC can
 * walk a device of 256k EUs without 4 KiB kept per segment.  Data reads
 * return whatever the buffer held: the benchmark does not look at pages.
 */
struct sumdev {
	u32 *owner;		/* per block */
	u64 *seq;		/* per block: segment seq if a summary, else 0 */
	u32 *count;		/* per block: summary's count */
	u8 *stream;
	u32 eu_stride;
};

static int sd_write(void *priv, u64 block, const void *buf, u32 nr)
{
	struct sumdev *d = priv;
	const struct lsw_summary *s = (const void *)((const u8 *)buf +
				      (size_t)(nr - 1) * LSW_BLOCK_SIZE);
	u64 sum = block + nr - 1;
	u32 i, n = le32_to_cpu(s->count);

	for (i = 0; i < n; i++)
		d->owner[sum - n + i] = le32_to_cpu(s->owner[i]);
	d->seq[sum] = le64_to_cpu(s->seq);
	d->count[sum] = n;
	d->stream[sum] = le16_to_cpu(s->stream);
	return 0;
}

static int sd_read(void *priv, u64 block, void *buf, u32 nr)
{
	struct sumdev *d = priv;

	if (nr == 1 && d->seq[block])
		lsw_summary_build(buf, d->seq[block], d->stream[block],
				  block / d->eu_stride,
				  d->owner + block - d->count[block],
				  d->count[block]);
	return 0;
}

static int sd_erase(void *priv, u32 eu)
{
	return 0;
}

static const struct lsw_backend_ops sd_ops = {
	.write = sd_write,
	.read = sd_read,
	.erase = sd_erase,
};

static int sd_init(struct sumdev *d, const struct lsw_geometry *g)
{
	u64 n = (u64)g->nr_eus * g->eu_stride;

	d->owner = calloc(n, sizeof(u32));
	d->seq = calloc(n, sizeof(u64));
	d->count = calloc(n, sizeof(u32));
	d->stream = calloc(n, 1);
	d->eu_stride = g->eu_stride;
	return d->owner && d->seq && d->count && d->stream ? 0 : -ENOMEM;
}

static void sd_destroy(struct sumdev *d)
{
	free(d->owner);
	free(d->seq);
	free(d->count);
	free(d->stream);
}

/* --seg-cost N [cb]: ns per flushed segment in steady-state GC. */
static int seg_cost(u32 nr_eus, bool cost_benefit)
{
	struct lsw_geometry g = { .nr_eus = nr_eus, .eu_stride = 64,
				  .eu_blocks = 64 };
	u64 i, x = 88172645463325252ULL, t, busy = 0, seg0, n;
	struct lsw_engine e;
	struct lsw_config c;
	struct sumdev d;
	int ret;

	lsw_default_config(&g, &c);
	c.seg_blocks = 16;
	c.gc_policy = cost_benefit ? LSW_GC_COST_BENEFIT : LSW_GC_GREEDY;
	c.nr_slots = lsw_max_slots(&g, &c) * 3 / 4;
	if (sd_init(&d, &g) || lsw_engine_init(&e, &g, &c, &sd_ops, &d))
		return 1;
	n = c.nr_slots;
	/* Fill, then overwrite once to reach steady state: not timed. */
	for (i = 0; i < 2 * n; i++) {
		while (lsw_store(&e, i < n ? i : xorshift(&x) % n,
				 pages[i % NPAGES]) == -EAGAIN) {
			if (lsw_gc_wanted(&e))
				lsw_gc(&e, lsw_gc_target(&e));
			lsw_flush(&e, false);
		}
	}
	seg0 = e.st.segments;
	/* Timed: the flushes and GC runs of another half overwrite. */
	for (i = 0; i < n / 2; i++) {
		while ((ret = lsw_store(&e, xorshift(&x) % n,
					pages[i % NPAGES])) == -EAGAIN) {
			t = now_ns();
			if (lsw_gc_wanted(&e))
				lsw_gc(&e, lsw_gc_target(&e));
			lsw_flush(&e, false);
			busy += now_ns() - t;
		}
	}
	printf("seg_cost_ns%s %u: %llu (%llu segments, flash/host %.3f, gc_moved %llu)\n",
	       cost_benefit ? "_cost_benefit" : "", nr_eus,
	       (unsigned long long)(busy / (e.st.segments - seg0)),
	       (unsigned long long)(e.st.segments - seg0),
	       (double)e.st.flash_blocks / e.st.host_writes,
	       (unsigned long long)e.st.gc_moved);
	lsw_engine_destroy(&e);
	sd_destroy(&d);
	return 0;
}

/* --mt T: T threads store distinct slots; ns per store, all threads. */
struct mt_arg {
	struct lsw_engine *e;
	u64 first, n;
	pthread_barrier_t *bar;
};

static void *mt_store(void *p)
{
	struct mt_arg *a = p;
	u64 i;

	pthread_barrier_wait(a->bar);
	for (i = 0; i < a->n; i++)
		while (lsw_store(a->e, a->first + i, pages[i % NPAGES]) ==
		       -EAGAIN)
			lsw_flush(a->e, false);
	return NULL;
}

static int store_mt(int nthreads)
{
	struct lsw_geometry g = { .nr_eus = 1024, .eu_stride = 1024,
				  .eu_blocks = 1024 };	/* 4 GiB */
	struct mt_arg a[8];
	pthread_t th[8];
	pthread_barrier_t bar;
	struct lsw_engine e;
	struct lsw_config c;
	struct sumdev d;
	u64 n, t;
	int i;

	if (nthreads < 1 || nthreads > 8)
		return 1;
	lsw_default_config(&g, &c);
	c.nr_lanes = 2;		/* nr_buffers 4: one lane a thread */
	c.nr_slots = lsw_max_slots(&g, &c);
	if (sd_init(&d, &g) || lsw_engine_init(&e, &g, &c, &sd_ops, &d))
		return 1;
	/* No GC: 80% of the device is written once. */
	n = (u64)g.nr_eus * g.eu_blocks * 8 / 10 / nthreads;
	pthread_barrier_init(&bar, NULL, nthreads + 1);
	for (i = 0; i < nthreads; i++) {
		a[i] = (struct mt_arg){ &e, i * n, n, &bar };
		pthread_create(&th[i], NULL, mt_store, &a[i]);
	}
	pthread_barrier_wait(&bar);
	t = now_ns();
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	t = now_ns() - t;
	printf("store_mt_ns %d: %.1f (%llu stores, gc_runs %llu)\n", nthreads,
	       (double)t / (n * nthreads), (unsigned long long)(n * nthreads),
	       (unsigned long long)e.st.gc_runs);
	lsw_engine_destroy(&e);
	sd_destroy(&d);
	return 0;
}

/*
 * --memcpy T: the machine's own bound on the store path's scaling: T
 * threads copying 4 KiB pages into 4 MiB buffers of their own, nothing
 * shared; ns per page, all threads.
 */
static void *mc_run(void *p)
{
	u64 i, n = *(u64 *)p;
	u8 *dst = malloc(4 << 20);

	if (!dst)
		return NULL;
	memset(dst, 1, 4 << 20);
	for (i = 0; i < n; i++)
		memcpy(dst + (i % 1024) * LSW_BLOCK_SIZE, pages[i % NPAGES],
		       LSW_BLOCK_SIZE);
	free(dst);
	return NULL;
}

static int memcpy_mt(int nthreads)
{
	u64 n = 838860 / nthreads, t;
	pthread_t th[8];
	int i;

	if (nthreads < 1 || nthreads > 8)
		return 1;
	t = now_ns();
	for (i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, mc_run, &n);
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	t = now_ns() - t;
	printf("memcpy_mt_ns %d: %.1f\n", nthreads,
	       (double)t / (n * nthreads));
	return 0;
}

int main(int argc, char **argv)
{
	struct lsw_geometry g = { .nr_eus = 128, .eu_stride = 1024,
				  .eu_blocks = 1024, .zoned = true,
				  .max_open = 14 };	/* 512 MiB, 4 MiB zones */
	bool callgrind = argc > 1 && !strcmp(argv[1], "--callgrind");
	u64 st_ns[5], ld_ns[5], n, i, s;
	static u8 out[LSW_BLOCK_SIZE];
	struct lsw_ramdev dev;
	struct lsw_engine e;
	struct lsw_config c;
	int run;

	for (i = 0; i < NPAGES; i++)
		for (s = 0; s < LSW_BLOCK_SIZE; s++)
			pages[i][s] = (u8)(i * 31 + s * 7 + 1);
	if (argc > 2 && !strcmp(argv[1], "--memcpy"))
		return memcpy_mt(atoi(argv[2]));
	if (argc > 2 && !strcmp(argv[1], "--mt"))
		return store_mt(atoi(argv[2]));
	if (argc > 2 && !strcmp(argv[1], "--seg-cost"))
		return seg_cost(strtoul(argv[2], NULL, 0),
				argc > 3 && !strcmp(argv[3], "cb"));
	lsw_default_config(&g, &c);
	c.nr_slots = lsw_max_slots(&g, &c) * 3 / 4;
	n = c.nr_slots;
	for (run = 0; run < (callgrind ? 1 : 5); run++) {
		if (lsw_ramdev_init(&dev, &g, true) ||
		    lsw_engine_init(&e, &g, &c, &lsw_ramdev_ops, &dev))
			return 1;
		if (callgrind) {
			store_n(&e, n / 8);
			printf("stored %llu\n", (unsigned long long)(n / 8));
			return 0;
		}
		s = now_ns();
		store_n(&e, 2 * n);	/* 1.5x overwrite of a 75% full device */
		st_ns[run] = (now_ns() - s) / (2 * n);
		s = now_ns();
		for (i = 0; i < n; i++)
			lsw_load(&e, i, out);
		ld_ns[run] = (now_ns() - s) / n;
		if (run == 4)
			printf("# %llu slots, %llu stores, gc_runs %llu, moved %llu, flash/host %.3f\n",
			       (unsigned long long)n,
			       (unsigned long long)e.st.host_writes,
			       (unsigned long long)e.st.gc_runs,
			       (unsigned long long)e.st.gc_moved,
			       (double)e.st.flash_blocks / e.st.host_writes);
		lsw_engine_destroy(&e);
		lsw_ramdev_destroy(&dev);
	}
	qsort(st_ns, 5, sizeof(u64), cmp_u64);
	qsort(ld_ns, 5, sizeof(u64), cmp_u64);
	printf("store_ns_per_page: %llu\nload_ns_per_page: %llu\n",
	       (unsigned long long)st_ns[2], (unsigned long long)ld_ns[2]);
	return 0;
}
