// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-wr - write a value to a (sysfs) file with one write() and say how it
 * went, so shell cases can check the exact errno of a refused store.
 *
 *   lsw-wr [-n] FILE VALUE
 *
 * Writes VALUE followed by a newline (as echo does; -n: without it) and
 * prints "ok", or the errno's name (EINVAL, EBUSY, ENODEV, ...), or
 * "short N" for a partial write.  A failed open prints "open:NAME".
 * Exit status 0 whatever the outcome; 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	case ENODEV: return "ENODEV";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case ENOTBLK: return "ENOTBLK";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOSPC: return "ENOSPC";
	case ENOMEM: return "ENOMEM";
	case EFBIG: return "EFBIG";
	case EIO: return "EIO";
	case EEXIST: return "EEXIST";
	case ERANGE: return "ERANGE";
	case EROFS: return "EROFS";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

int main(int argc, char **argv)
{
	int newline = 1, fd;
	size_t len;
	ssize_t n;
	char *val;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: lsw-wr [-n] FILE VALUE\n");
		return 2;
	}
	len = strlen(argv[2]);
	val = malloc(len + 2);
	if (!val)
		return 2;
	memcpy(val, argv[2], len);
	if (newline)
		val[len++] = '\n';
	val[len] = '\0';

	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("open:%s\n", errname(errno));
		return 0;
	}
	n = write(fd, val, len);
	if (n < 0)
		printf("%s\n", errname(errno));
	else if ((size_t)n != len)
		printf("short %zd\n", n);
	else
		printf("ok\n");
	close(fd);
	free(val);
	return 0;
}
