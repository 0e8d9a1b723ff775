/* SPDX-License-Identifier: GPL-2.0 */
/* A tiny test harness: TAP-like lines, a WARN is a failure. */
#ifndef _LSW_TEST_H
#define _LSW_TEST_H

#include "lsw_env.h"
#include "core/lsw_core.h"
#include "ramdev.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n",		\
			__FILE__, __LINE__, #cond);			\
		return -1;						\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (__a != __b) {						\
		fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n", \
			__FILE__, __LINE__, #a, __a, #b, __b);		\
		return -1;						\
	}								\
} while (0)

struct lsw_test {
	const char *name;
	int (*fn)(void);
};

/* Deterministic page contents: (slot, version) -> 4 KiB. */
static inline u64 lsw_mix(u64 x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static inline void lsw_fill_page(void *page, u64 slot, u32 version)
{
	u64 *w = page, seed = lsw_mix(slot * 0x100000001ULL + version);
	unsigned int i;

	if (!version) {
		memset(page, 0, LSW_BLOCK_SIZE);
		return;
	}
	for (i = 0; i < LSW_BLOCK_SIZE / 8; i++)
		w[i] = seed + i * 0x9e3779b97f4a7c15ULL;
	w[0] = slot;
	w[1] = version;
}

/*
 * Store version @ver of @slot, flushing while every buffer is full; 0, or
 * -1 if a flush fails, or the store's own error.
 */
static inline int lsw_test_store(struct lsw_engine *e, u64 slot, u32 ver)
{
	static u8 page[LSW_BLOCK_SIZE];
	int ret;

	lsw_fill_page(page, slot, ver);
	while ((ret = lsw_store(e, slot, page)) == -EAGAIN)
		if (lsw_flush(e, false))
			return -1;
	return ret;
}

/* 0 if @slot reads back as version @ver (0: zeros, a freed slot). */
static inline int lsw_test_verify(struct lsw_engine *e, u64 slot, u32 ver)
{
	static u8 want[LSW_BLOCK_SIZE], out[LSW_BLOCK_SIZE];

	lsw_fill_page(want, slot, ver);
	if (lsw_load(e, slot, out))
		return -1;
	return memcmp(want, out, LSW_BLOCK_SIZE) ? -1 : 0;
}

extern const struct lsw_test lsw_gc_tests[];
extern const unsigned int lsw_nr_gc_tests;
extern const struct lsw_test lsw_realities_tests[];
extern const struct lsw_test lsw_place_tests[];
extern const unsigned int lsw_nr_place_tests;
extern const unsigned int lsw_nr_realities_tests;

int lsw_unit_main(int argc, char **argv);
int lsw_prop_main(int argc, char **argv, unsigned int *passed,
		  unsigned int *failed);
int lsw_prop_mt_main(int argc, char **argv, unsigned int *passed,
		     unsigned int *failed);

#endif
