// SPDX-License-Identifier: GPL-2.0
/*
 * logswapctl: set up and inspect logswap devices, with zramctl's
 * conventions (logswapctl.8).  It uses only the documented interface:
 * /sys/class/logswap-control/, /sys/block/logswapN/
 * (ABI-sysfs-block-logswap) and debugfs logswap/logswapN/gc.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lsw_conf.h"

#define LSWCTL_VERSION	"0.1"

/* Exit codes (logswapctl.8, EXIT STATUS). */
#define EX_OK		0
#define EX_FAIL		1	/* the kernel refused, or a system call failed */
#define EX_USAGE	2	/* bad option or value */
#define EX_CONFIG	3	/* configuration file error */
#define EX_NODEV	4	/* no such device, module not loaded, no debugfs */
#define EX_GCSHORT	5	/* --gc --wait stopped before its target */

#define SYS_BLOCK	"/sys/block"
#define SYS_CTL		"/sys/class/logswap-control"
#define DEBUGFS		"/sys/kernel/debug"
#define MAX_DEVS	256
#define BLOCK_SIZE	4096ULL

static const char *prog = "logswapctl";

static void warnx(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void __attribute__((noreturn)) errx(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

static void hint(const char *fmt, ...)
{
	va_list ap;

	fputs("  hint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const char *errno_name(int e)
{
	switch (e) {
	case EINVAL:
		return "EINVAL";
	case EBUSY:
		return "EBUSY";
	case ENODEV:
		return "ENODEV";
	case ENOENT:
		return "ENOENT";
	case EACCES:
		return "EACCES";
	case EPERM:
		return "EPERM";
	case ENOSPC:
		return "ENOSPC";
	case ENOMEM:
		return "ENOMEM";
	case ENXIO:
		return "ENXIO";
	case EIO:
		return "EIO";
	default:
		return "errno";
	}
}

/* ---- sysfs ------------------------------------------------------------ */

static int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

static int read_attr(const char *dev, const char *attr, char *buf,
		     size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), SYS_BLOCK "/%s/%s", dev, attr);
	return read_file(path, buf, size);
}

static int read_attr_u64(const char *dev, const char *attr, uint64_t *v)
{
	char buf[64], *end;
	int ret = read_attr(dev, attr, buf, sizeof(buf));

	if (ret)
		return ret;
	errno = 0;
	*v = strtoull(buf, &end, 10);
	return errno || end == buf ? -EIO : 0;
}

/*
 * The kernel's reasons: logswap prints one line for every refusal.  A
 * /dev/kmsg descriptor positioned at the end before a write reads what
 * came after it.
 */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

static void kmsg_report(int fd)
{
	char rec[2048];
	ssize_t n;

	if (fd < 0)
		return;
	for (;;) {
		char *msg;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg || !strstr(msg, "logswap"))
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = '\0';
		fprintf(stderr, "  kernel: %s\n", msg);
	}
	close(fd);
}

/* Write @val to @path (no newline added); 0 or -errno. */
static int write_path(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

/* What to do about a refused write of @attr: one hint line. */
static void attr_hint(const char *dev, const char *attr, const char *val,
		      int err)
{
	if (err == EACCES || err == EPERM) {
		hint("writing logswap's sysfs files needs root: run logswapctl as root");
		return;
	}
	if (!strcmp(attr, "backing_dev")) {
		if (err == ENODEV)
			hint("%s is not a block device: give the path of a disk or namespace (lsblk lists them)",
			     val);
		else if (err == EBUSY)
			hint("%s is in use (swapped on, mounted, or backing another logswap device): swapoff or umount it, or choose another device",
			     val);
		else
			hint("logswap cannot use %s: it is a logswap device, has logical blocks above 4 KiB, mixes conventional and sequential zones, has offline or read-only zones, sizes not a multiple of 4 KiB, or is above 2 TiB or below 4 MiB (the kernel line above says which)",
			     val);
	} else if (!strcmp(attr, "segment_size")) {
		if (err == EBUSY)
			hint("/dev/%s is initialised: logswapctl --reset /dev/%s first",
			     dev, dev);
		else
			hint("--segment-size: a power of two from 16K to 2M that divides the erase unit (the zone capacity on a zoned device); leave it out for the default");
	} else if (!strcmp(attr, "gc_policy")) {
		hint("--gc-policy: greedy or cost-benefit");
	} else if (!strcmp(attr, "disksize")) {
		if (err == EBUSY)
			hint("/dev/%s is initialised already: logswapctl --reset /dev/%s first",
			     dev, dev);
		else if (err == ENODEV)
			hint("the backing device has gone: check it with lsblk");
		else
			hint("the size is above what the backing device holds after the GC reserve, or the geometry is refused (the kernel line above says which): try --size max or a smaller size");
	} else if (!strcmp(attr, "reset")) {
		if (err == EBUSY)
			hint("/dev/%s is open (swapped on, mounted or held by a program): swapoff /dev/%s first",
			     dev, dev);
	} else if (!strcmp(attr, "gc_low") || !strcmp(attr, "gc_high")) {
		hint("gc_low must exceed the GC reserve (2) and not exceed gc_high; gc_high is at most half of the erase units");
	} else if (!strcmp(attr, "hot_add") && err == ENOSPC) {
		hint("256 logswap devices exist: reset and remove one first");
	}
}

/*
 * Write a device attribute; on a refusal print what was refused, the
 * errno, the kernel's reason and what to do.  0 or -errno.
 */
static int set_attr(const char *dev, const char *attr, const char *val)
{
	char path[256];
	int kfd = kmsg_open();
	int ret;

	snprintf(path, sizeof(path), SYS_BLOCK "/%s/%s", dev, attr);
	ret = write_path(path, val);
	if (!ret) {
		if (kfd >= 0)
			close(kfd);
		return 0;
	}
	warnx("/dev/%s: cannot set %s to '%s': %s (%s)", dev, attr, val,
	      strerror(-ret), errno_name(-ret));
	kmsg_report(kfd);
	attr_hint(dev, attr, val, -ret);
	return ret;
}

static void require_module(void)
{
	if (access(SYS_CTL, F_OK))
		errx(EX_NODEV, "the logswap module is not loaded (no " SYS_CTL "): run modprobe logswap");
}

/* "logswap0", "/dev/logswap0": the device name, which must exist. */
static const char *dev_name(const char *arg)
{
	static char name[32];
	char path[128];
	const char *n = arg;

	if (!strncmp(n, "/dev/", 5))
		n += 5;
	if (!lsw_valid_name(n))
		errx(EX_USAGE, "'%s' is not a logswap device: give /dev/logswapN (logswapctl lists them)",
		     arg);
	snprintf(name, sizeof(name), "%s", n);
	snprintf(path, sizeof(path), SYS_BLOCK "/%s", name);
	if (access(path, F_OK)) {
		require_module();
		errx(EX_NODEV, "/dev/%s: no such logswap device (logswapctl lists them; logswapctl --find creates one)",
		     name);
	}
	return name;
}

/* A decimal device id as hot_add prints it. */
static int lsw_valid_name_id(const char *id)
{
	char name[32];

	snprintf(name, sizeof(name), "logswap%.16s", id);
	return lsw_valid_name(name);
}

static int dev_id(const char *name)
{
	return atoi(name + 7);
}

/* Every logswap device, sorted by id; returns how many. */
static int list_devs(int *ids)
{
	static char seen[MAX_DEVS];
	struct dirent *de;
	int i, n = 0;
	DIR *d;

	memset(seen, 0, sizeof(seen));
	d = opendir(SYS_BLOCK);
	if (!d)
		errx(EX_FAIL, "cannot read " SYS_BLOCK ": %s", strerror(errno));
	while ((de = readdir(d)))
		if (lsw_valid_name(de->d_name))
			seen[dev_id(de->d_name)] = 1;
	closedir(d);
	for (i = 0; i < MAX_DEVS; i++)
		if (seen[i])
			ids[n++] = i;
	return n;
}

/* ---- device state ------------------------------------------------------ */

enum {
	FS_HOST, FS_ZERO, FS_FLASH, FS_SEGMENTS, FS_GC_RUNS, FS_GC_MOVED,
	FS_ERASES, FS_FREE_EUS, FS_NR_EUS, FS_LIVE, FS_STALLS, FS_BAD_EUS,
	FS_NR
};

struct dev_info {
	char name[32];
	char backing[LSW_CONF_PATH_MAX];
	const char *model;		/* NULL: unknown (no backing device) */
	uint64_t segment, disksize, erase_unit, nr_buffers;
	char policy[32];
	uint64_t fs[FS_NR];
	int swap;
};

static int read_flash_stat(const char *dev, uint64_t *fs)
{
	char buf[512], *p, *end;
	int i, ret;

	ret = read_attr(dev, "flash_stat", buf, sizeof(buf));
	if (ret)
		return ret;
	p = buf;
	for (i = 0; i < FS_NR; i++) {
		errno = 0;
		fs[i] = strtoull(p, &end, 10);
		if (errno || end == p)
			return -EIO;
		p = end;
	}
	return 0;
}

/* zoned or conventional, from the backing device's queue/zoned. */
static const char *backing_model(const char *path)
{
	char sys[128], buf[64];
	struct stat st;

	if (stat(path, &st) || !S_ISBLK(st.st_mode))
		return NULL;
	snprintf(sys, sizeof(sys), "/sys/dev/block/%u:%u/queue/zoned",
		 major(st.st_rdev), minor(st.st_rdev));
	if (read_file(sys, buf, sizeof(buf))) {
		/* A partition: its disk's queue. */
		snprintf(sys, sizeof(sys),
			 "/sys/dev/block/%u:%u/../queue/zoned",
			 major(st.st_rdev), minor(st.st_rdev));
		if (read_file(sys, buf, sizeof(buf)))
			return NULL;
	}
	return strcmp(buf, "none") ? "zoned" : "conventional";
}

/* Is /dev/@name in /proc/swaps (by path or by device number)? */
static int swapped_on(const char *name)
{
	char line[4096], want[64], devnum[32];
	unsigned int ma = 0, mi = 0;
	FILE *f;
	int on = 0;

	snprintf(want, sizeof(want), "/dev/%s", name);
	if (!read_attr(name, "dev", devnum, sizeof(devnum)))
		sscanf(devnum, "%u:%u", &ma, &mi);
	f = fopen("/proc/swaps", "re");
	if (!f)
		return 0;
	while (!on && fgets(line, sizeof(line), f)) {
		struct stat st;

		line[strcspn(line, " \t")] = '\0';
		if (!strcmp(line, want))
			on = 1;
		else if (line[0] == '/' && !stat(line, &st) &&
			 S_ISBLK(st.st_mode) && major(st.st_rdev) == ma &&
			 minor(st.st_rdev) == mi && ma)
			on = 1;
	}
	fclose(f);
	return on;
}

static int dev_read(const char *name, struct dev_info *d)
{
	char buf[128];
	int ret;

	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	ret = read_attr(name, "backing_dev", d->backing, sizeof(d->backing));
	if (!ret)
		ret = read_attr_u64(name, "segment_size", &d->segment);
	if (!ret)
		ret = read_attr_u64(name, "disksize", &d->disksize);
	if (!ret)
		ret = read_attr_u64(name, "erase_unit", &d->erase_unit);
	if (!ret)
		ret = read_attr_u64(name, "nr_buffers", &d->nr_buffers);
	if (!ret)
		ret = read_attr(name, "gc_policy", buf, sizeof(buf));
	if (!ret) {
		char *a = strchr(buf, '['), *b = a ? strchr(a, ']') : NULL;

		if (a && b) {
			*b = '\0';
			snprintf(d->policy, sizeof(d->policy), "%s", a + 1);
		}
		ret = read_flash_stat(name, d->fs);
	}
	if (ret)
		return ret;
	if (strcmp(d->backing, "none"))
		d->model = backing_model(d->backing);
	d->swap = swapped_on(name);
	return 0;
}

/* ---- the table ---------------------------------------------------------- */

enum col_type { T_STR, T_SIZE, T_NUM, T_WAF, T_BOOL };

/*
 * @stat: a column read straight from flash_stat is FS_x + 1 (0: any other
 * column), its value d->fs[FS_x] times @scale (BLOCK_SIZE for the counts
 * of blocks shown as sizes, else 1).
 */
struct col {
	const char *name;
	enum col_type type;
	const char *help;
	int stat;
	unsigned int scale;
};

#define FS_COL(x, mul)	.stat = (x) + 1, .scale = (mul)

enum {
	C_NAME, C_BACKING, C_MODEL, C_SEGMENT, C_DISKSIZE, C_STORED, C_ZERO,
	C_FLASH, C_WAF, C_FREE_EU, C_GC, C_SWAP,
	C_EU, C_NR_EU, C_LIVE, C_SEGMENTS, C_GC_MOVED, C_ERASES, C_STALLS,
	C_BAD_EU, C_POLICY, C_BUFFERS, C_NR
};

#define DEFAULT_COLS	12	/* NAME .. SWAP */

static const struct col cols[C_NR] = {
	[C_NAME] = { "NAME", T_STR, "logswap device name" },
	[C_BACKING] = { "BACKING", T_STR, "backing block device" },
	[C_MODEL] = { "MODEL", T_STR, "backing device: zoned or conventional" },
	[C_SEGMENT] = { "SEGMENT", T_SIZE, "segment size (0 until set: the default)" },
	[C_DISKSIZE] = { "DISKSIZE", T_SIZE, "logical size, 0 until initialised" },
	[C_STORED] = { "STORED", T_SIZE, "bytes stored by the host since initialisation",
		 FS_COL(FS_HOST, 1) },
	[C_ZERO] = { "ZERO", T_SIZE, "of those, zero-filled pages (never written to flash)",
		 FS_COL(FS_ZERO, BLOCK_SIZE) },
	[C_FLASH] = { "FLASH", T_SIZE, "bytes written to flash: data, summaries, GC copies",
		 FS_COL(FS_FLASH, 1) },
	[C_WAF] = { "WAF", T_WAF, "write amplification, FLASH / STORED" },
	[C_FREE_EU] = { "FREE-EU", T_NUM, "erase units free now",
		 FS_COL(FS_FREE_EUS, 1) },
	[C_GC] = { "GC", T_NUM, "garbage-collection runs",
		 FS_COL(FS_GC_RUNS, 1) },
	[C_SWAP] = { "SWAP", T_BOOL, "swapped on (in /proc/swaps)" },
	[C_EU] = { "EU", T_SIZE, "erase-unit size (writable bytes)" },
	[C_NR_EU] = { "NR-EU", T_NUM, "erase units of the device",
		 FS_COL(FS_NR_EUS, 1) },
	[C_LIVE] = { "LIVE", T_SIZE, "data held now (live slots)",
		 FS_COL(FS_LIVE, BLOCK_SIZE) },
	[C_SEGMENTS] = { "SEGMENTS", T_NUM, "segments written",
		 FS_COL(FS_SEGMENTS, 1) },
	[C_GC_MOVED] = { "GC-MOVED", T_NUM, "live blocks relocated by GC",
		 FS_COL(FS_GC_MOVED, 1) },
	[C_ERASES] = { "ERASES", T_NUM, "erase-unit erases",
		 FS_COL(FS_ERASES, 1) },
	[C_STALLS] = { "STALLS", T_NUM, "segment writes that waited for GC",
		 FS_COL(FS_STALLS, 1) },
	[C_BAD_EU] = { "BAD-EU", T_NUM, "erase units retired after errors",
		 FS_COL(FS_BAD_EUS, 1) },
	[C_POLICY] = { "POLICY", T_STR, "GC victim policy" },
	[C_BUFFERS] = { "BUFFERS", T_NUM, "RAM segment buffers" },
};

struct opts {
	int bytes, raw, json, noheadings;
	int outcols[C_NR], nr_out;
};

/* util-linux style: 1 letter suffix, one decimal when not whole. */
static void human(uint64_t v, char *buf, size_t size)
{
	static const char suf[] = "BKMGTPE";
	uint64_t unit = 1, whole, frac;
	int e = 0;

	while (e < 6 && v >= unit * 1024) {
		unit *= 1024;
		e++;
	}
	whole = v / unit;
	frac = e ? ((v % unit) * 10 + unit / 2) / unit : 0;
	if (frac == 10) {
		whole++;
		frac = 0;
	}
	if (frac)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64 "%c", whole, frac,
			 suf[e]);
	else
		snprintf(buf, size, "%" PRIu64 "%c", whole, suf[e]);
}

/* WAF as debugfs prints it: flash * 1000 / host, truncated, x.yyy. */
static int waf_milli(const struct dev_info *d, uint64_t *milli)
{
	uint64_t host = d->fs[FS_HOST] / BLOCK_SIZE;
	uint64_t flash = d->fs[FS_FLASH] / BLOCK_SIZE;

	if (!host)
		return 0;
	*milli = flash * 1000 / host;
	return 1;
}

/*
 * One cell as text; *is_null for "no value" (a dash in the table, null in
 * JSON).  Numbers are plain decimals (what JSON gets unquoted).
 */
static void cell(const struct dev_info *d, int c, const struct opts *o,
		 char *buf, size_t size, int *is_null)
{
	uint64_t v = 0, m;

	*is_null = 0;
	if (cols[c].stat)
		v = d->fs[cols[c].stat - 1] * cols[c].scale;
	switch (c) {
	case C_NAME:
		snprintf(buf, size, "/dev/%s", d->name);
		return;
	case C_BACKING:
		if (!strcmp(d->backing, "none"))
			*is_null = 1;
		snprintf(buf, size, "%s", *is_null ? "-" : d->backing);
		return;
	case C_MODEL:
		*is_null = !d->model;
		snprintf(buf, size, "%s", d->model ? d->model : "-");
		return;
	case C_POLICY:
		snprintf(buf, size, "%s", d->policy);
		return;
	case C_SWAP:
		snprintf(buf, size, "%s", d->swap ? "yes" : "no");
		return;
	case C_WAF:
		if (!waf_milli(d, &m)) {
			*is_null = 1;
			snprintf(buf, size, "-");
		} else {
			snprintf(buf, size, "%" PRIu64 ".%03" PRIu64,
				 m / 1000, m % 1000);
		}
		return;
	case C_SEGMENT:
		v = d->segment;
		break;
	case C_DISKSIZE:
		v = d->disksize;
		break;
	case C_EU:
		v = d->erase_unit;
		break;
	case C_BUFFERS:
		v = d->nr_buffers;
		break;
	}
	if (cols[c].type == T_SIZE && !o->bytes)
		human(v, buf, size);
	else
		snprintf(buf, size, "%" PRIu64, v);
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* --raw: util-linux escapes blanks and backslashes as \xNN. */
static void raw_str(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch <= ' ' || ch == '\\' || ch == 0x7f)
			printf("\\x%02x", ch);
		else
			putchar(ch);
	}
}

