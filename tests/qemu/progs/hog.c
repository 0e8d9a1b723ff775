// SPDX-License-Identifier: GPL-2.0
/*
 * hog - anonymous memory hog that verifies what comes back from swap.
 *
 *   hog -m MIB [-p passes] [-s seed]
 *
 * Maps MIB of anonymous memory and fills every page with a pattern derived
 * from (page index, seed, pass): about 1 page in 8 is all zero, 1 in 16 is
 * one 8-byte word repeated, the rest hold a distinct word at every offset.
 * Each further pass checks the previous pattern of a page, then rewrites it
 * with the next one (a zero page may become data and back).  Finally every
 * page is verified.  Prints the pswpin/pswpout deltas of /proc/vmstat and
 * the swap-out throughput, then "hog: MIB MiB, N pages, bad=N".
 *
 * Exit status: 0 all pages good, 1 some page wrong, 2 usage or setup error.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MAX_REPORTS	10

enum page_kind { PAGE_ZERO, PAGE_SAME, PAGE_DATA };

static size_t page_size;
static size_t page_words;
static uint64_t seed = 1;
static unsigned long bad_pages;

static uint64_t mix64(uint64_t x)
{
	/* splitmix64 finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t page_base(size_t idx, unsigned int pass)
{
	return mix64(idx ^ (seed << 24) ^ ((uint64_t)pass << 56));
}

static enum page_kind page_kind(uint64_t base)
{
	switch (base >> 60) {
	case 0:
	case 1:
		return PAGE_ZERO;
	case 2:
		return PAGE_SAME;
	default:
		return PAGE_DATA;
	}
}

/* Word @j of page @idx in pass @pass. */
static uint64_t pattern(uint64_t base, enum page_kind kind, size_t j)
{
	switch (kind) {
	case PAGE_ZERO:
		return 0;
	case PAGE_SAME:
		return base;
	default:
		return base ^ (j * 0x9e3779b97f4a7c15ULL);
	}
}

static void fill_page(uint64_t *p, size_t idx, unsigned int pass)
{
	uint64_t base = page_base(idx, pass);
	enum page_kind kind = page_kind(base);
	size_t j;

	if (kind == PAGE_ZERO) {
		memset(p, 0, page_size);
		return;
	}
	for (j = 0; j < page_words; j++)
		p[j] = pattern(base, kind, j);
}

static void check_page(const uint64_t *p, size_t idx, unsigned int pass)
{
	uint64_t base = page_base(idx, pass);
	enum page_kind kind = page_kind(base);
	size_t j;

	for (j = 0; j < page_words; j++)
		if (p[j] != pattern(base, kind, j))
			break;
	if (j == page_words)
		return;

	if (++bad_pages <= MAX_REPORTS)
		fprintf(stderr,
			"hog: bad page %zu pass %u kind %d: word %zu is 0x%016llx, expected 0x%016llx\n",
			idx, pass, (int)kind, j, (unsigned long long)p[j],
			(unsigned long long)pattern(base, kind, j));
}

static int read_vmstat(const char *name, unsigned long long *val)
{
	char key[64];
	unsigned long long v;
	FILE *f = fopen("/proc/vmstat", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %llu", key, &v) == 2) {
		if (!strcmp(key, name)) {
			*val = v;
			ret = 0;
			break;
		}
	}
	fclose(f);
	return ret;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Throughput of @pages swapped out in @secs. */
static double mib_per_s(unsigned long long pages, double secs)
{
	return secs > 0 ? pages * page_size / 1048576.0 / secs : 0.0;
}

static void usage(void)
{
	fprintf(stderr, "usage: hog -m MIB [-p passes] [-s seed]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long long in0 = 0, out0 = 0, in1 = 0, out1 = 0, outp;
	unsigned long mib = 0, passes = 1;
	size_t npages, i;
	unsigned int pass;
	double t0, t1, tp;
	char *mem;
	int opt;

	while ((opt = getopt(argc, argv, "m:p:s:")) != -1) {
		switch (opt) {
		case 'm':
			mib = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			passes = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !mib || !passes || passes > 255)
		usage();

	page_size = sysconf(_SC_PAGESIZE);
	page_words = page_size / sizeof(uint64_t);
	npages = (size_t)mib * 1024 * 1024 / page_size;

	mem = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "hog: mmap %lu MiB: %s\n", mib, strerror(errno));
		return 2;
	}
	printf("hog: %lu MiB, %zu pages, %lu passes, seed %llu\n",
	       mib, npages, passes, (unsigned long long)seed);
	fflush(stdout);

	if (read_vmstat("pswpin", &in0) || read_vmstat("pswpout", &out0))
		fprintf(stderr, "hog: cannot read pswpin/pswpout\n");
	t0 = now();
	tp = t0;
	outp = out0;

	for (pass = 0; pass < passes; pass++) {
		for (i = 0; i < npages; i++) {
			uint64_t *p = (uint64_t *)(mem + i * page_size);

			if (pass)
				check_page(p, i, pass - 1);
			fill_page(p, i, pass);
		}
		t1 = now();
		read_vmstat("pswpout", &out1);
		printf("hog: pass %u written in %.1f s, pswpout +%llu, %.1f MiB/s\n",
		       pass, t1 - tp, out1 - outp, mib_per_s(out1 - outp, t1 - tp));
		fflush(stdout);
		tp = t1;
		outp = out1;
	}
	for (i = 0; i < npages; i++)
		check_page((uint64_t *)(mem + i * page_size), i, passes - 1);

	t1 = now();
	read_vmstat("pswpin", &in1);
	read_vmstat("pswpout", &out1);
	printf("hog: total %.1f s, pswpout +%llu pswpin +%llu, swap-out %.1f MiB/s\n",
	       t1 - t0, out1 - out0, in1 - in0,
	       mib_per_s(out1 - out0, t1 - t0));
	printf("hog: %lu MiB, %zu pages, bad=%lu\n", mib, npages, bad_pages);
	munmap(mem, npages * page_size);
	return bad_pages ? 1 : 0;
}
