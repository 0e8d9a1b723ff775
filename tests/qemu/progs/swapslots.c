// SPDX-License-Identifier: GPL-2.0
/*
 * swapslots - the swap slots of a process's swapped-out pages.
 *
 *   swapslots PID
 *
 * Walks /proc/PID/maps and reads /proc/PID/pagemap (root: the swap offset
 * is shown only with CAP_SYS_ADMIN): for every page whose entry has bit 62
 * (swapped) set, prints "TYPE OFFSET", the swap type (bits 0-4) and the
 * swap offset (bits 5-54), one line a page.  On a swap device the offset
 * is the page's index on the device: logswap's slot.
 *
 * Exit status: 0, 2 usage or read error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PM_SWAP		((uint64_t)1 << 62)
#define PM_PRESENT	((uint64_t)1 << 63)
#define PM_TYPE_BITS	5
#define PM_FRAME_MASK	(((uint64_t)1 << 55) - 1)
#define CHUNK		512

int main(int argc, char **argv)
{
	char path[64], line[512];
	uint64_t buf[CHUNK];
	unsigned long lo, hi;
	long page = sysconf(_SC_PAGESIZE);
	FILE *maps;
	int pm;

	if (argc != 2) {
		fprintf(stderr, "usage: swapslots PID\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[1]);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	pm = open(path, O_RDONLY);
	if (!maps || pm < 0) {
		fprintf(stderr, "swapslots: %s: %s\n", path, strerror(errno));
		return 2;
	}
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		for (unsigned long a = lo; a < hi;) {
			size_t n = (hi - a) / page;
			ssize_t got;

			if (n > CHUNK)
				n = CHUNK;
			got = pread(pm, buf, n * sizeof(buf[0]),
				    (off_t)(a / page * sizeof(buf[0])));
			if (got < 0) {
				fprintf(stderr, "swapslots: pagemap at %lx: %s\n",
					a, strerror(errno));
				return 2;
			}
			if (got == 0)
				break;
			n = got / sizeof(buf[0]);
			for (size_t i = 0; i < n; i++) {
				uint64_t v = buf[i];

				if ((v & PM_SWAP) && !(v & PM_PRESENT)) {
					uint64_t f = v & PM_FRAME_MASK;

					printf("%" PRIu64 " %" PRIu64 "\n",
					       f & (((uint64_t)1 << PM_TYPE_BITS) - 1),
					       f >> PM_TYPE_BITS);
				}
			}
			a += n * page;
		}
	}
	fclose(maps);
	close(pm);
	return 0;
}
