// SPDX-License-Identifier: GPL-2.0
/*
 * Erase-unit allocator and validity accounting.
 *
 * Invariant (checked by lsw_engine_check): a block's valid bit is set if and
 * only if exactly one map entry is PHYS(block), and eus[eu].live is the
 * number of valid bits in that EU.  Every transition of a map entry away from
 * or to PHYS happens with e->lock held, together with its bitmap update.
 */
#include "lsw_internal.h"

static const char * const lsw_state_names[] = {
	[LSW_EU_FREE] = "free",
	[LSW_EU_OPEN] = "open",
	[LSW_EU_SEALED] = "sealed",
	[LSW_EU_GC] = "gc",
	[LSW_EU_BAD] = "bad",
};

const char *lsw_eu_state_name(enum lsw_eu_state s)
{
	return s < ARRAY_SIZE(lsw_state_names) ? lsw_state_names[s] : "?";
}

/*
 * Take the free EU with the lowest erase count (wear leveling).  The HOT
 * stream may not dip into the GC reserve, so relocation always has room and
 * GC can never deadlock.  Returns the EU or -ENOSPC.
 */
int lsw_eu_alloc(struct lsw_engine *e, enum lsw_stream stream)
{
	u32 floor = stream == LSW_HOT ? e->cfg.gc_reserve : 0;
	s64 best = -1;
	u32 i;

	lockdep_assert_held(&e->lock);
	if (e->nr_free <= floor)
		return -ENOSPC;
	for (i = 0; i < e->geo.nr_eus; i++) {
		if (e->eus[i].state != LSW_EU_FREE)
			continue;
		if (best < 0 || e->eus[i].erase_count <
				e->eus[best].erase_count)
			best = i;
	}
	if (WARN_ON_ONCE(best < 0))
		return -EIO;
	e->eus[best].state = LSW_EU_OPEN;
	e->eus[best].stream = stream;
	e->eus[best].wp = 0;
	WRITE_ONCE(e->nr_free, e->nr_free - 1);
	if (e->nr_free < READ_ONCE(e->cfg.gc_low))
		lsw_notify(e, LSW_EV_GC);
	return (int)best;
}

/* An EU became reusable: its data is stale from now on. */
void lsw_eu_release(struct lsw_engine *e, u32 eu)
{
	struct lsw_eu *u = &e->eus[eu];

	lockdep_assert_held(&e->lock);
	WARN_ON_ONCE(u->live);
	/* Readers that resolved a block here before now must retry. */
	WRITE_ONCE(u->gen, u->gen + 1);
	/* Gen before the EU is reusable: pairs with lsw_read_begin(). */
	smp_wmb();
	u->dirty = true;
	if (u->retire) {	/* a write failed here: out of use */
		u->state = LSW_EU_BAD;
		return;
	}
	u->state = LSW_EU_FREE;
	WRITE_ONCE(e->nr_free, e->nr_free + 1);
}

/* No more writes to @eu.  An EU sealed empty is freed without GC. */
void lsw_eu_seal(struct lsw_engine *e, u32 eu)
{
	lockdep_assert_held(&e->lock);
	e->eus[eu].state = LSW_EU_SEALED;
	if (!e->eus[eu].live)
		lsw_eu_release(e, eu);
}

void lsw_block_validate(struct lsw_engine *e, u64 block)
{
	u32 eu = lsw_block_eu(e, block);

	lockdep_assert_held(&e->lock);
	if (WARN_ON_ONCE(test_and_set_bit(block, e->valid)))
		return;
	WRITE_ONCE(e->eus[eu].live, e->eus[eu].live + 1);
}

void lsw_block_invalidate(struct lsw_engine *e, u64 block)
{
	u32 eu = lsw_block_eu(e, block);
	struct lsw_eu *u = &e->eus[eu];

	lockdep_assert_held(&e->lock);
	if (WARN_ON_ONCE(!test_and_clear_bit(block, e->valid)))
		return;
	if (WARN_ON_ONCE(!u->live))
		return;
	WRITE_ONCE(u->live, u->live - 1);
	/* GC owns its victims: it frees them itself once relocated. */
	if (!u->live && u->state == LSW_EU_SEALED)
		lsw_eu_release(e, eu);
}

void lsw_entry_count(struct lsw_engine *e, u32 entry, int delta)
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
void lsw_entry_drop(struct lsw_engine *e, u32 entry)
{
	lockdep_assert_held(&e->lock);
	lsw_entry_count(e, entry, -1);
	if (lsw_tag(entry) == LSW_TAG_PHYS)
		lsw_block_invalidate(e, lsw_payload(entry));
}

int lsw_eu_prepare(struct lsw_engine *e, u32 eu)
{
	int ret;

	might_sleep();
	if (!e->eus[eu].dirty)
		return 0;
	ret = e->ops->erase(e->priv, eu);
	spin_lock(&e->lock);
	if (ret) {
		e->st.erase_errors++;
	} else {
		e->eus[eu].dirty = false;
		e->eus[eu].erase_count++;
		e->st.erases++;
		/* Static wear leveling is the background GC's job. */
		if (!e->wl_wanted && e->eus[eu].erase_count - e->erase_floor >
				     READ_ONCE(e->cfg.wl_threshold)) {
			WRITE_ONCE(e->wl_wanted, true);
			lsw_notify(e, LSW_EV_GC);
		}
	}
	lsw_tp(e, &(struct lsw_tp_event){ .kind = LSW_TP_ERASE, .eu = eu,
	       .count = e->eus[eu].erase_count, .err = ret });
	spin_unlock(&e->lock);
	return ret;
}
