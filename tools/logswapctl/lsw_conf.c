// SPDX-License-Identifier: GPL-2.0
/*
 * Parser of /etc/logswap.conf (format in logswap.conf.5).
 *
 *   # comment            (a whole line; ';' too)
 *   [logswap0]           one section per device, named after it
 *   backing-device = /dev/nvme0n2
 *   segment-size = 1M
 *   size = max
 *   gc-policy = greedy
 *   swap-priority = 100
 *
 * Everything is checked here, before any unit is written or any sysfs
 * file touched: unknown keys, keys given twice, sections given twice,
 * values that cannot be right.  What depends on the backing device (does
 * segment-size divide its erase unit, does size fit) is for the driver.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lsw_conf.h"

#define LSW_CONF_LINE_MAX	8192
#define KEYS "backing-device, segment-size, size, gc-policy, swap-priority"

static const char *const lsw_policies[] = { "greedy", "cost-benefit" };

int lsw_parse_size(const char *s, uint64_t *val)
{
	unsigned int shift = 0;
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 't':
		shift += 10;
		/* fall through */
	case 'g':
		shift += 10;
		/* fall through */
	case 'm':
		shift += 10;
		/* fall through */
	case 'k':
		shift += 10;
		end++;
		break;
	}
	if (*end)
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*val = (uint64_t)v << shift;
	return 0;
}

int lsw_valid_name(const char *s)
{
	char *end;
	long n;

	if (strncmp(s, "logswap", 7) || !isdigit((unsigned char)s[7]))
		return 0;
	if (s[7] == '0' && s[8])
		return 0;
	errno = 0;
	n = strtol(s + 7, &end, 10);
	return !errno && !*end && n >= 0 && n < LSW_CONF_MAX_SECTIONS;
}

int lsw_valid_policy(const char *p)
{
	size_t i;

	for (i = 0; i < sizeof(lsw_policies) / sizeof(lsw_policies[0]); i++)
		if (!strcmp(p, lsw_policies[i]))
			return 1;
	return 0;
}

const struct lsw_conf_section *lsw_conf_find(const struct lsw_conf *c,
					     const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nr; i++)
		if (!strcmp(c->sec[i].name, name))
			return &c->sec[i];
	return NULL;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

struct lsw_parser {
	const char *path;
	unsigned int line;
	unsigned int errors;
	FILE *err;
};

static void perr(struct lsw_parser *p, const char *fmt, ...)
{
	va_list ap;

	fprintf(p->err, "%s:%u: ", p->path, p->line);
	va_start(ap, fmt);
	vfprintf(p->err, fmt, ap);
	va_end(ap);
	fputc('\n', p->err);
	p->errors++;
}

/* Keys seen in the current section, to refuse one given twice. */
enum { K_BACKING, K_SEGMENT, K_SIZE, K_POLICY, K_PRIO, K_NR };
static const char *const lsw_keys[K_NR] = {
	"backing-device", "segment-size", "size", "gc-policy", "swap-priority",
};

