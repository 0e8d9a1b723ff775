// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-churn - fill a block device with stamped pages, overwrite and
 * discard random ones, and verify every page, all with O_DIRECT.
 *
 *   lsw-churn DEV FILL_SLOTS WRITES DISCARDS [SEED]
 *
 * 1. fill: slots 0 .. FILL_SLOTS-1, generation 1, 64 pages a write;
 * 2. churn: WRITES single-page writes at uniformly random filled slots,
 *    each a new generation of its slot; every 64th operation instead
 *    discards a random slot (BLKDISCARD of 4 KiB) until DISCARDS were
 *    done (the remaining discards follow the churn);
 * 3. verify: read the whole device in 256 KiB reads; every page must be
 *    the stamp of its slot's last generation, or zeros if the slot was
 *    discarded or never written.
 *
 * A stamp fills the whole page with a xorshift stream seeded by (SEED,
 * slot, generation), the first 16 bytes being "LSWC", slot, generation.
 * Prints the counts and "lsw-churn: verified N pages, bad=N"; exit 0 only
 * if nothing was wrong; 1 on any error or mismatch; 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PG		4096
#define FILL_BATCH	64
#define READ_BATCH	64
#define MAGIC		0x4357534cu	/* "LSWC" */

static uint64_t seed = 1;
static uint64_t rng_state;

static uint64_t rng(void)
{
	/* splitmix64: the slot choices */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void stamp(uint64_t *p, uint64_t slot, uint32_t gen)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull ^ (slot << 20) ^ gen ^ 1;
	size_t i;

	for (i = 0; i < PG / 8; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = x;
	}
	((uint32_t *)p)[0] = MAGIC;
	((uint32_t *)p)[1] = gen;
	p[1] = slot;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int die(const char *what)
{
	fprintf(stderr, "lsw-churn: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	uint64_t fill, writes, discards, nslots, i, j, done_d = 0, bad = 0;
	uint64_t zeros = 0, stamped = 0, *cmp;
	uint32_t *gen;
	struct stat sb;
	double t0;
	char *buf;
	int fd, is_blk;

	if (argc < 5)
		goto usage;
	fill = strtoull(argv[2], NULL, 0);
	writes = strtoull(argv[3], NULL, 0);
	discards = strtoull(argv[4], NULL, 0);
	if (argc > 5)
		seed = strtoull(argv[5], NULL, 0);
	rng_state = seed;
	if (!fill)
		goto usage;

	fd = open(argv[1], O_RDWR | O_DIRECT);
	if (fd < 0)
		return die(argv[1]);
	if (fstat(fd, &sb))
		return die("fstat");
	is_blk = S_ISBLK(sb.st_mode);
	nslots = sb.st_size;	/* a regular file: for testing this program */
	if (is_blk && ioctl(fd, BLKGETSIZE64, &nslots))
		return die("BLKGETSIZE64");
	nslots /= PG;
	if (fill > nslots) {
		fprintf(stderr, "lsw-churn: %llu slots to fill, device has %llu\n",
			(unsigned long long)fill, (unsigned long long)nslots);
		return 1;
	}
	gen = calloc(nslots, sizeof(*gen));
	cmp = malloc(PG);
	if (!gen || !cmp ||
	    posix_memalign((void **)&buf, PG, (size_t)READ_BATCH * PG))
		return die("malloc");

	/* 1. fill */
	t0 = now();
	for (i = 0; i < fill; i += j) {
		uint64_t n = fill - i < FILL_BATCH ? fill - i : FILL_BATCH;

		for (j = 0; j < n; j++) {
			gen[i + j] = 1;
			stamp((uint64_t *)(buf + j * PG), i + j, 1);
		}
		if (pwrite(fd, buf, n * PG, (off_t)i * PG) != (ssize_t)(n * PG))
			return die("fill write");
	}
	printf("lsw-churn: filled %llu of %llu slots (%.1f%%) in %.1fs\n",
	       (unsigned long long)fill, (unsigned long long)nslots,
	       100.0 * fill / nslots, now() - t0);

	/* 2. churn */
	t0 = now();
	for (i = 0; i < writes || done_d < discards; i++) {
		uint64_t slot = rng() % fill;
		uint64_t r[2] = { slot * PG, PG };

		if ((i % 64 == 63 || i >= writes) && done_d < discards) {
			if (is_blk ? ioctl(fd, BLKDISCARD, r) :
			    fallocate(fd, FALLOC_FL_PUNCH_HOLE |
				      FALLOC_FL_KEEP_SIZE, r[0], r[1]))
				return die("discard");
			gen[slot] = 0;
			done_d++;
			continue;
		}
		if (i >= writes)
			continue;
		gen[slot]++;
		if (!gen[slot])	/* never 0: that means discarded */
			gen[slot] = 1;
		stamp((uint64_t *)buf, slot, gen[slot]);
		if (pwrite(fd, buf, PG, (off_t)slot * PG) != PG)
			return die("churn write");
	}
	printf("lsw-churn: %llu random writes, %llu discards in %.1fs\n",
	       (unsigned long long)writes, (unsigned long long)done_d,
	       now() - t0);

	/* 3. verify */
	t0 = now();
	for (i = 0; i < nslots; i += j) {
		uint64_t n = nslots - i < READ_BATCH ? nslots - i : READ_BATCH;

		if (pread(fd, buf, n * PG, (off_t)i * PG) != (ssize_t)(n * PG))
			return die("verify read");
		for (j = 0; j < n; j++) {
			char *p = buf + j * PG;

			if (gen[i + j]) {
				stamp(cmp, i + j, gen[i + j]);
				stamped++;
			} else {
				memset(cmp, 0, PG);
				zeros++;
			}
			if (memcmp(p, cmp, PG)) {
				if (bad < 10)
					fprintf(stderr, "lsw-churn: slot %llu: want gen %u, got magic %08x slot %llu gen %u\n",
						(unsigned long long)(i + j),
						gen[i + j], ((uint32_t *)p)[0],
						(unsigned long long)((uint64_t *)p)[1],
						((uint32_t *)p)[1]);
				bad++;
			}
		}
	}
	printf("lsw-churn: verified %llu pages (%llu stamped, %llu zero) in %.1fs, bad=%llu\n",
	       (unsigned long long)nslots, (unsigned long long)stamped,
	       (unsigned long long)zeros, now() - t0,
	       (unsigned long long)bad);
	close(fd);
	return bad ? 1 : 0;

usage:
	fprintf(stderr, "usage: lsw-churn DEV FILL_SLOTS WRITES DISCARDS [SEED]\n");
	return 2;
}
