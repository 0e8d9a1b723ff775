// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-nobody - open a file as uid/gid 65534 with no capabilities left
 * (setgroups, setgid, setuid drop them all), for the permission cases.
 * It changes into FILE's directory first, as root, so only FILE's own
 * mode is tested, not the directories above it (the initramfs' / and
 * /sys/kernel/debug are 0700).
 *
 *   lsw-nobody -w FILE VALUE    write VALUE and a newline with one write()
 *   lsw-nobody -r FILE          read FILE to stdout
 *
 * Prints "ok" (-w), or "open:NAME" / "NAME" with the errno's name
 * (EACCES, EPERM, ...).  Exit 0 if it went through, 1 if refused, 2 if
 * the identity could not be dropped or on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case EBUSY: return "EBUSY";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

int main(int argc, char **argv)
{
	char buf[4096], *file;
	ssize_t n;
	int w, fd;

	if (argc < 3 || (strcmp(argv[1], "-w") && strcmp(argv[1], "-r")) ||
	    argc != (argv[1][1] == 'w' ? 4 : 3)) {
		fprintf(stderr, "usage: lsw-nobody -w FILE VALUE | -r FILE\n");
		return 2;
	}
	w = argv[1][1] == 'w';
	file = strrchr(argv[2], '/');
	if (file) {
		*file++ = '\0';
		if (chdir(*argv[2] ? argv[2] : "/")) {
			perror("lsw-nobody: chdir");
			return 2;
		}
	} else {
		file = argv[2];
	}
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("lsw-nobody: dropping to 65534");
		return 2;
	}
	if (!setuid(0)) {
		fprintf(stderr, "lsw-nobody: could get root back\n");
		return 2;
	}
	fd = open(file, w ? O_WRONLY : O_RDONLY);
	if (fd < 0) {
		printf("open:%s\n", errname(errno));
		return 1;
	}
	if (w) {
		size_t len = strlen(argv[3]);

		memcpy(buf, argv[3], len < sizeof(buf) - 1 ? len : sizeof(buf) - 1);
		len = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
		buf[len++] = '\n';
		n = write(fd, buf, len);
		if (n < 0) {
			printf("%s\n", errname(errno));
			return 1;
		}
		printf("ok\n");
		return 0;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			return 1;
	if (n < 0) {
		printf("%s\n", errname(errno));
		return 1;
	}
	return 0;
}