static void lower(const char *s, char *buf, size_t size)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		buf[i] = tolower((unsigned char)s[i]);
	buf[i] = '\0';
}

#define CELL_MAX	LSW_CONF_PATH_MAX

static void print_table(struct dev_info *devs, int n, const struct opts *o)
{
	static char text[MAX_DEVS][C_NR][256];
	int width[C_NR] = { 0 }, i, j;
	char buf[CELL_MAX], key[32];
	int is_null;

	if (o->json) {
		printf("{\n   \"logswapdevices\": [");
		for (i = 0; i < n; i++) {
			printf("%s\n      {", i ? "," : "");
			for (j = 0; j < o->nr_out; j++) {
				int c = o->outcols[j];

				cell(&devs[i], c, o, buf, sizeof(buf),
				     &is_null);
				lower(cols[c].name, key, sizeof(key));
				printf("%s\n         \"%s\": ", j ? "," : "",
				       key);
				if (is_null)
					printf("null");
				else if (cols[c].type == T_BOOL)
					printf("%s", devs[i].swap ? "true" :
					       "false");
				else if (cols[c].type == T_STR ||
					 (cols[c].type == T_SIZE && !o->bytes))
					json_str(buf);
				else
					printf("%s", buf);
			}
			printf("\n      }");
		}
		printf("%s]\n}\n", n ? "\n   " : "");
		return;
	}
	if (o->raw) {
		for (j = 0; !o->noheadings && j < o->nr_out; j++)
			printf("%s%s", j ? " " : "", cols[o->outcols[j]].name);
		if (!o->noheadings)
			putchar('\n');
		for (i = 0; i < n; i++) {
			for (j = 0; j < o->nr_out; j++) {
				cell(&devs[i], o->outcols[j], o, buf,
				     sizeof(buf), &is_null);
				if (j)
					putchar(' ');
				raw_str(buf);
			}
			putchar('\n');
		}
		return;
	}
	/* Aligned: text left, numbers right; the last column unpadded. */
	for (j = 0; j < o->nr_out; j++)
		width[j] = o->noheadings ? 0 : strlen(cols[o->outcols[j]].name);
	for (i = 0; i < n; i++) {
		for (j = 0; j < o->nr_out; j++) {
			int c = o->outcols[j], w;

			cell(&devs[i], c, o, buf, sizeof(buf), &is_null);
			/* A path longer than a cell is cut: --raw has it whole. */
			snprintf(text[i][j], sizeof(text[i][j]), "%.*s",
				 (int)sizeof(text[i][j]) - 1, buf);
			w = strlen(text[i][j]);
			if (w > width[j])
				width[j] = w;
		}
	}
	for (i = o->noheadings ? 0 : -1; i < n; i++) {
		for (j = 0; j < o->nr_out; j++) {
			int c = o->outcols[j];
			const char *s = i < 0 ? cols[c].name : text[i][j];
			int last = j == o->nr_out - 1;

			if (j)
				putchar(' ');
			if (last && (cols[c].type == T_STR ||
				     cols[c].type == T_BOOL))
				fputs(s, stdout);
			else if (cols[c].type == T_STR ||
				 cols[c].type == T_BOOL)
				printf("%-*s", width[j], s);
			else
				printf("%*s", width[j], s);
		}
		putchar('\n');
	}
}

