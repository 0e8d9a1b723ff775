// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-bigbio - one large O_DIRECT write and read from a buffer backed by
 * transparent huge pages, so that the block layer builds bios of
 * multi-page bvecs far above a device's max_sectors_kb: for the bio-split
 * case.
 *
 *   lsw-bigbio DEV MIB
 *
 * Writes MIB MiB of a pattern at offset 0 of DEV with one pwrite(), reads
 * it back with one pread() into a second huge-page buffer and compares.
 * Prints "thp KIB" (huge-page KiB backing the two buffers, from
 * /proc/self/smaps) and "ok" or what went wrong.  Exit 0 on a match, 1
 * otherwise, 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE	(2UL << 20)

static void *huge_buf(size_t len)
{
	uint8_t *p = mmap(NULL, len + HUGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *a;

	if (p == MAP_FAILED)
		return NULL;
	a = (uint8_t *)(((uintptr_t)p + HUGE - 1) & ~(HUGE - 1));
	madvise(a, len, MADV_HUGEPAGE);
	memset(a, 0, len);	/* fault it in, huge where the kernel can */
	return a;
}

static long thp_kib(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[256];
	long kib, sum = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kib) == 1)
			sum += kib;
	fclose(f);
	return sum;
}

int main(int argc, char **argv)
{
	size_t len, i;
	uint64_t *w, *r;
	ssize_t n;
	int fd;

	if (argc != 3 || atoi(argv[2]) <= 0) {
		fprintf(stderr, "usage: lsw-bigbio DEV MIB\n");
		return 2;
	}
	len = (size_t)atoi(argv[2]) << 20;
	w = huge_buf(len);
	r = huge_buf(len);
	if (!w || !r) {
		perror("mmap");
		return 2;
	}
	for (i = 0; i < len / 8; i++)
		w[i] = 0x9e3779b97f4a7c15ULL * (i + 1);
	printf("thp %ld\n", thp_kib());
	fd = open(argv[1], O_RDWR | O_DIRECT);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	n = pwrite(fd, w, len, 0);
	if (n != (ssize_t)len) {
		printf("write: %zd of %zu bytes (%m)\n", n, len);
		return 1;
	}
	n = pread(fd, r, len, 0);
	if (n != (ssize_t)len) {
		printf("read: %zd of %zu bytes (%m)\n", n, len);
		return 1;
	}
	for (i = 0; i < len / 8; i++) {
		if (r[i] != w[i]) {
			printf("mismatch at byte %zu\n", i * 8);
			return 1;
		}
	}
	printf("ok\n");
	return 0;
}
