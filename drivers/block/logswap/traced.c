// SPDX-License-Identifier: GPL-2.0
/*
 * The traced entry points of the engine: every engine call that changes
 * where data lives (stores, frees, flushes, GC) goes through the
 * lsw_traced_*() functions below.  When a trace is on (trace.c), each
 * call that succeeded is appended to the recorder's array, in the order
 * the engine executed them, so that the simulator can replay them exactly.
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

#include <linux/mutex.h>
#include <linux/spinlock.h>

#include "lsw_dev.h"

static bool lsw_trace_on(struct lsw_trace *t)
{
	return READ_ONCE(t->on);
}

/* @hint: the stream (the swap-out bio's cgroup), cut to LSW_HINT_BITS. */
int lsw_traced_store(struct lsw_dev *ld, u64 slot, const void *page, u64 hint)
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
int lsw_traced_discard(struct lsw_dev *ld, u64 slot)
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
int lsw_traced_discard_atomic(struct lsw_dev *ld, u64 slot)
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

	lockdep_assert_held(&t->gate);
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
int lsw_traced_flush(struct lsw_dev *ld, bool partial)
{
	struct lsw_trace *t = &ld->trace;
	bool traced = lsw_trace_call_begin(t, partial ? 'p' : 'f', 0);
	int ret = lsw_flush(&ld->eng, partial);

	if (traced)
		lsw_trace_call_end(ld);
	return ret;
}

/* The background GC worker's call of lsw_gc(). */
int lsw_traced_gc(struct lsw_dev *ld, u32 target)
{
	struct lsw_trace *t = &ld->trace;
	bool traced = lsw_trace_call_begin(t, 'g', target);
	int ret = lsw_gc(&ld->eng, target);

	if (traced)
		lsw_trace_call_end(ld);
	return ret;
}

/* Stop recording (if on) and note the engine's counters; keeps records. */
