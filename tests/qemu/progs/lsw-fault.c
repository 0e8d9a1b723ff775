// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-fault - stamped pages for the fault-injection cases (lsw-fault-*.sh).
 *
 *   lsw-fault fill DEV FIRST NPAGES SEED
 *       O_DIRECT write of NPAGES pages at 4 KiB slots FIRST.., one page a
 *       write, in slot order; every word of a page holds a stamp of
 *       (slot, word, SEED); then fsync (REQ_PREFLUSH: the partial segment
 *       goes to flash too).
 *   lsw-fault verify DEV FIRST NPAGES SEED [BADSLOT...]
 *       O_DIRECT read of each page on its own.  A page that reads must
 *       hold its stamp; a page whose read fails is reported with its
 *       errno.  Exit 0 only if no page came back wrong and the pages that
 *       failed are exactly the BADSLOTs, each with EIO.
 *
 *   lsw-fault owner BACKDEV SUMBLOCK INDEX
 *       O_DIRECT read of the segment summary at 4 KiB block SUMBLOCK of
 *       the backing device; prints owner[INDEX], the slot whose page the
 *       segment's data block INDEX holds (format.h, struct lsw_summary).
 *
 * Prints "verify: N pages, ok N, failed N, wrong N" (and each failed or
 * wrong slot, the first 10).  Exit 1 on a mismatch, 2 on usage/setup.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PG	4096
#define WORDS	(PG / 8)
#define MAX_BAD	64
#define MAX_REPORTS 10

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void stamp(uint64_t *p, uint64_t slot, uint64_t seed)
{
	for (unsigned int w = 0; w < WORDS; w++)
		p[w] = mix64(seed * 0x100000001b3ULL ^ (slot << 9 | w)) | 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: lsw-fault fill DEV FIRST NPAGES SEED\n"
			"       lsw-fault verify DEV FIRST NPAGES SEED [BADSLOT...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t first, n, seed, i, bad[MAX_BAD];
	unsigned long ok = 0, failed = 0, wrong = 0, reports = 0;
	int fill, fd, nbad = 0, rc = 0;
	uint64_t *buf, *want;

	if (argc == 5 && !strcmp(argv[1], "owner")) {
		uint64_t blk = strtoull(argv[3], NULL, 0);
		unsigned long idx = strtoul(argv[4], NULL, 0);
		uint32_t *w;

		if (posix_memalign((void **)&w, PG, PG) || idx >= (PG - 32) / 4)
			return 2;
		fd = open(argv[2], O_RDONLY | O_DIRECT);
		if (fd < 0 || pread(fd, w, PG, blk * PG) != PG) {
			fprintf(stderr, "lsw-fault: summary read %s: %s\n",
				argv[2], strerror(errno));
			return 1;
		}
		if (w[0] != 0x5357534cU) {	/* LSW_SUMMARY_MAGIC, LE host */
			fprintf(stderr, "lsw-fault: no summary at block %llu\n",
				(unsigned long long)blk);
			return 1;
		}
		printf("%u\n", w[8 + idx]);
		return 0;
	}
	if (argc < 6)
		return usage();
	if (!strcmp(argv[1], "fill"))
		fill = 1;
	else if (!strcmp(argv[1], "verify"))
		fill = 0;
	else
		return usage();
	first = strtoull(argv[3], NULL, 0);
	n = strtoull(argv[4], NULL, 0);
	seed = strtoull(argv[5], NULL, 0);
	for (int a = 6; a < argc && nbad < MAX_BAD; a++)
		bad[nbad++] = strtoull(argv[a], NULL, 0);
	if (posix_memalign((void **)&buf, PG, PG) ||
	    posix_memalign((void **)&want, PG, PG))
		return 2;
	fd = open(argv[2], (fill ? O_WRONLY : O_RDONLY) | O_DIRECT);
	if (fd < 0) {
		fprintf(stderr, "lsw-fault: open %s: %s\n", argv[2],
			strerror(errno));
		return 2;
	}
	for (i = 0; i < n; i++) {
		uint64_t slot = first + i;
		ssize_t r;
		int expect_bad = 0;

		stamp(want, slot, seed);
		if (fill) {
			if (pwrite(fd, want, PG, slot * PG) != PG) {
				fprintf(stderr, "lsw-fault: write of slot %llu: %s\n",
					(unsigned long long)slot, strerror(errno));
				return 1;
			}
			continue;
		}
		for (int b = 0; b < nbad; b++)
			expect_bad |= bad[b] == slot;
		memset(buf, 0xa5, PG);
		r = pread(fd, buf, PG, slot * PG);
		if (r != PG) {
			int e = r < 0 ? errno : 0;

			failed++;
			printf("verify: slot %llu: read failed: %s\n",
			       (unsigned long long)slot,
			       r < 0 ? strerror(e) : "short read");
			if (!expect_bad || e != EIO)
				rc = 1;
			continue;
		}
		if (memcmp(buf, want, PG)) {
			wrong++;
			rc = 1;
			if (reports++ < MAX_REPORTS)
				printf("verify: slot %llu: WRONG DATA (word 0 %016llx, want %016llx)\n",
				       (unsigned long long)slot,
				       (unsigned long long)buf[0],
				       (unsigned long long)want[0]);
			continue;
		}
		ok++;
		if (expect_bad) {
			printf("verify: slot %llu read fine, a failure was expected\n",
			       (unsigned long long)slot);
			rc = 1;
		}
	}
	if (fill) {
		if (fsync(fd)) {
			fprintf(stderr, "lsw-fault: fsync: %s\n", strerror(errno));
			return 1;
		}
		printf("fill: %llu pages at slot %llu, seed %llu\n",
		       (unsigned long long)n, (unsigned long long)first,
		       (unsigned long long)seed);
		return 0;
	}
	printf("verify: %llu pages, ok %lu, failed %lu, wrong %lu\n",
	       (unsigned long long)n, ok, failed, wrong);
	return rc;
}
