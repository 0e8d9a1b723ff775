/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /etc/logswap.conf: one INI-like section per logswap device (logswap.conf.5).
 * Shared by logswapctl (--setup-from-config) and logswap-generator.
 */
#ifndef LSW_CONF_H
#define LSW_CONF_H

#include <stdint.h>
#include <stdio.h>

#define LSW_CONF_DEFAULT	"/etc/logswap.conf"
#define LSW_CONF_MAX_SECTIONS	256
#define LSW_CONF_PATH_MAX	4096

struct lsw_conf_section {
	char name[32];			/* logswapN */
	unsigned int line;		/* line of the [header] */
	char backing[LSW_CONF_PATH_MAX];
	uint64_t segment_size;		/* 0: the driver's default */
	uint64_t size;			/* 0: max */
	char gc_policy[32];		/* "": the driver's default */
	int swap_priority;
	int has_priority;
};

struct lsw_conf {
	unsigned int nr;
	struct lsw_conf_section sec[LSW_CONF_MAX_SECTIONS];
};

/*
 * Parse @f (named @path in messages).  Every error is printed to @err as
 * "PATH:LINE: what is wrong and what to do"; returns the number of errors
 * (0: @c holds every section, all checked).
 */
int lsw_conf_parse(FILE *f, const char *path, struct lsw_conf *c, FILE *err);

/* Section named @name, or NULL. */
const struct lsw_conf_section *lsw_conf_find(const struct lsw_conf *c,
					     const char *name);

/*
 * A byte count with an optional K, M, G or T suffix (binary, either case),
 * whole: 0 on success, -1 for anything else (empty, garbage, overflow).
 */
int lsw_parse_size(const char *s, uint64_t *val);

/* Is @s a logswap device name, logswapN (N decimal, no leading zero)? */
int lsw_valid_name(const char *s);

/* Is @p one of the GC policies the driver documents? */
int lsw_valid_policy(const char *p);

#define LSW_SEG_MIN	(16ULL << 10)
#define LSW_SEG_MAX	(2ULL << 20)

#endif
