// SPDX-License-Identifier: GPL-2.0
/*
 * lifehog - a memory hog that keeps running until told to stop, for the
 * lifecycle cases (swapoff, controller reset, device loss under load).
 *
 *   lifehog -m MIB -f STOPFILE [-r READYFILE] [-s seed] [-d MS]
 *
 * Maps MIB of anonymous memory and fills every page with a pattern derived
 * from (page index, seed, pass); 1 page in 8 stays zero.  Creates READYFILE
 * once the first pass is written, then goes on pass after pass (each page
 * checked against the previous pass, then rewritten) until STOPFILE exists,
 * sleeping up to MS milliseconds after each pass (default 0) so that reclaim
 * sees its pages idle and swaps them out; SIGUSR1 ends the sleep and makes
 * it go on without sleeping.  Finally verifies every page.  Prints "lifehog: MIB MiB, N passes,
 * bad=N".  A page that cannot be swapped in kills it with SIGBUS.
 *
 * Exit status: 0 all pages good, 1 some page wrong, 2 usage or setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_REPORTS	10

static size_t page_size, page_words;
static uint64_t seed = 1;
static unsigned long bad_pages;
static volatile sig_atomic_t woken;

static void on_usr1(int sig)
{
	(void)sig;
	woken = 1;
}

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Word @j of page @idx in pass @pass; a zero base means a zero page. */
static uint64_t page_base(size_t idx, unsigned long pass)
{
	uint64_t b = mix64(idx ^ (seed << 24) ^ ((uint64_t)pass << 40));

	return (b >> 61) ? b : 0;
}

static void fill_page(uint64_t *p, size_t idx, unsigned long pass)
{
	uint64_t base = page_base(idx, pass);
	size_t j;

	for (j = 0; j < page_words; j++)
		p[j] = base ? base ^ (j * 0x9e3779b97f4a7c15ULL) : 0;
}

static void check_page(const uint64_t *p, size_t idx, unsigned long pass)
{
	uint64_t base = page_base(idx, pass);
	size_t j;

	for (j = 0; j < page_words; j++)
		if (p[j] != (base ? base ^ (j * 0x9e3779b97f4a7c15ULL) : 0))
			break;
	if (j == page_words)
		return;
	if (++bad_pages <= MAX_REPORTS)
		fprintf(stderr, "lifehog: bad page %zu pass %lu word %zu\n",
			idx, pass, j);
}

static void usage(void)
{
	fprintf(stderr, "usage: lifehog -m MIB -f STOPFILE [-r READYFILE] [-s seed] [-d MS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *stop = NULL, *ready = NULL;
	unsigned long mib = 0, pass, delay_ms = 0, t;
	size_t npages, i;
	char *mem;
	int opt, fd;

	while ((opt = getopt(argc, argv, "m:f:r:s:d:")) != -1) {
		switch (opt) {
		case 'm':
			mib = strtoul(optarg, NULL, 0);
			break;
		case 'f':
			stop = optarg;
			break;
		case 'r':
			ready = optarg;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'd':
			delay_ms = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !mib || !stop)
		usage();

	if (signal(SIGUSR1, on_usr1) == SIG_ERR) {
		fprintf(stderr, "lifehog: signal: %s\n", strerror(errno));
		return 2;
	}
	page_size = sysconf(_SC_PAGESIZE);
	page_words = page_size / sizeof(uint64_t);
	npages = (size_t)mib * 1024 * 1024 / page_size;
	mem = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "lifehog: mmap %lu MiB: %s\n", mib,
			strerror(errno));
		return 2;
	}
	for (i = 0; i < npages; i++)
		fill_page((uint64_t *)(mem + i * page_size), i, 0);
	printf("lifehog: %lu MiB written\n", mib);
	fflush(stdout);
	if (ready) {
		fd = open(ready, O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			fprintf(stderr, "lifehog: %s: %s\n", ready,
				strerror(errno));
			return 2;
		}
		close(fd);
	}
	for (pass = 1; access(stop, F_OK); pass++) {
		for (i = 0; i < npages; i++) {
			uint64_t *p = (uint64_t *)(mem + i * page_size);

			check_page(p, i, pass - 1);
			fill_page(p, i, pass);
		}
		for (t = 0; t < delay_ms && !woken && access(stop, F_OK);
		     t += 100)
			usleep(100 * 1000);
		if (woken)
			delay_ms = 0;
	}
	for (i = 0; i < npages; i++)
		check_page((uint64_t *)(mem + i * page_size), i, pass - 1);
	printf("lifehog: %lu MiB, %lu passes, bad=%lu\n", mib, pass,
	       bad_pages);
	munmap(mem, npages * page_size);
	return bad_pages ? 1 : 0;
}
