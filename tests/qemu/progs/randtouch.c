// SPDX-License-Identifier: GPL-2.0
/*
 * randtouch - rewrite random pages of an anonymous area, verifying each.
 *
 *   randtouch -m MIB -n ROUNDS [-s seed]
 *
 * Every page holds its index and a version in every 8-byte word.  Each
 * round picks a random page, checks it, and writes the next version: under
 * swap, pages die in random places of the log, so garbage collection has
 * to move live blocks.  Finally every page is checked.  Prints
 * "randtouch: N pages, N rounds, bad=N"; exit 0 only if bad is 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t word(size_t page, uint32_t ver, size_t i)
{
	return ((uint64_t)page << 24 | ver) * 0x9e3779b97f4a7c15ULL + i;
}

int main(int argc, char **argv)
{
	size_t mib = 0, rounds = 0, ps = sysconf(_SC_PAGESIZE), n, w, i, p, r;
	unsigned long bad = 0;
	uint32_t *ver;
	uint64_t *a;
	int c;

	while ((c = getopt(argc, argv, "m:n:s:")) != -1) {
		switch (c) {
		case 'm': mib = strtoul(optarg, NULL, 0); break;
		case 'n': rounds = strtoul(optarg, NULL, 0); break;
		case 's': rng += strtoul(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	if (!mib) {
		fprintf(stderr, "usage: randtouch -m MIB -n ROUNDS [-s seed]\n");
		return 2;
	}
	n = mib * 1048576 / ps;
	w = ps / 8;
	a = mmap(NULL, n * ps, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ver = calloc(n, sizeof(*ver));
	if (a == MAP_FAILED || !ver) {
		perror("randtouch");
		return 2;
	}
	for (p = 0; p < n; p++)
		for (i = 0; i < w; i++)
			a[p * w + i] = word(p, 0, i);
	for (r = 0; r < rounds; r++) {
		p = next() % n;
		for (i = 0; i < w; i++)
			if (a[p * w + i] != word(p, ver[p], i)) {
				bad++;
				break;
			}
		ver[p]++;
		for (i = 0; i < w; i++)
			a[p * w + i] = word(p, ver[p], i);
	}
	for (p = 0; p < n; p++)
		for (i = 0; i < w; i++)
			if (a[p * w + i] != word(p, ver[p], i)) {
				bad++;
				break;
			}
	printf("randtouch: %zu pages, %zu rounds, bad=%lu\n", n, rounds, bad);
	return bad ? 1 : 0;
}
