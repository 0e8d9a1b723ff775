// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-swapon - swapon(2) with a priority, as systemd's .swap units and
 * util-linux's swapon -p do it (busybox's swapon has no -p here).
 *
 *   lsw-swapon DEV PRIO      PRIO from 0 to 32767
 *
 * Exit 0 on success, 1 with the errno's text if swapon(2) failed, 2 on a
 * usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

int main(int argc, char **argv)
{
	char *end;
	long prio;

	if (argc != 3) {
		fprintf(stderr, "usage: lsw-swapon DEV PRIO\n");
		return 2;
	}
	prio = strtol(argv[2], &end, 10);
	if (*end || end == argv[2] || prio < 0 || prio > SWAP_FLAG_PRIO_MASK) {
		fprintf(stderr, "lsw-swapon: priority '%s': 0 to %d\n", argv[2],
			SWAP_FLAG_PRIO_MASK);
		return 2;
	}
	if (swapon(argv[1], SWAP_FLAG_PREFER |
		   ((prio << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK))) {
		fprintf(stderr, "lsw-swapon: swapon %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	return 0;
}