static void parse_columns(const char *arg, struct opts *o)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int c;

	if (!copy)
		errx(EX_FAIL, "out of memory");
	o->nr_out = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < C_NR; c++)
			if (!strcasecmp(tok, cols[c].name))
				break;
		if (c == C_NR) {
			warnx("--output: unknown column '%s'", tok);
			hint("columns: NAME BACKING MODEL SEGMENT DISKSIZE STORED ZERO FLASH WAF FREE-EU GC SWAP EU NR-EU LIVE SEGMENTS GC-MOVED ERASES STALLS BAD-EU POLICY BUFFERS (logswapctl --help)");
			exit(EX_USAGE);
		}
		if (o->nr_out == C_NR)
			errx(EX_USAGE, "--output: at most %d columns", C_NR);
		o->outcols[o->nr_out++] = c;
	}
	free(copy);
	if (!o->nr_out)
		errx(EX_USAGE, "--output: no column given");
}

static int cmd_list(const char *only, const struct opts *o)
{
	static struct dev_info devs[MAX_DEVS];
	int ids[MAX_DEVS], n, i, k = 0, ret;
	char name[32];

	if (only) {
		ret = dev_read(dev_name(only), &devs[0]);
		if (ret)
			errx(EX_FAIL, "%s: cannot read its sysfs files: %s",
			     only, strerror(-ret));
		print_table(devs, 1, o);
		return EX_OK;
	}
	if (access(SYS_CTL, F_OK)) {
		/* zramctl prints nothing when there is no device. */
		if (o->json)
			print_table(devs, 0, o);
		return EX_OK;
	}
	n = list_devs(ids);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "logswap%d", ids[i]);
		/* A device may go away between readdir and reading it. */
		if (!dev_read(name, &devs[k]))
			k++;
	}
	if (k || o->json)
		print_table(devs, k, o);
	return EX_OK;
}

