// SPDX-License-Identifier: GPL-2.0
/*
 * Trace recorder: every engine call that changes where data lives (stores,
 * frees, flushes, GC) goes through the lsw_do_*() wrappers below.  When a
 * trace is on, each call that succeeded is appended to a preallocated
 * array, in the order the engine executed them, so that the simulator
 * (tools/sim, "lsw_sim replay") can run the same engine code on the same
 * calls and must reach the same flash-write count.  The text format is
 * TRACE.md v2 (stores carry their stream hint, the header gives the
 * placement, which cannot change while a trace is on); debugfs
 * logswap/logswapN/trace_enable and trace.
 *
 * Exact order.  The engine's flush and GC drop its spinlock while they
 * write and read the backing device; a store or free running meanwhile
 * may fill another buffer (picked up by the same flush) or kill a page GC
 * is about to move, so the outcome depends on timing no record could
 * describe.  In trace mode the driver therefore serialises them: flushes,
 * GC runs, stores and bio frees hold @gate (a mutex) across the engine
 * call, so a flush or GC runs alone.  That is the cost of trace mode only:
 * writers wait for whole segment writes and GC passes instead of filling
 * the next buffer meanwhile.  Outside trace mode the wrappers take nothing.
 * A swap slot free (swap_slot_free_notify) runs under a spinlock and
 * cannot wait for @gate: one that comes while a flush or GC is running is
 * queued in @pending and applied (and recorded) right after that call,
 * before @gate is released.  That is safe: the slot is free for swap, no
 * one reads it, and a new store to it needs @gate, so it comes after the
 * queued free.  @pending has room for every slot of the device: during
 * one call a slot can be freed at most once (storing it again needs
 * @gate), and a process exiting frees its whole swap at once (measured:
 * more than 1152 frees during one GC pass of a loaded TCG guest, when
 * @pending had 1024 entries).  Were it ever full, a free would be applied
 * at once and counted in @unordered; a cross-check must refuse such a
 * trace, as it refuses one with dropped records.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "lsw_dev.h"

/* A record: the kind in the top byte, the slot or GC target below. */
#define LSW_TR_SHIFT		56
#define LSW_TR_ARG_MASK		((1ULL << LSW_TR_SHIFT) - 1)
#define LSW_TR_HINT_SHIFT	32	/* w, z: hint (24 bits) and slot */

static u64 lsw_tr_rec(char kind, u64 arg)
{
	return ((u64)(u8)kind << LSW_TR_SHIFT) | (arg & LSW_TR_ARG_MASK);
}

void lsw_trace_init(struct lsw_dev *ld)
{
	struct lsw_trace *t = &ld->trace;

	mutex_init(&t->mutex);
	mutex_init(&t->gate);
	spin_lock_init(&t->lock);
}

/* Append one record; the caller holds @lock and checked @on. */
static void lsw_trace_add(struct lsw_trace *t, char kind, u64 arg)
{
	lockdep_assert_held(&t->lock);
	if (t->count < t->cap)
		t->recs[t->count++] = lsw_tr_rec(kind, arg);
	else
		t->dropped++;
}

static bool lsw_trace_on(struct lsw_trace *t)
{
	return READ_ONCE(t->on);
}

int lsw_do_store(struct lsw_dev *ld, u64 slot, const void *page, u64 hint)
{
	struct lsw_trace *t = &ld->trace;
	unsigned long flags;
	bool zero;
	int ret;

	hint &= BIT_ULL(LSW_HINT_BITS) - 1;
	if (!lsw_trace_on(t))
		return lsw_store_hint(&ld->eng, slot, page, hint);
	zero = lsw_page_is_zero(page);
	mutex_lock(&t->gate);
	spin_lock_irqsave(&t->lock, flags);
	ret = lsw_store_hint(&ld->eng, slot, page, hint);
	/* v2: the hint above the slot (slots are below 2^32). */
	if (!ret && t->on)
		lsw_trace_add(t, zero ? 'z' : 'w',
			      (hint << LSW_TR_HINT_SHIFT) | slot);
	spin_unlock_irqrestore(&t->lock, flags);
	mutex_unlock(&t->gate);
	return ret;
}

