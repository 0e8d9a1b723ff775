// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-blk - block device requests busybox has no applet for.
 *
 *   lsw-blk zeroout DEV OFFSET LEN   BLKZEROOUT (REQ_OP_WRITE_ZEROES)
 *   lsw-blk discard DEV OFFSET LEN   BLKDISCARD (REQ_OP_DISCARD)
 *   lsw-blk flush DEV                fsync: an empty REQ_PREFLUSH bio
 *   lsw-blk fua DEV OFFSET LEN       O_DIRECT|O_DSYNC writes of a 0x5a
 *                                    pattern: REQ_FUA
 *
 * OFFSET and LEN in bytes.  Exit 0 on success, 1 with a message if the
 * request failed, 2 on a usage error.
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
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr,
		"usage: lsw-blk zeroout|discard|fua DEV OFFSET LEN | flush DEV\n");
	return 2;
}

static int fail(const char *what, const char *dev)
{
	fprintf(stderr, "lsw-blk: %s %s: %s\n", what, dev, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	uint64_t range[2];
	const char *op, *dev;
	void *buf;
	int fd;

	if (argc < 3)
		return usage();
	op = argv[1];
	dev = argv[2];
	if (!strcmp(op, "flush")) {
		fd = open(dev, O_WRONLY);
		if (fd < 0)
			return fail("open", dev);
		if (fsync(fd))
			return fail("fsync", dev);
		return 0;
	}
	if (argc != 5)
		return usage();
	range[0] = strtoull(argv[3], NULL, 0);
	range[1] = strtoull(argv[4], NULL, 0);

	if (!strcmp(op, "fua")) {
		fd = open(dev, O_WRONLY | O_DIRECT | O_DSYNC);
		if (fd < 0)
			return fail("open", dev);
		if (posix_memalign(&buf, 4096, 4096))
			return 1;
		memset(buf, 0x5a, 4096);
		for (; range[1] >= 4096; range[1] -= 4096, range[0] += 4096)
			if (pwrite(fd, buf, 4096, range[0]) != 4096)
				return fail("pwrite", dev);
		return 0;
	}

	fd = open(dev, O_WRONLY);
	if (fd < 0)
		return fail("open", dev);
	if (!strcmp(op, "zeroout")) {
		if (ioctl(fd, BLKZEROOUT, range))
			return fail("BLKZEROOUT", dev);
	} else if (!strcmp(op, "discard")) {
		if (ioctl(fd, BLKDISCARD, range))
			return fail("BLKDISCARD", dev);
	} else {
		return usage();
	}
	return 0;
}