/* ---- --find, --setup-from-config, --reset ------------------------------ */

/* Read hot_add: a new device; its name in @name.  0 or -errno. */
static int hot_add(char *name, size_t size)
{
	char buf[32];
	int kfd = kmsg_open();
	int ret;

	ret = read_file(SYS_CTL "/hot_add", buf, sizeof(buf));
	if (ret) {
		warnx("cannot create a logswap device (read " SYS_CTL "/hot_add): %s (%s)",
		      strerror(-ret), errno_name(-ret));
		kmsg_report(kfd);
		attr_hint("", "hot_add", "", -ret);
		if (-ret == EACCES || -ret == EPERM)
			hint("creating devices needs root: run logswapctl as root");
		return ret;
	}
	if (kfd >= 0)
		close(kfd);
	if (!lsw_valid_name_id(buf)) {
		warnx(SYS_CTL "/hot_add gave '%.16s', not a device id", buf);
		return -EIO;
	}
	snprintf(name, size, "logswap%.8s", buf);
	return 0;
}

static void hot_remove(const char *name)
{
	char id[16];
	int ret;

	snprintf(id, sizeof(id), "%d", dev_id(name));
	ret = write_path(SYS_CTL "/hot_remove", id);
	if (ret)
		warnx("/dev/%s: could not remove it again (hot_remove): %s",
		      name, strerror(-ret));
}

struct setup {
	const char *backing;
	uint64_t segment_size;	/* 0: default */
	uint64_t size;		/* 0: max */
	const char *gc_policy;	/* NULL: as it is */
};

static void size_arg(uint64_t v, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRIu64, v);
}

