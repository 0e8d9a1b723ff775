// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-bio - one block device request with any offset and length, good or
 * bad, and what came of it: for the hostile-input cases.
 *
 *   lsw-bio [-m MISALIGN] OP DEV OFFSET LEN
 *
 * OP: dread, dwrite   pread/pwrite with O_DIRECT (buffer 4 KiB aligned, or
 *                     MISALIGN bytes past that)
 *     read, write     the same through the page cache
 *     discard, zeroout, secdiscard
 *                     BLKDISCARD, BLKZEROOUT, BLKSECDISCARD of [OFFSET, LEN)
 *     fsync           fsync(): an empty flush (OFFSET and LEN ignored)
 *     mwrite          write through a shared mapping of [OFFSET, LEN), then
 *                     msync(): the page cache's writeback, not write()
 * Writes write 0x5a bytes.  OFFSET and LEN in bytes (0x... taken).
 * Prints "ok N" (N bytes moved; 0 for the ioctls and fsync) or the errno's
 * name.  Exit 0 whatever the outcome; 2 on a usage error.
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
#include <sys/mman.h>
#include <unistd.h>

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EINVAL: return "EINVAL";
	case EIO: return "EIO";
	case ENOSPC: return "ENOSPC";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTTY: return "ENOTTY";
	case EBADF: return "EBADF";
	case EBUSY: return "EBUSY";
	case ETXTBSY: return "ETXTBSY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case ENXIO: return "ENXIO";
	case ENOMEM: return "ENOMEM";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: lsw-bio [-m MISALIGN] dread|dwrite|read|write|mwrite|discard|zeroout|secdiscard|fsync DEV OFFSET LEN\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long misalign = 0;
	uint64_t off, len, range[2];
	const char *op, *dev;
	int fd, flags, direct, rd;
	unsigned char *mem;
	ssize_t n = 0;
	int ret = 0;

	if (argc > 2 && !strcmp(argv[1], "-m")) {
		misalign = strtoul(argv[2], NULL, 0);
		argv += 2;
		argc -= 2;
	}
	if (argc != 5)
		return usage();
	op = argv[1];
	dev = argv[2];
	off = strtoull(argv[3], NULL, 0);
	len = strtoull(argv[4], NULL, 0);
	direct = !strcmp(op, "dread") || !strcmp(op, "dwrite");
	rd = !strcmp(op, "dread") || !strcmp(op, "read");
	flags = (rd ? O_RDONLY : !strcmp(op, "mwrite") ? O_RDWR : O_WRONLY) |
		(direct ? O_DIRECT : 0);

	fd = open(dev, flags);
	if (fd < 0) {
		printf("open:%s\n", errname(errno));
		return 0;
	}
	if (!strcmp(op, "dread") || !strcmp(op, "dwrite") ||
	    !strcmp(op, "read") || !strcmp(op, "write")) {
		if (len > (64u << 20))
			return usage();
		if (posix_memalign((void **)&mem, 4096, len + misalign + 4096))
			return 2;
		memset(mem, 0x5a, len + misalign + 4096);
		if (rd)
			n = pread(fd, mem + misalign, len, off);
		else
			n = pwrite(fd, mem + misalign, len, off);
		if (n >= 0 && !rd && !direct && fsync(fd))
			n = -1;
		ret = n < 0 ? -1 : 0;
	} else if (!strcmp(op, "discard") || !strcmp(op, "zeroout") ||
		   !strcmp(op, "secdiscard")) {
		range[0] = off;
		range[1] = len;
		ret = ioctl(fd, !strcmp(op, "discard") ? BLKDISCARD :
				!strcmp(op, "zeroout") ? BLKZEROOUT :
							 BLKSECDISCARD, range);
	} else if (!strcmp(op, "mwrite")) {
		mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			   off);
		if (mem == MAP_FAILED) {
			ret = -1;
		} else {
			memset(mem, 0x5a, len);
			ret = msync(mem, len, MS_SYNC);
			munmap(mem, len);
		}
	} else if (!strcmp(op, "fsync")) {
		ret = fsync(fd);
	} else {
		return usage();
	}
	if (ret)
		printf("%s\n", errname(errno));
	else
		printf("ok %zd\n", n);
	close(fd);
	return 0;
}