/* Discard and write-zeroes bios: process context, may wait for @gate. */
int lsw_do_discard(struct lsw_dev *ld, u64 slot)
{
	struct lsw_trace *t = &ld->trace;
	unsigned long flags;
	int ret;

	if (!lsw_trace_on(t))
		return lsw_discard(&ld->eng, slot);
	mutex_lock(&t->gate);
	spin_lock_irqsave(&t->lock, flags);
	ret = lsw_discard(&ld->eng, slot);
	if (!ret && t->on)
		lsw_trace_add(t, 'd', slot);
	spin_unlock_irqrestore(&t->lock, flags);
	mutex_unlock(&t->gate);
	return ret;
}

/* swap_slot_free_notify: under the swap device's spinlock, never waits. */
int lsw_do_discard_atomic(struct lsw_dev *ld, u64 slot)
{
	struct lsw_trace *t = &ld->trace;
	unsigned long flags;
	int ret;

	if (!lsw_trace_on(t))
		return lsw_discard(&ld->eng, slot);
	spin_lock_irqsave(&t->lock, flags);
	if (t->on && t->busy && t->nr_pending < t->pending_cap) {
		t->pending[t->nr_pending++] = slot;
		t->deferred++;
		spin_unlock_irqrestore(&t->lock, flags);
		return 0;
	}
	ret = lsw_discard(&ld->eng, slot);
	if (!ret && t->on) {
		if (t->busy)
			t->unordered++;
		lsw_trace_add(t, 'd', slot);
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return ret;
}

/*
 * Record @kind/@arg and mark a flush or GC under way; returns true if the
 * caller holds @gate and must call lsw_trace_call_end().
 */
static bool lsw_trace_call_begin(struct lsw_trace *t, char kind, u64 arg)
{
	if (!lsw_trace_on(t))
		return false;
	mutex_lock(&t->gate);
	spin_lock_irq(&t->lock);
	if (!t->on) {
		spin_unlock_irq(&t->lock);
		mutex_unlock(&t->gate);
		return false;
	}
	lsw_trace_add(t, kind, arg);
	t->busy = true;
	spin_unlock_irq(&t->lock);
	return true;
}

static void lsw_trace_call_end(struct lsw_dev *ld)
{
	struct lsw_trace *t = &ld->trace;
	u32 i;

	spin_lock_irq(&t->lock);
	/* The swap slot frees that came during the call, in their order. */
	for (i = 0; i < t->nr_pending; i++)
		if (!lsw_discard(&ld->eng, t->pending[i]))
			lsw_trace_add(t, 'd', t->pending[i]);
	t->nr_pending = 0;
	t->busy = false;
	spin_unlock_irq(&t->lock);
	mutex_unlock(&t->gate);
}

/* The flush workers' call of lsw_flush(): f, or p when @partial. */
int lsw_do_flush(struct lsw_dev *ld, bool partial)
{
	struct lsw_trace *t = &ld->trace;
	bool traced = lsw_trace_call_begin(t, partial ? 'p' : 'f', 0);
	int ret = lsw_flush(&ld->eng, partial);

	if (traced)
		lsw_trace_call_end(ld);
	return ret;
}

/* The background GC worker's call of lsw_gc(). */
int lsw_do_gc(struct lsw_dev *ld, u32 target)
{
	struct lsw_trace *t = &ld->trace;
	bool traced = lsw_trace_call_begin(t, 'g', target);
	int ret = lsw_gc(&ld->eng, target);

	if (traced)
		lsw_trace_call_end(ld);
	return ret;
}

/* Stop recording (if on) and note the engine's counters; keeps records. */
static void lsw_trace_stop_locked(struct lsw_dev *ld)
{
	struct lsw_trace *t = &ld->trace;
	struct lsw_stats st;

	lockdep_assert_held(&t->mutex);
	if (!t->on)
		return;
	mutex_lock(&t->gate);
	lsw_get_stats(&ld->eng, &st);
	spin_lock_irq(&t->lock);
	WRITE_ONCE(t->on, false);
	t->end = st;
	t->stopped = true;
	spin_unlock_irq(&t->lock);
	mutex_unlock(&t->gate);
}

/* Free the records; the caller holds @mutex and recording is off. */
static void lsw_trace_free_locked(struct lsw_trace *t)
{
	u64 *recs;
	u32 *pending;

	lockdep_assert_held(&t->mutex);
	spin_lock_irq(&t->lock);
	recs = t->recs;
	pending = t->pending;
	t->recs = NULL;
	t->pending = NULL;
	t->pending_cap = 0;
	t->cap = 0;
	t->count = 0;
	t->dropped = 0;
	t->unordered = 0;
	t->deferred = 0;
	t->stopped = false;
	spin_unlock_irq(&t->lock);
	kvfree(recs);
	kvfree(pending);
}

/* Teardown (reset, remove), before the engine is destroyed. */
void lsw_trace_stop(struct lsw_dev *ld)
{
	mutex_lock(&ld->trace.mutex);
	lsw_trace_stop_locked(ld);
	mutex_unlock(&ld->trace.mutex);
}

/* Device removal: no reader is left (debugfs removed). */
void lsw_trace_exit(struct lsw_dev *ld)
{
	mutex_lock(&ld->trace.mutex);
	lsw_trace_free_locked(&ld->trace);
	mutex_unlock(&ld->trace.mutex);
}

/*
 * trace_enable: CAP > 0 starts a recording of at most CAP records (-EBUSY
 * while one is on, -ENXIO without disksize); 0 stops one, keeping it for
 * reading, and 0 on a stopped or empty trace frees it.
 */
int lsw_trace_control(struct lsw_dev *ld, u64 cap)
{
	struct lsw_trace *t = &ld->trace;
	struct lsw_engine *e = &ld->eng;
	u64 *recs = NULL, nr_slots = 0;
	u32 *pending = NULL;
	int ret = 0;

	if (cap > LSW_TRACE_MAX_RECORDS)
		return -EINVAL;
	if (cap) {
		down_read(&ld->init_lock);
		if (ld->initialised)
			nr_slots = ld->nr_slots;
		up_read(&ld->init_lock);
		if (!nr_slots)
			return -ENXIO;
		/* Too big a request is -ENOMEM, not an allocation splat. */
		recs = kvmalloc_array(cap, sizeof(*recs),
				      GFP_KERNEL | __GFP_NOWARN);
		pending = kvmalloc_array(nr_slots, sizeof(*pending),
					 GFP_KERNEL | __GFP_NOWARN);
		if (!recs || !pending) {
			kvfree(recs);
			kvfree(pending);
			return -ENOMEM;
		}
	}
	down_read(&ld->init_lock);
	mutex_lock(&t->mutex);
	if (!cap) {
		if (t->on)
			lsw_trace_stop_locked(ld);
		else
			lsw_trace_free_locked(t);
		goto out;
	}
	if (t->on) {
		ret = -EBUSY;
		goto out;
	}
	if (!ld->initialised) {
		ret = -ENXIO;
		goto out;
	}
	if (ld->nr_slots != nr_slots) {	/* reset and sized again meanwhile */
		ret = -EBUSY;
		goto out;
	}
	lsw_trace_free_locked(t);
	t->geo = ld->geo;
	mutex_lock(&t->gate);
	spin_lock(&e->lock);	/* against lsw_set_gc_params() */
	t->cfg = e->cfg;
	t->place = e->placement;
	t->groups = e->nr_groups;
	t->cold = e->nr_cold;
	spin_unlock(&e->lock);
	lsw_get_stats(e, &t->start);
	spin_lock_irq(&t->lock);
	t->recs = recs;
	t->pending = pending;
	t->pending_cap = nr_slots;
	t->nr_pending = 0;
	t->cap = cap;
	WRITE_ONCE(t->on, true);
	spin_unlock_irq(&t->lock);
	mutex_unlock(&t->gate);
	recs = NULL;
	pending = NULL;
out:
	mutex_unlock(&t->mutex);
	up_read(&ld->init_lock);
	kvfree(recs);
	kvfree(pending);
	return ret;
}

/* trace_enable read: "CAPACITY STATE RECORDS DROPPED UNORDERED DEFERRED". */
void lsw_trace_status(struct lsw_dev *ld, struct seq_file *m)
{
	struct lsw_trace *t = &ld->trace;

	mutex_lock(&t->mutex);
	spin_lock_irq(&t->lock);
	seq_printf(m, "%llu %s %llu %llu %llu %llu\n", t->cap,
		   t->on ? "on" : t->stopped ? "stopped" : "off",
		   t->count, t->dropped, t->unordered, t->deferred);
	spin_unlock_irq(&t->lock);
	mutex_unlock(&t->mutex);
}

/*
 * trace: a seq_file iterator; position 0 is the header, 1..count the
 * records, count + 1 the end line once stopped.  @mutex is held from start
 * to stop, so the array stays; records below count never change.
 */
static u64 lsw_trace_last(struct lsw_trace *t)
{
	u64 n;

	spin_lock_irq(&t->lock);
	n = t->count + (t->stopped ? 1 : 0);
	spin_unlock_irq(&t->lock);
	return n;
}

static void *lsw_trace_seq_start(struct seq_file *m, loff_t *pos)
{
	struct lsw_trace *t = &((struct lsw_dev *)m->private)->trace;

	mutex_lock(&t->mutex);
	if (!t->recs && !t->stopped)
		return NULL;
	return *pos <= lsw_trace_last(t) ? pos : NULL;
}

static void *lsw_trace_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct lsw_trace *t = &((struct lsw_dev *)m->private)->trace;

	++*pos;
	return *pos <= lsw_trace_last(t) ? pos : NULL;
}

