// SPDX-License-Identifier: GPL-2.0
/*
 * Trace recorder: the array of records the traced entry points
 * (traced.c) append to, its control (debugfs logswap/logswapN/
 * trace_enable) and its text output (trace, TRACE.md v2: stores carry
 * their stream hint, the header the placement, which cannot change while
 * a trace is on), which the
 * simulator (tools/sim, "lsw_sim replay") runs through the same engine
 * code and must reach the same flash-write count with.
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
void lsw_trace_add(struct lsw_trace *t, char kind, u64 arg)
{
	lockdep_assert_held(&t->lock);
	if (t->count < t->cap)
		t->recs[t->count++] = lsw_tr_rec(kind, arg);
	else
		t->dropped++;
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
