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
void lsw_eu_release(struct lsw_engine *e, u32 eu);
void lsw_block_validate(struct lsw_engine *e, u64 block);
void lsw_block_invalidate(struct lsw_engine *e, u64 block);
void lsw_entry_drop(struct lsw_engine *e, u32 entry);
void lsw_entry_count(struct lsw_engine *e, u32 entry, int delta);
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

static inline struct lsw_buf *lsw_cold_buf(struct lsw_engine *e)
{
	return &e->bufs[e->cfg.nr_buffers];
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

static inline u32 lsw_log_entry(const struct lsw_engine *e,
				const struct lsw_buf *b, u32 idx)
{
	return lsw_mk(LSW_TAG_LOG, b->id * e->cfg.seg_blocks + idx);
}

#endif /* _LSW_INTERNAL_H */
