/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Functions shared between the core's files; not part of the engine API.
 */
#ifndef _LSW_INTERNAL_H
#define _LSW_INTERNAL_H

#include "lsw_core.h"

/* alloc.c: EU states and validity accounting; all with e->lock held. */
int lsw_eu_alloc(struct lsw_engine *e, enum lsw_stream stream);
void lsw_eu_seal(struct lsw_engine *e, u32 eu);
void lsw_eu_set_state(struct lsw_engine *e, u32 eu, enum lsw_eu_state state);
int lsw_victim_pick(struct lsw_engine *e);
s32 lsw_coldest_sealed(struct lsw_engine *e);
u32 lsw_erase_min(struct lsw_engine *e);
u32 lsw_erase_max(struct lsw_engine *e);
void lsw_buckets_rebuild(struct lsw_engine *e);
/* @eu's erase_count changed (erase, or a test setting it). */
void lsw_eu_rekey(struct lsw_engine *e, u32 eu);
bool lsw_ph_less(const struct lsw_engine *e, s32 x, s32 y);
/* Not under e->lock: engine init and destroy. */
int lsw_alloc_index(struct lsw_engine *e);
void lsw_free_index(struct lsw_engine *e);
u64 lsw_index_ram(const struct lsw_engine *e);
void lsw_eu_release(struct lsw_engine *e, u32 eu);
void lsw_block_validate(struct lsw_engine *e, u64 block);
void lsw_block_invalidate(struct lsw_engine *e, u64 block);

/* Sleeps: erase @eu if it holds stale data; 0 or the backend's error. */
int lsw_eu_prepare(struct lsw_engine *e, u32 eu);

/*
 * gc.c: lsw_gc, and with @allow_wl a static wear-leveling move once the
 * target is met (background runs; foreground GC does only what it must).
 */
int __lsw_gc(struct lsw_engine *e, u32 target_free, bool allow_wl);

/* flush.c: write @b to @stream's open EU; flush_lock of @stream held. */
int lsw_write_seg(struct lsw_engine *e, enum lsw_stream stream,
		  struct lsw_buf *b);

/* The open EU of @stream's placement @group (COLD has one group). */
static inline s32 *lsw_open_slot(struct lsw_engine *e, enum lsw_stream stream,
				 u32 group)
{
	if (!group)
		return &e->stream[stream].eu;
	return stream == LSW_HOT ? &e->group_eu[group] : &e->cold_eu[group];
}

/* COLD group @g's buffer: after the nr_buffers HOT ones. */
static inline struct lsw_buf *lsw_cold_buf(struct lsw_engine *e, u32 g)
{
	return &e->bufs[e->cfg.nr_buffers + g];
}

static inline void lsw_notify(struct lsw_engine *e, enum lsw_event ev)
{
	if (e->ops->notify)
		e->ops->notify(e->priv, ev);
}

static inline void lsw_tp(struct lsw_engine *e, struct lsw_tp_event *ev)
{
	if (e->ops->tp)
		e->ops->tp(e->priv, ev);
}

/* The live/zero slot counters an entry counts in (store path: inline). */
static __always_inline void lsw_entry_count(struct lsw_engine *e, u32 entry,
					    int delta)
{
	switch (lsw_tag(entry)) {
	case LSW_TAG_PHYS:
	case LSW_TAG_LOG:
		e->st.live_slots += delta;
		break;
	case LSW_TAG_ZERO:
		/* An external map's owner sets and clears ZERO itself. */
		if (e->map)
			e->st.zero_slots += delta;
		break;
	}
}

/*
 * An entry was replaced: release what it held.  A LOG entry holds nothing
 * here: its buffer slot is simply born invalid at flush completion.
 */
static __always_inline void lsw_entry_drop(struct lsw_engine *e, u32 entry)
{
	lockdep_assert_held(&e->lock);
	lsw_entry_count(e, entry, -1);
	if (lsw_tag(entry) == LSW_TAG_PHYS)
		lsw_block_invalidate(e, lsw_payload(entry));
}

static inline u32 lsw_log_entry(const struct lsw_engine *e,
				const struct lsw_buf *b, u32 idx)
{
	return lsw_mk(LSW_TAG_LOG, b->id * e->cfg.seg_blocks + idx);
}

#endif /* _LSW_INTERNAL_H */