/* Check that @path is a block device before the kernel is asked. */
static int check_backing(const char *path, int code)
{
	struct stat st;

	if (stat(path, &st)) {
		warnx("backing device %s: %s (%s)", path, strerror(errno),
		      errno_name(errno));
		hint("give the path of a block device, e.g. /dev/nvme0n2 (lsblk lists them)");
		return code;
	}
	if (!S_ISBLK(st.st_mode)) {
		warnx("backing device %s: not a block device", path);
		hint("give the path of a disk or namespace, e.g. /dev/nvme0n2 (lsblk lists them)");
		return code;
	}
	return 0;
}

/* Configure an uninitialised device; 0, or EX_FAIL with the reason printed. */
static int configure(const char *dev, const struct setup *s)
{
	char val[32];

	if (set_attr(dev, "backing_dev", s->backing))
		return EX_FAIL;
	if (s->segment_size) {
		size_arg(s->segment_size, val, sizeof(val));
		if (set_attr(dev, "segment_size", val))
			return EX_FAIL;
	}
	if (s->gc_policy && set_attr(dev, "gc_policy", s->gc_policy))
		return EX_FAIL;
	if (s->size)
		size_arg(s->size, val, sizeof(val));
	else
		snprintf(val, sizeof(val), "max");
	if (set_attr(dev, "disksize", val))
		return EX_FAIL;
	return 0;
}

static int cmd_find(const struct setup *s)
{
	int ids[MAX_DEVS], n, i, ret, added = 0;
	char name[32] = "";
	uint64_t ds;

	if (!s->backing)
		errx(EX_USAGE, "--find needs --backing DEV (the block device logswap writes to)");
	ret = check_backing(s->backing, EX_USAGE);
	if (ret)
		return ret;
	require_module();
	n = list_devs(ids);
	for (i = 0; i < n && !name[0]; i++) {
		char cand[32];

		snprintf(cand, sizeof(cand), "logswap%d", ids[i]);
		if (!read_attr_u64(cand, "disksize", &ds) && !ds)
			snprintf(name, sizeof(name), "%s", cand);
	}
	if (!name[0]) {
		if (hot_add(name, sizeof(name)))
			return EX_FAIL;
		added = 1;
	}
	ret = configure(name, s);
	if (ret) {
		if (added)
			hot_remove(name);
		else
			fprintf(stderr, "  note: /dev/%s is left uninitialised\n",
				name);
		return ret;
	}
	printf("/dev/%s\n", name);
	return EX_OK;
}

/* Run mkswap on /dev/@dev; 0 or EX_FAIL. */
static int run_mkswap(const char *dev)
{
	char path[64];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/dev/%s", dev);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		warnx("cannot fork for mkswap: %s", strerror(errno));
		return EX_FAIL;
	}
	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execlp("mkswap", "mkswap", path, (char *)NULL);
		fprintf(stderr, "%s: cannot run mkswap: %s\n", prog,
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		warnx("mkswap %s failed (status %d)", path,
		      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		hint("is mkswap (util-linux) installed and in PATH?");
		return EX_FAIL;
	}
	return 0;
}

static int load_conf(const char *path, struct lsw_conf *c)
{
	FILE *f = fopen(path, "re");
	int errors;

	if (!f) {
		warnx("cannot open the configuration %s: %s (%s)", path,
		      strerror(errno), errno_name(errno));
		if (errno == ENOENT)
			hint("write it (logswap.conf(5)) or give another one with --config FILE");
		return EX_CONFIG;
	}
	errors = lsw_conf_parse(f, path, c, stderr);
	fclose(f);
	if (errors) {
		warnx("%s: %d error%s: nothing was set up (logswap.conf(5))",
		      path, errors, errors > 1 ? "s" : "");
		return EX_CONFIG;
	}
	return 0;
}

/* Create devices with hot_add until /dev/@name exists; drop the others. */
static int ensure_dev(const char *name)
{
	char path[64], got[32], extra[MAX_DEVS][32];
	int n = 0, i, ret = 0;

	snprintf(path, sizeof(path), SYS_BLOCK "/%s", name);
	while (access(path, F_OK)) {
		if (hot_add(got, sizeof(got))) {
			ret = EX_FAIL;
			break;
		}
		if (!strcmp(got, name))
			break;
		if (n == MAX_DEVS) {
			ret = EX_FAIL;
			break;
		}
		snprintf(extra[n++], sizeof(extra[0]), "%s", got);
	}
	for (i = 0; i < n; i++)
		hot_remove(extra[i]);
	return ret;
}

static int cmd_setup_conf(const char *section, const char *conf_path)
{
	static struct lsw_conf conf;
	const struct lsw_conf_section *sec;
	struct setup s = { 0 };
	char sz[32];
	uint64_t ds;
	int ret;

	ret = load_conf(conf_path, &conf);
	if (ret)
		return ret;
	sec = lsw_conf_find(&conf, section);
	if (!sec) {
		warnx("%s: no section [%s]", conf_path, section);
		hint("the section is named after the device: [logswap0] ... ; logswap-generator writes units only for the sections there are");
		return EX_CONFIG;
	}
	ret = check_backing(sec->backing, EX_CONFIG);
	if (ret) {
		fprintf(stderr, "  (%s:%u, [%s] backing-device)\n", conf_path,
			sec->line, sec->name);
		return ret;
	}
	require_module();
	ret = ensure_dev(sec->name);
	if (ret)
		return ret;
	if (!read_attr_u64(sec->name, "disksize", &ds) && ds) {
		warnx("/dev/%s is initialised already (disksize %" PRIu64 ")",
		      sec->name, ds);
		hint("logswapctl --reset /dev/%s first (swapoff it before)",
		     sec->name);
		return EX_FAIL;
	}
	s.backing = sec->backing;
	s.segment_size = sec->segment_size;
	s.size = sec->size;
	s.gc_policy = sec->gc_policy[0] ? sec->gc_policy : NULL;
	ret = configure(sec->name, &s);
	if (ret)
		return ret;
	ret = run_mkswap(sec->name);
	if (ret) {
		set_attr(sec->name, "reset", "1");
		return ret;
	}
	read_attr_u64(sec->name, "disksize", &ds);
	human(ds, sz, sizeof(sz));
	printf("/dev/%s: %s on %s (%s), swap signature written\n", sec->name,
	       sz, sec->backing, backing_model(sec->backing) ?: "?");
	return EX_OK;
}

static int cmd_reset(const char *arg)
{
	const char *dev = dev_name(arg);

	return set_attr(dev, "reset", "1") ? EX_FAIL : EX_OK;
}

/* ---- --stats ----------------------------------------------------------- */

struct stat_key {
	const char *key, *unit, *help;
};

