// SPDX-License-Identifier: GPL-2.0
/*
 * Core engine micro-benchmark over the RAM flash device: ns per stored and
 * per loaded page (median of several runs), and a mode for callgrind that
 * only stores (instructions per store are counted by bench-core.sh).
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

/* Store @n pages at pseudo-random slots, flushing on backpressure. */
static void store_n(struct lsw_engine *e, u64 n)
{
	u64 i, x = 88172645463325252ULL;

	for (i = 0; i < n; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		while (lsw_store(e, x % e->cfg.nr_slots, pages[i % NPAGES]) ==
		       -EAGAIN)
			lsw_flush(e, false);
	}
	lsw_flush(e, true);
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