static void set_key(struct lsw_parser *p, struct lsw_conf_section *s,
		    unsigned int *seen, const char *key, const char *val)
{
	uint64_t v;
	long prio;
	char *end;
	int k;

	if (!strcmp(key, "placement")) {
		perr(p, "placement: not supported: the logswap driver has no placement attribute in sysfs yet (no kernel support for data placement hints); remove the key");
		return;
	}
	for (k = 0; k < K_NR; k++)
		if (!strcmp(key, lsw_keys[k]))
			break;
	if (k == K_NR) {
		perr(p, "unknown key '%s' (keys: " KEYS ")", key);
		return;
	}
	if (seen[k]) {
		perr(p, "%s given twice in [%s] (first at line %u)", key,
		     s->name, seen[k]);
		return;
	}
	seen[k] = p->line;
	if (!*val) {
		perr(p, "%s has no value", key);
		return;
	}
	switch (k) {
	case K_BACKING:
		if (val[0] != '/') {
			perr(p, "backing-device = '%s': an absolute path of a block device, e.g. /dev/nvme0n2 or /dev/disk/by-id/...",
			     val);
		} else if (strlen(val) >= sizeof(s->backing)) {
			perr(p, "backing-device: path longer than %zu bytes",
			     sizeof(s->backing) - 1);
		} else {
			strcpy(s->backing, val);
		}
		break;
	case K_SEGMENT:
		if (lsw_parse_size(val, &v) || v < LSW_SEG_MIN ||
		    v > LSW_SEG_MAX || (v & (v - 1)))
			perr(p, "segment-size = '%s': a power of two from 16K to 2M (K, M suffixes), e.g. 1M",
			     val);
		else
			s->segment_size = v;
		break;
	case K_SIZE:
		if (!strcmp(val, "max"))
			s->size = 0;
		else if (lsw_parse_size(val, &v) || !v)
			perr(p, "size = '%s': a size in bytes with an optional K, M, G or T suffix, or max",
			     val);
		else
			s->size = v;
		break;
	case K_POLICY:
		if (!lsw_valid_policy(val))
			perr(p, "gc-policy = '%s': greedy or cost-benefit",
			     val);
		else
			snprintf(s->gc_policy, sizeof(s->gc_policy), "%s",
				 val);
		break;
	case K_PRIO:
		errno = 0;
		prio = strtol(val, &end, 10);
		if (errno || *end || end == val || prio < -1 || prio > 32767) {
			perr(p, "swap-priority = '%s': a number from -1 to 32767 (as swapon -p takes it)",
			     val);
		} else {
			s->swap_priority = (int)prio;
			s->has_priority = 1;
		}
		break;
	}
}

static void end_section(struct lsw_parser *p, struct lsw_conf_section *s)
{
	if (s && !s->backing[0] && s->name[0])
		fprintf(p->err, "%s:%u: [%s] has no backing-device (the block device logswap writes to, e.g. backing-device = /dev/nvme0n2)\n",
			p->path, s->line, s->name), p->errors++;
}

int lsw_conf_parse(FILE *f, const char *path, struct lsw_conf *c, FILE *err)
{
	struct lsw_parser p = { .path = path, .err = err };
	struct lsw_conf_section *s = NULL, skip;
	unsigned int seen[K_NR];
	char buf[LSW_CONF_LINE_MAX];

	memset(c, 0, sizeof(*c));
	while (fgets(buf, sizeof(buf), f)) {
		size_t len = strlen(buf);
		char *l, *eq;

		p.line++;
		if (len == sizeof(buf) - 1 && buf[len - 1] != '\n') {
			perr(&p, "line longer than %d bytes", LSW_CONF_LINE_MAX - 2);
			return p.errors;
		}
		l = trim(buf);
		if (!*l || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			char *name = l + 1, *close = strchr(name, ']');
			const struct lsw_conf_section *dup;

			end_section(&p, s);
			memset(seen, 0, sizeof(seen));
			memset(&skip, 0, sizeof(skip));
			s = &skip;	/* keys of a bad section: checked, dropped */
			if (!close || trim(close + 1)[0]) {
				perr(&p, "'%s': a section header is [logswapN] alone on its line",
				     l);
				continue;
			}
			*close = '\0';
			name = trim(name);
			if (!lsw_valid_name(name)) {
				perr(&p, "section [%s]: a section names its device, logswap0 to logswap%d",
				     name, LSW_CONF_MAX_SECTIONS - 1);
				continue;
			}
			dup = lsw_conf_find(c, name);
			if (dup) {
				perr(&p, "section [%s] again (first at line %u): one section per device",
				     name, dup->line);
				continue;
			}
			s = &c->sec[c->nr++];
			snprintf(s->name, sizeof(s->name), "%s", name);
			s->line = p.line;
			continue;
		}
		eq = strchr(l, '=');
		if (!eq) {
			perr(&p, "'%s': expected [logswapN] or key = value", l);
			continue;
		}
		*eq = '\0';
		if (!s) {
			perr(&p, "%s: a key before the first [logswapN] section",
			     trim(l));
			continue;
		}
		set_key(&p, s, seen, trim(l), trim(eq + 1));
	}
	if (ferror(f)) {
		fprintf(err, "%s: read error: %s\n", path, strerror(errno));
		p.errors++;
	}
	end_section(&p, s);
	return p.errors;
}