static const struct stat_key stat_keys[] = {
	{ "runs", "runs", "garbage-collection runs (background and foreground)" },
	{ "victims", "EUs", "erase units collected by GC" },
	{ "blocks_moved", "blocks", "live 4 KiB blocks relocated by GC" },
	{ "erases", "erases", "erase-unit erases (zone resets, discards)" },
	{ "host_bytes", "bytes", "stored by the host (zero pages included)" },
	{ "flash_bytes", "bytes", "written to flash: data, summaries, GC copies" },
	{ "zero_pages", "pages", "stored pages that were zero-filled (never on flash)" },
	{ "ram_dropped", "pages", "pages freed while still in a RAM buffer (never on flash)" },
	{ "waf", "ratio", "write amplification, flash_bytes / host_bytes" },
	{ "fg_stalls", "writes", "segment writes that had to collect garbage first" },
	{ "backpressure", "waits", "writers that waited for a free segment buffer" },
	{ "free_eus", "EUs", "erase units free now" },
	{ "nr_eus", "EUs", "erase units of the device" },
	{ "bad_eus", "EUs", "erase units retired after a write or erase error" },
	{ "erase_min", "erases", "lowest erase count of an erase unit" },
	{ "erase_max", "erases", "highest erase count of an erase unit" },
	{ "write_errors", "errors", "failed segment writes" },
	{ "read_errors", "errors", "failed page reads" },
	{ "erase_errors", "errors", "failed erases" },
	{ "read_retries", "reads", "page reads retried on their own" },
	{ "map_bytes", "bytes", "RAM of the slot map" },
	{ "ram_bytes", "bytes", "RAM of the engine (map, bitmaps, buffers)" },
	{ "segments", "segments", "segments written" },
	{ "partial_flushes", "flushes", "segments written before they were full" },
	{ "wl_moves", "EUs", "erase units relocated by static wear leveling" },
	{ "live_slots", "pages", "slots holding a page now" },
	{ "zero_slots", "pages", "slots holding a zero page now" },
	{ "discards", "pages", "slots freed by discards" },
	{ "host_reads", "pages", "pages read by the host" },
	{ "gc_aborts", "runs", "GC runs given up" },
};

static const struct stat_key *stat_key(const char *k)
{
	size_t i;

	for (i = 0; i < sizeof(stat_keys) / sizeof(stat_keys[0]); i++)
		if (!strcmp(k, stat_keys[i].key))
			return &stat_keys[i];
	return NULL;
}

static int cmd_stats(const char *arg, const struct opts *o)
{
	const char *dev = dev_name(arg);
	char path[128], line[256];
	int first = 1;
	FILE *f;

	snprintf(path, sizeof(path), DEBUGFS "/logswap/%s/gc", dev);
	f = fopen(path, "re");
	if (!f) {
		int e = errno;

		warnx("/dev/%s: cannot read %s: %s (%s)", dev, path,
		      strerror(e), errno_name(e));
		if (e == EACCES || e == EPERM)
			hint("debugfs is for root: run logswapctl as root");
		else if (access(DEBUGFS "/logswap", F_OK))
			hint("is debugfs mounted? mount -t debugfs none " DEBUGFS);
		return e == ENOENT ? EX_NODEV : EX_FAIL;
	}
	if (o->json)
		printf("{\n   \"name\": \"/dev/%s\",\n   \"stats\": [", dev);
	else
		printf("/dev/%s (debugfs logswap/%s/gc)\n", dev, dev);
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *val;
		const struct stat_key *k;
		char hs[32] = "";

		if (!colon)
			continue;
		*colon = '\0';
		val = colon + 1;
		while (*val == ' ')
			val++;
		val[strcspn(val, "\n")] = '\0';
		k = stat_key(line);
		if (!strcmp(line, "version")) {
			if (strcmp(val, "1"))
				warnx("debugfs gc version %s: this logswapctl knows version 1; keys it does not know are shown without units",
				      val);
			continue;
		}
		if (o->json) {
			printf("%s\n      {\"key\": ", first ? "" : ",");
			json_str(line);
			printf(", \"value\": %s, \"unit\": ", val);
			json_str(k ? k->unit : "");
			printf(", \"description\": ");
			json_str(k ? k->help : "");
			putchar('}');
		} else {
			if (k && !strcmp(k->unit, "bytes") && !o->bytes) {
				uint64_t v = strtoull(val, NULL, 10);

				if (v >= 1024) {
					char h[24];

					human(v, h, sizeof(h));
					snprintf(hs, sizeof(hs), "(%s)", h);
				}
			}
			printf("  %-16s %14s %-8s %-8s %s\n", line, val,
			       k ? k->unit : "-", hs,
			       k ? k->help : "(not known to this logswapctl)");
		}
		first = 0;
	}
	fclose(f);
	if (o->json)
		printf("\n   ]\n}\n");
	return EX_OK;
}

/* ---- --gc -------------------------------------------------------------- */

static volatile sig_atomic_t gc_stop;

