// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-sigbus - a swapped-out page whose swap-in read fails gives SIGBUS.
 *
 *   lsw-sigbus MIB SWAPDEV BACKDEV SUMBLOCK INDEX
 *
 * Fills MIB of anonymous memory with stamped pages, pushes them to swap
 * with MADV_PAGEOUT, and flushes SWAPDEV (fsync: logswap writes its
 * partial segment).  The slot stored at data block INDEX of the segment
 * whose summary is at 4 KiB block SUMBLOCK of BACKDEV is read from that
 * summary; /proc/self/pagemap tells which of our pages went to that slot.
 * Touching that page must raise SIGBUS (its read fails: blkdebug), and
 * every other page must come back with its stamp.
 *
 * Prints "sigbus: N pages, swapped N, victim page P slot S: SIGBUS,
 * others ok N wrong N".  Exit 0 only if the victim got SIGBUS and no other
 * page was wrong; 1 otherwise; 2 on a setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG	4096UL
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

static sigjmp_buf jb;
static volatile sig_atomic_t got_sigbus;

static void on_sigbus(int sig)
{
	(void)sig;
	got_sigbus = 1;
	siglongjmp(jb, 1);
}

static uint64_t stamp(uint64_t page, uint64_t w)
{
	uint64_t x = (page << 12 | w) + 0x9e3779b97f4a7c15ULL;

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (x ^ (x >> 31)) | 1;
}

static int summary_owner(const char *dev, uint64_t blk, unsigned int idx,
			 uint32_t *owner)
{
	uint32_t *w;
	int fd;

	if (posix_memalign((void **)&w, PG, PG))
		return -1;
	fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0 || pread(fd, w, PG, blk * PG) != (ssize_t)PG) {
		fprintf(stderr, "lsw-sigbus: summary read %s: %s\n", dev,
			strerror(errno));
		return -1;
	}
	close(fd);
	if (w[0] != 0x5357534cU) {
		fprintf(stderr, "lsw-sigbus: no summary at block %llu\n",
			(unsigned long long)blk);
		return -1;
	}
	*owner = w[8 + idx];
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n, i, swapped = 0, victim = ~0UL;
	volatile unsigned long ok = 0, wrong = 0;	/* live across siglongjmp */
	struct sigaction sa;
	uint32_t slot;
	uint64_t *mem;
	int fd, pm, vsig;

	if (argc != 6) {
		fprintf(stderr, "usage: lsw-sigbus MIB SWAPDEV BACKDEV SUMBLOCK INDEX\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 0) * 256;
	mem = mmap(NULL, n * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 2;
	for (i = 0; i < n * (PG / 8); i++)
		mem[i] = stamp(i / (PG / 8), i % (PG / 8));
	if (madvise(mem, n * PG, MADV_PAGEOUT)) {
		perror("lsw-sigbus: MADV_PAGEOUT");
		return 2;
	}
	fd = open(argv[2], O_RDONLY);
	if (fd < 0 || fsync(fd)) {
		fprintf(stderr, "lsw-sigbus: flush %s: %s\n", argv[2],
			strerror(errno));
		return 2;
	}
	close(fd);
	if (summary_owner(argv[3], strtoull(argv[4], NULL, 0),
			  strtoul(argv[5], NULL, 0), &slot))
		return 2;

	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		return 2;
	for (i = 0; i < n; i++) {
		uint64_t e;
		off_t off = ((uintptr_t)mem / PG + i) * 8;

		if (pread(pm, &e, 8, off) != 8)
			return 2;
		if (!(e >> 62 & 1))
			continue;	/* not swapped */
		swapped++;
		/* bits 0-4 type, 5-54 offset */
		if (((e >> 5) & ((1ULL << 50) - 1)) == slot)
			victim = i;
	}
	close(pm);
	printf("sigbus: %lu pages, swapped %lu, slot %u at the bad block: page %ld\n",
	       n, swapped, slot, victim == ~0UL ? -1L : (long)victim);
	if (victim == ~0UL) {
		printf("sigbus: none of our pages is at the bad block\n");
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigaction(SIGBUS, &sa, NULL);
	if (!sigsetjmp(jb, 1))
		(void)*(volatile uint64_t *)(mem + victim * (PG / 8));
	vsig = got_sigbus;
	printf("sigbus: touching page %lu: %s\n", victim,
	       vsig ? "SIGBUS" : "no signal");

	for (i = 0; i < n; i++) {
		unsigned long w;

		if (i == victim)
			continue;
		got_sigbus = 0;
		if (sigsetjmp(jb, 1)) {
			printf("sigbus: page %lu: SIGBUS too\n", i);
			wrong++;
			continue;
		}
		for (w = 0; w < PG / 8; w++)
			if (mem[i * (PG / 8) + w] != stamp(i, w))
				break;
		if (w < PG / 8) {
			if (wrong++ < 10)
				printf("sigbus: page %lu WRONG at word %lu\n", i, w);
		} else {
			ok++;
		}
	}
	printf("sigbus: others ok %lu, wrong %lu\n", ok, wrong);
	return vsig && wrong == 0 && ok == n - 1 ? 0 : 1;
}
