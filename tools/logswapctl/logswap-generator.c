// SPDX-License-Identifier: GPL-2.0
/*
 * logswap-generator: a systemd generator (systemd.generator(7)) that turns
 * /etc/logswap.conf into units, like zram-generator.  For each section
 * [logswapN] it writes into the normal generator directory:
 *
 *   logswap-setup-logswapN.service  oneshot: modprobe logswap, then
 *                                   logswapctl --setup-from-config logswapN
 *                                   (configure and mkswap); stop: --reset
 *   dev-logswapN.swap               swapon /dev/logswapN (swap-priority)
 *   swap.target.wants/dev-logswapN.swap -> ../dev-logswapN.swap
 *
 * The whole file is checked first: with any error nothing is written and
 * the exit status is 1 (systemd logs the messages).  No file: nothing to do.
 * LOGSWAP_CONFIG names another file (tests).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsw_conf.h"

#ifndef LOGSWAPCTL_PATH
#define LOGSWAPCTL_PATH	"/usr/sbin/logswapctl"
#endif
#ifndef MODPROBE_PATH
#define MODPROBE_PATH	"/sbin/modprobe"
#endif

static const char *prog = "logswap-generator";

/* systemd-escape --path: the unit name of a device node. */
static int path_unit(const char *path, const char *suffix, char *out,
		     size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	const char *p = path;
	int first = 1;

	while (*p == '/')
		p++;
	for (; *p; p++) {
		unsigned char c = *p;

		if (c == '/') {
			while (p[1] == '/')
				p++;
			if (!p[1])
				break;
			c = '-';
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == ':' || c == '_' ||
			     (c == '.' && !first))) {
			if (n + 4 >= size)
				return -1;
			out[n++] = '\\';
			out[n++] = 'x';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
			first = 0;
			continue;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
		first = 0;
	}
	if (!n)
		out[n++] = '-';
	if (n + strlen(suffix) + 1 > size)
		return -1;
	strcpy(out + n, suffix);
	return 0;
}

/*
 * A word of an Exec= line: as it is when safe, else in double quotes with
 * \ and " escaped.  '%' is a specifier everywhere: %%.
 */
static void exec_word(FILE *f, const char *w)
{
	const char *p;
	int plain = *w != '\0';

	for (p = w; *p; p++)
		if (!(*p == '/' || *p == '.' || *p == '-' || *p == '_' ||
		      *p == '+' || *p == ':' || *p == '=' || *p == ',' ||
		      (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z')))
			plain = 0;
	if (plain) {
		fputs(w, f);
		return;
	}
	fputc('"', f);
	for (p = w; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		if (*p == '%')
			fputc('%', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* A free-text value (Description=, What=): only '%' needs doubling. */
static void text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			fputc('%', f);
		fputc(*s, f);
	}
}

static int finish(FILE *f, const char *path)
{
	int bad = ferror(f);

	if (fclose(f) || bad) {
		fprintf(stderr, "%s: cannot write %s: %s\n", prog, path,
			strerror(errno));
		return -1;
	}
	return 0;
}

static FILE *create(const char *dir, const char *name, char *path,
		    size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "we");
	if (!f)
		fprintf(stderr, "%s: cannot create %s: %s\n", prog, path,
			strerror(errno));
	return f;
}

static int write_units(const char *dir, const char *conf,
		       const struct lsw_conf_section *s)
{
	char path[LSW_CONF_PATH_MAX + 64], svc[64], swap[64], link[128];
	char bdev[LSW_CONF_PATH_MAX * 4 + 16];
	FILE *f;

	snprintf(svc, sizeof(svc), "logswap-setup-%s.service", s->name);
	snprintf(swap, sizeof(swap), "dev-%s.swap", s->name);
	if (path_unit(s->backing, ".device", bdev, sizeof(bdev))) {
		fprintf(stderr, "%s: [%s]: backing-device path too long\n",
			prog, s->name);
		return -1;
	}

	f = create(dir, svc, path, sizeof(path));
	if (!f)
		return -1;
	fprintf(f, "# Written by logswap-generator from %s, section [%s].\n",
		conf, s->name);
	fprintf(f, "[Unit]\nDescription=logswap device /dev/%s on ", s->name);
	text(f, s->backing);
	fprintf(f, "\nDocumentation=man:logswap.conf(5) man:logswapctl(8)\n"
		"DefaultDependencies=no\n"
		"BindsTo=%s\nAfter=%s systemd-modules-load.service\n"
		"Before=%s\n\n", bdev, bdev, swap);
	fprintf(f, "[Service]\nType=oneshot\nRemainAfterExit=yes\n"
		"ExecStartPre=-" MODPROBE_PATH " logswap\n"
		"ExecStart=" LOGSWAPCTL_PATH " --setup-from-config %s --config ",
		s->name);
	exec_word(f, conf);
	fprintf(f, "\nExecStop=" LOGSWAPCTL_PATH " --reset /dev/%s\n",
		s->name);
	if (finish(f, path))
		return -1;

	f = create(dir, swap, path, sizeof(path));
	if (!f)
		return -1;
	fprintf(f, "# Written by logswap-generator from %s, section [%s].\n",
		conf, s->name);
	fprintf(f, "[Unit]\nDescription=logswap swap on /dev/%s\n"
		"Documentation=man:logswap.conf(5)\n"
		"Requires=%s\nAfter=%s\n\n"
		"[Swap]\nWhat=/dev/%s\n", s->name, svc, svc, s->name);
	if (s->has_priority)
		fprintf(f, "Priority=%d\n", s->swap_priority);
	if (finish(f, path))
		return -1;

	snprintf(path, sizeof(path), "%s/swap.target.wants", dir);
	if (mkdir(path, 0755) && errno != EEXIST) {
		fprintf(stderr, "%s: cannot create %s: %s\n", prog, path,
			strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/swap.target.wants/%s", dir, swap);
	snprintf(link, sizeof(link), "../%s", swap);
	if (symlink(link, path) && errno != EEXIST) {
		fprintf(stderr, "%s: cannot link %s: %s\n", prog, path,
			strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct lsw_conf conf;
	const char *path = getenv("LOGSWAP_CONFIG");
	unsigned int i;
	int errors;
	FILE *f;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: %s NORMAL-DIR [EARLY-DIR LATE-DIR]\n"
			"  (a systemd generator; LOGSWAP_CONFIG=FILE reads FILE instead of "
			LSW_CONF_DEFAULT ")\n", prog);
		return 2;
	}
	if (!path || !*path)
		path = LSW_CONF_DEFAULT;
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;	/* nothing configured */
		fprintf(stderr, "%s: cannot open %s: %s\n", prog, path,
			strerror(errno));
		return 1;
	}
	errors = lsw_conf_parse(f, path, &conf, stderr);
	fclose(f);
	if (errors) {
		fprintf(stderr, "%s: %s: %d error%s: no units written (logswap.conf(5))\n",
			prog, path, errors, errors > 1 ? "s" : "");
		return 1;
	}
	for (i = 0; i < conf.nr; i++)
		if (write_units(argv[1], path, &conf.sec[i]))
			return 1;
	return 0;
}