static void on_signal(int sig)
{
	gc_stop = sig;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int set_u32(const char *dev, const char *attr, uint64_t v)
{
	char val[32];

	snprintf(val, sizeof(val), "%" PRIu64, v);
	return set_attr(dev, attr, val);
}

/*
 * The interface has no "collect now": background GC runs, at the next
 * erase-unit allocation, while fewer than gc_low EUs are free, until
 * gc_high are.  So --gc raises both to the highest value the driver
 * takes, waits for the collector, and puts them back.
 */
static int cmd_gc(const char *arg, int wait, int timeout)
{
	const char *dev = dev_name(arg);
	uint64_t fs[FS_NR], fs0[FS_NR], low, high, target, last_act;
	char lockpath[128];
	struct sigaction sa;
	int ret, lock, idle_ms = 0, elapsed = 0, reached;

	/*
	 * One --gc per device at a time: it restores what it found, so it
	 * reads the thresholds under the lock.
	 */
	snprintf(lockpath, sizeof(lockpath), "%s/logswapctl-%s.gc.lock",
		 access("/run", W_OK) ? "/tmp" : "/run", dev);
	lock = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB)) {
		warnx("/dev/%s: %s", dev, lock < 0 ? strerror(errno) :
		      "another logswapctl --gc runs on it");
		hint("wait for it to finish (it restores gc_low and gc_high)");
		return EX_FAIL;
	}

	if (read_flash_stat(dev, fs0) || read_attr_u64(dev, "gc_low", &low) ||
	    read_attr_u64(dev, "gc_high", &high))
		errx(EX_FAIL, "/dev/%s: cannot read its sysfs files", dev);
	if (!fs0[FS_NR_EUS]) {
		warnx("/dev/%s is not initialised: nothing to collect", dev);
		hint("logswapctl --find --backing DEV sets one up");
		return EX_FAIL;
	}
	target = fs0[FS_NR_EUS] / 2;
	if (target < 6)
		target = 6;	/* the driver takes reserve + 4 always */
	if (target <= high) {
		printf("/dev/%s: gc_high is %" PRIu64 " already, the highest the driver takes is %" PRIu64 ": the collector keeps that many erase units free on its own\n",
		       dev, high, target);
		return EX_OK;
	}
	if (fs0[FS_FREE_EUS] >= target) {
		printf("/dev/%s: %" PRIu64 " of %" PRIu64 " erase units free: nothing to collect (target %" PRIu64 ")\n",
		       dev, fs0[FS_FREE_EUS], fs0[FS_NR_EUS], target);
		return EX_OK;
	}

	if (set_u32(dev, "gc_high", target))
		return EX_FAIL;
	if (set_u32(dev, "gc_low", target)) {
		set_u32(dev, "gc_high", high);
		return EX_FAIL;
	}
	if (!wait) {
		pid_t pid;

		fflush(NULL);
		pid = fork();
		if (pid < 0) {
			warnx("cannot fork: %s", strerror(errno));
			set_u32(dev, "gc_low", low);
			set_u32(dev, "gc_high", high);
			return EX_FAIL;
		}
		if (pid) {
			printf("/dev/%s: garbage collection requested: it runs at the next erase-unit allocation until %" PRIu64 " of %" PRIu64 " erase units are free (now %" PRIu64 "); gc_low %" PRIu64 " and gc_high %" PRIu64 " come back then, or after %d s\n",
			       dev, target, fs0[FS_NR_EUS],
			       fs0[FS_FREE_EUS], low, high, timeout);
			return EX_OK;
		}
		/* The child keeps the lock and restores the thresholds. */
		setsid();
		ret = open("/dev/null", O_RDWR);
		if (ret >= 0) {
			dup2(ret, 0);
			dup2(ret, 1);
			dup2(ret, 2);
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	last_act = fs0[FS_SEGMENTS] + fs0[FS_GC_RUNS] + fs0[FS_ERASES];
	memcpy(fs, fs0, sizeof(fs));
	while (!gc_stop && fs[FS_FREE_EUS] < target && elapsed < timeout * 1000 &&
	       idle_ms < 5000) {
		uint64_t act;

		sleep_ms(200);
		elapsed += 200;
		if (read_flash_stat(dev, fs))
			break;
		act = fs[FS_SEGMENTS] + fs[FS_GC_RUNS] + fs[FS_ERASES];
		idle_ms = act == last_act ? idle_ms + 200 : 0;
		last_act = act;
	}
	reached = fs[FS_FREE_EUS] >= target;
	ret = set_u32(dev, "gc_low", low) | set_u32(dev, "gc_high", high);
	if (!wait)
		_exit(ret ? EX_FAIL : EX_OK);
	printf("/dev/%s: free erase units %" PRIu64 " -> %" PRIu64 " of %" PRIu64 " (target %" PRIu64 "); %" PRIu64 " GC runs, %" PRIu64 " blocks moved, %" PRIu64 " erases\n",
	       dev, fs0[FS_FREE_EUS], fs[FS_FREE_EUS], fs[FS_NR_EUS], target,
	       fs[FS_GC_RUNS] - fs0[FS_GC_RUNS],
	       fs[FS_GC_MOVED] - fs0[FS_GC_MOVED],
	       fs[FS_ERASES] - fs0[FS_ERASES]);
	if (ret)
		return EX_FAIL;
	if (reached)
		return EX_OK;
	if (gc_stop)
		warnx("/dev/%s: interrupted; gc_low %" PRIu64 " and gc_high %" PRIu64 " restored",
		      dev, low, high);
	else if (idle_ms >= 5000)
		warnx("/dev/%s: GC stopped short of %" PRIu64 " free erase units: the device was idle for 5 s",
		      dev, target);
	else
		warnx("/dev/%s: GC stopped short of %" PRIu64 " free erase units after %d s (--timeout)",
		      dev, target, timeout);
	if (!gc_stop)
		hint("logswap collects only when it allocates an erase unit, i.e. while it is written (the driver has no sysfs file to start GC on an idle device); the rest may be live data");
	return EX_GCSHORT;
}

/* ---- main -------------------------------------------------------------- */

static void __attribute__((noreturn)) usage(int code)
{
	FILE *out = code ? stderr : stdout;
	int c;

	fprintf(out,
		"Usage:\n"
		" logswapctl [options] [DEV]                 list devices (or DEV)\n"
		" logswapctl --find --backing DEV [--segment-size S] [--size S|max] [--gc-policy P]\n"
		" logswapctl --reset DEV\n"
		" logswapctl --gc DEV [--wait] [--timeout SECONDS]\n"
		" logswapctl --stats DEV\n"
		" logswapctl --setup-from-config SECTION [--config FILE]\n"
		"\nSet up and inspect logswap devices.\n\nOptions:\n"
		" -f, --find                 set up a free device (hot_add one if none), print its name\n"
		"     --backing DEV          backing block device (with --find)\n"
		"     --segment-size S       segment size, 16K..2M (with --find)\n"
		" -s, --size S|max           logical size (with --find; default max)\n"
		"     --gc-policy P          greedy or cost-benefit (with --find)\n"
		" -r, --reset                reset DEV (every stored page is lost)\n"
		"     --gc                   garbage-collect DEV down to half of its erase units in use\n"
		"     --wait                 with --gc: wait for the collector and report\n"
		"     --timeout SECONDS      with --gc: give up after that long (default 60)\n"
		"     --stats                DEV's debugfs counters, named, with units\n"
		"     --setup-from-config SECTION\n"
		"                            set up the device of that logswap.conf section and mkswap it\n"
		"     --config FILE          configuration file (default " LSW_CONF_DEFAULT ")\n"
		" -o, --output COLS          columns to show, comma separated\n"
		"     --output-all           every column\n"
		" -b, --bytes                sizes in bytes\n"
		"     --raw                  unaligned, for scripts\n"
		" -J, --json                 JSON\n"
		" -n, --noheadings           no header line\n"
		" -h, --help                 this text\n"
		" -V, --version              version\n"
		"\nColumns:\n");
	for (c = 0; c < C_NR; c++)
		fprintf(out, " %10s  %s%s\n", cols[c].name, cols[c].help,
			c < DEFAULT_COLS ? "" : " (not by default)");
	fprintf(out, "\nExit status: 0 ok, 1 refused or failed, 2 usage, 3 configuration file,\n"
		"4 no such device or no module, 5 --gc --wait stopped short. See logswapctl(8).\n");
	exit(code);
}

enum {
	O_BACKING = 256, O_SEGMENT, O_GCPOL, O_GC, O_WAIT, O_TIMEOUT, O_STATS,
	O_SETUP, O_CONFIG, O_RAW, O_ALL,
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "find", no_argument, NULL, 'f' },
		{ "backing", required_argument, NULL, O_BACKING },
		{ "segment-size", required_argument, NULL, O_SEGMENT },
		{ "size", required_argument, NULL, 's' },
		{ "gc-policy", required_argument, NULL, O_GCPOL },
		{ "reset", no_argument, NULL, 'r' },
		{ "gc", no_argument, NULL, O_GC },
		{ "wait", no_argument, NULL, O_WAIT },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "stats", no_argument, NULL, O_STATS },
		{ "setup-from-config", required_argument, NULL, O_SETUP },
		{ "config", required_argument, NULL, O_CONFIG },
		{ "output", required_argument, NULL, 'o' },
		{ "output-all", no_argument, NULL, O_ALL },
		{ "bytes", no_argument, NULL, 'b' },
		{ "raw", no_argument, NULL, O_RAW },
		{ "json", no_argument, NULL, 'J' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	enum { M_LIST, M_FIND, M_RESET, M_GC, M_STATS, M_SETUP } mode = M_LIST;
	static const char *const modename[] = { "", "--find", "--reset", "--gc", "--stats",
				   "--setup-from-config" };
	const char *section = NULL, *conf = LSW_CONF_DEFAULT;
	struct setup s = { 0 };
	struct opts o = { 0 };
	int c, i, wait = 0, timeout = 60, setup_opt = 0, gc_opt = 0;
	char *end;

	for (i = 0; i < DEFAULT_COLS; i++)
		o.outcols[i] = i;
	o.nr_out = DEFAULT_COLS;

	while ((c = getopt_long(argc, argv, "fs:ro:bJnhV", longopts,
				NULL)) != -1) {
		int m = -1;

		switch (c) {
		case 'f':
			m = M_FIND;
			break;
		case 'r':
			m = M_RESET;
			break;
		case O_GC:
			m = M_GC;
			break;
		case O_STATS:
			m = M_STATS;
			break;
		case O_SETUP:
			m = M_SETUP;
			section = optarg;
			break;
		case O_BACKING:
			s.backing = optarg;
			setup_opt = 1;
			break;
		case O_SEGMENT:
			if (lsw_parse_size(optarg, &s.segment_size) ||
			    s.segment_size < LSW_SEG_MIN ||
			    s.segment_size > LSW_SEG_MAX ||
			    (s.segment_size & (s.segment_size - 1))) {
				warnx("--segment-size '%s': not a segment size", optarg);
				hint("a power of two from 16K to 2M (K, M suffixes), e.g. 1M; leave it out for the default");
				exit(EX_USAGE);
			}
			setup_opt = 1;
			break;
		case 's':
			if (!strcmp(optarg, "max")) {
				s.size = 0;
			} else if (lsw_parse_size(optarg, &s.size) || !s.size) {
				warnx("--size '%s': not a size", optarg);
				hint("a number of bytes with an optional K, M, G or T suffix, or max");
				exit(EX_USAGE);
			}
			setup_opt = 1;
			break;
		case O_GCPOL:
			if (!lsw_valid_policy(optarg)) {
				warnx("--gc-policy '%s': no such policy", optarg);
				hint("greedy or cost-benefit");
				exit(EX_USAGE);
			}
			s.gc_policy = optarg;
			setup_opt = 1;
			break;
		case O_WAIT:
			wait = 1;
			gc_opt = 1;
			break;
		case O_TIMEOUT:
			errno = 0;
			timeout = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || timeout < 1 ||
			    timeout > 86400) {
				warnx("--timeout '%s': not a number of seconds", optarg);
				hint("a whole number from 1 to 86400");
				exit(EX_USAGE);
			}
			gc_opt = 1;
			break;
		case O_CONFIG:
			conf = optarg;
			break;
		case 'o':
			parse_columns(optarg, &o);
			break;
		case O_ALL:
			for (i = 0; i < C_NR; i++)
				o.outcols[i] = i;
			o.nr_out = C_NR;
			break;
		case 'b':
			o.bytes = 1;
			break;
		case O_RAW:
			o.raw = 1;
			break;
		case 'J':
			o.json = 1;
			break;
		case 'n':
			o.noheadings = 1;
			break;
		case 'h':
			usage(EX_OK);
		case 'V':
			printf("logswapctl %s\n", LSWCTL_VERSION);
			return EX_OK;
		default:
			hint("logswapctl --help lists the options");
			exit(EX_USAGE);
		}
		if (m >= 0) {
			if (mode != M_LIST && (int)mode != m)
				errx(EX_USAGE, "%s and %s do not go together",
				     modename[mode], modename[m]);
			mode = m;
		}
	}
	if (setup_opt && mode != M_FIND)
		errx(EX_USAGE, "--backing, --segment-size, --size and --gc-policy go with --find");
	if (gc_opt && mode != M_GC)
		errx(EX_USAGE, "--wait and --timeout go with --gc");
	if (o.json && o.raw)
		errx(EX_USAGE, "--json and --raw do not go together");

	switch (mode) {
	case M_LIST:
		if (optind < argc - 1)
			errx(EX_USAGE, "one device at most (got %d)", argc - optind);
		return cmd_list(optind < argc ? argv[optind] : NULL, &o);
	case M_FIND:
		if (optind < argc)
			errx(EX_USAGE, "--find takes no device: it picks one ('%s' given)",
			     argv[optind]);
		return cmd_find(&s);
	case M_SETUP:
		if (optind < argc)
			errx(EX_USAGE, "--setup-from-config takes a section name only");
		if (!lsw_valid_name(section))
			errx(EX_USAGE, "--setup-from-config '%s': a section is named after its device, logswap0 to logswap255",
			     section);
		return cmd_setup_conf(section, conf);
	default:
		break;
	}
	if (optind != argc - 1)
		errx(EX_USAGE, "%s needs exactly one device, e.g. %s /dev/logswap0",
		     modename[mode], modename[mode]);
	if (mode == M_RESET)
		return cmd_reset(argv[optind]);
	if (mode == M_STATS)
		return cmd_stats(argv[optind], &o);
	return cmd_gc(argv[optind], wait, timeout);
}
