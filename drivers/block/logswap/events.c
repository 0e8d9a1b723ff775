// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoints of logswap_trace.h are created here, and the engine's
 * events (struct lsw_tp_event, through lsw_backend_ops.tp) become them.
 * Not the exact-replay recorder: that is trace.c.
 */
#include <linux/ktime.h>

#include "lsw_dev.h"

#define CREATE_TRACE_POINTS
#include "logswap_trace.h"

/*
 * lsw_dev_tp - the engine's tracepoint callback
 * @priv: the device
 * @ev: what the engine did
 *
 * Any context, the engine's spinlock may be held: tracepoints only.
 */
void lsw_dev_tp(void *priv, struct lsw_tp_event *ev)
{
	struct lsw_dev *ld = priv;

	switch (ev->kind) {
	case LSW_TP_SEG_SUBMIT:
		/* The same @ev comes back at SEG_DONE. */
		ev->stamp = ktime_get_ns();
		trace_logswap_flush_submit(ld->id, ev, 0);
		break;
	case LSW_TP_SEG_DONE:
		trace_logswap_flush_complete(ld->id, ev,
					     ktime_get_ns() - ev->stamp);
		break;
	case LSW_TP_GC_VICTIM:
		trace_logswap_gc_victim(ld->id, ev, ld->geo.eu_blocks);
		break;
	case LSW_TP_RELOCATE:
		trace_logswap_relocate(ld->id, ev->slot, ev->block, ev->to);
		break;
	case LSW_TP_ERASE:
		trace_logswap_erase(ld->id, ev->eu, ev->count, ev->err);
		break;
	}
}

void lsw_trace_store(struct lsw_dev *ld, u64 slot, const void *page)
{
	if (trace_logswap_store_enabled())
		trace_logswap_store(ld->id, slot, lsw_page_is_zero(page));
}

void lsw_trace_io_error(struct lsw_dev *ld, bool write, u64 block,
			u32 nr_blocks, int err)
{
	if (write)
		trace_logswap_write_error(ld->id, block, nr_blocks, err);
	else
		trace_logswap_read_error(ld->id, block, nr_blocks, err);
}
