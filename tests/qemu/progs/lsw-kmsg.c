// SPDX-License-Identifier: GPL-2.0
/*
 * lsw-kmsg - print the kernel log from /dev/kmsg, one message a line, and
 * exit at its end.
 *
 * busybox dmesg reads the log with syslog(SYSLOG_ACTION_READ_ALL), which
 * on the 7.2 test kernel returns only the records up to the start of /init
 * (measured: the lines logswap and the cases log later are missing), while
 * /dev/kmsg has them all.  Continuation lines (dictionary) are skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char rec[8192];
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		perror("/dev/kmsg");
		return 1;
	}
	for (;;) {
		char *msg, *end;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n <= 0)
			break;		/* EAGAIN: the end */
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = '\0';
		puts(msg);
	}
	close(fd);
	return 0;
}