static void lsw_trace_seq_stop(struct seq_file *m, void *v)
{
	struct lsw_trace *t = &((struct lsw_dev *)m->private)->trace;

	mutex_unlock(&t->mutex);
}

static void lsw_trace_counters(struct seq_file *m, const char *what,
			       const struct lsw_stats *st)
{
	seq_printf(m, "%s flash_blocks=%llu host_writes=%llu segments=%llu gc_moved=%llu erases=%llu",
		   what, st->flash_blocks, st->host_writes, st->segments,
		   st->gc_moved, st->erases);
}

static void lsw_trace_header(struct seq_file *m, struct lsw_trace *t)
{
	const struct lsw_geometry *g = &t->geo;
	const struct lsw_config *c = &t->cfg;
	u64 count, dropped, unordered, deferred;

	spin_lock_irq(&t->lock);
	count = t->count;
	dropped = t->dropped;
	unordered = t->unordered;
	deferred = t->deferred;
	spin_unlock_irq(&t->lock);

	seq_puts(m, "# logswap-trace v2\n");
	seq_printf(m, "geometry nr_eus=%u eu_stride=%u eu_blocks=%u max_open=%u zoned=%d\n",
		   g->nr_eus, g->eu_stride, g->eu_blocks, g->max_open,
		   g->zoned ? 1 : 0);
	seq_printf(m, "config seg_blocks=%u nr_buffers=%u nr_slots=%llu gc_reserve=%u gc_low=%u gc_high=%u wl_threshold=%u gc_policy=%s\n",
		   c->seg_blocks, c->nr_buffers, c->nr_slots, c->gc_reserve,
		   c->gc_low, c->gc_high, c->wl_threshold,
		   lsw_gc_policy_name(c->gc_policy));
	seq_printf(m, "placement policy=%s groups=%u cold=%u\n",
		   lsw_placement_name(t->place), t->groups, t->cold);
	/* Counters when recording began: all 0 on a fresh engine. */
	lsw_trace_counters(m, "# start", &t->start);
	seq_printf(m, " discards=%llu\n", t->start.discards);
	seq_printf(m, "# records=%llu dropped=%llu unordered=%llu deferred=%llu\n",
		   count, dropped, unordered, deferred);
}

static int lsw_trace_seq_show(struct seq_file *m, void *v)
{
	struct lsw_trace *t = &((struct lsw_dev *)m->private)->trace;
	u64 pos = *(loff_t *)v, rec;
	char kind;

	if (!pos) {
		lsw_trace_header(m, t);
		return 0;
	}
	/* Stopped: @count no longer changes (we hold @mutex). */
	if (t->stopped && pos > t->count) {
		lsw_trace_counters(m, "end", &t->end);
		seq_putc(m, '\n');
		return 0;
	}
	rec = t->recs[pos - 1];
	kind = rec >> LSW_TR_SHIFT;
	if (kind == 'f' || kind == 'p')
		seq_printf(m, "%c\n", kind);
	else if (kind == 'w' || kind == 'z')
		seq_printf(m, "%c %llu %llu\n", kind,
			   rec & (BIT_ULL(LSW_TR_HINT_SHIFT) - 1),
			   (rec & LSW_TR_ARG_MASK) >> LSW_TR_HINT_SHIFT);
	else
		seq_printf(m, "%c %llu\n", kind, rec & LSW_TR_ARG_MASK);
	return 0;
}

const struct seq_operations lsw_trace_sops = {
	.start = lsw_trace_seq_start,
	.next = lsw_trace_seq_next,
	.stop = lsw_trace_seq_stop,
	.show = lsw_trace_seq_show,
};
