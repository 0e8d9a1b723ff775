/* SPDX-License-Identifier: GPL-2.0 */
/*
 * logswap tracepoints (tracefs events/logswap/, perf, bpftrace).  They are
 * for watching a running device: latencies, GC choices, wear, errors.  The
 * exact-replay recorder (trace.c, debugfs trace_enable) is another thing:
 * a test tool whose records the simulator replays.
 *
 * @dev is the N of /dev/logswapN.  The engine's events arrive through
 * lsw_dev_tp() (events.c), the store and I/O errors from host_bio.c and bdev_io.c.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM logswap

#if !defined(_LOGSWAP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LOGSWAP_TRACE_H

#include <linux/tracepoint.h>

#include "core/lsw_core.h"

#define lsw_show_stream(s)						\
	__print_symbolic(s, { LSW_HOT, "hot" }, { LSW_COLD, "cold" })

TRACE_EVENT(logswap_store,
	TP_PROTO(int dev, u64 slot, bool zero),
	TP_ARGS(dev, slot, zero),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(bool, zero)
		__field(u64, slot)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->zero = zero;
		__entry->slot = slot;
	),
	TP_printk("dev=%d slot=%llu zero=%d", __entry->dev,
		  (unsigned long long)__entry->slot, __entry->zero)
);

DECLARE_EVENT_CLASS(logswap_seg,
	TP_PROTO(int dev, const struct lsw_tp_event *ev, u64 latency_ns),
	TP_ARGS(dev, ev, latency_ns),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(int, stream)
		__field(u32, eu)
		__field(u32, blocks)
		__field(int, err)
		__field(u64, block)
		__field(u64, seq)
		__field(u64, latency_ns)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->stream = ev->stream;
		__entry->eu = ev->eu;
		__entry->blocks = ev->blocks;
		__entry->err = ev->err;
		__entry->block = ev->block;
		__entry->seq = ev->seq;
		__entry->latency_ns = latency_ns;
	),
	TP_printk("dev=%d stream=%s eu=%u block=%llu seq=%llu blocks=%u latency_ns=%llu err=%d",
		  __entry->dev, lsw_show_stream(__entry->stream), __entry->eu,
		  (unsigned long long)__entry->block,
		  (unsigned long long)__entry->seq, __entry->blocks,
		  (unsigned long long)__entry->latency_ns, __entry->err)
);

/* A segment (HOT: swapped-out pages; COLD: GC copies) goes to flash. */
DEFINE_EVENT(logswap_seg, logswap_flush_submit,
	TP_PROTO(int dev, const struct lsw_tp_event *ev, u64 latency_ns),
	TP_ARGS(dev, ev, latency_ns)
);

/* ... and is written (err 0) or failed; latency from submit. */
DEFINE_EVENT(logswap_seg, logswap_flush_complete,
	TP_PROTO(int dev, const struct lsw_tp_event *ev, u64 latency_ns),
	TP_ARGS(dev, ev, latency_ns)
);

TRACE_EVENT(logswap_gc_victim,
	TP_PROTO(int dev, const struct lsw_tp_event *ev, u32 eu_blocks),
	TP_ARGS(dev, ev, eu_blocks),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u32, eu)
		__field(u32, live)
		__field(u32, eu_blocks)
		__field(int, policy)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->eu = ev->eu;
		__entry->live = ev->blocks;
		__entry->eu_blocks = eu_blocks;
		__entry->policy = ev->wl ? LSW_GC_NR_POLICIES : ev->policy;
	),
	TP_printk("dev=%d eu=%u live=%u eu_blocks=%u policy=%s",
		  __entry->dev, __entry->eu, __entry->live, __entry->eu_blocks,
		  __print_symbolic(__entry->policy,
				   { LSW_GC_GREEDY, "greedy" },
				   { LSW_GC_COST_BENEFIT, "cost-benefit" },
				   { LSW_GC_NR_POLICIES, "wear-level" }))
);

/* GC moved a live page; emitted when its copy is on flash. */
TRACE_EVENT(logswap_relocate,
	TP_PROTO(int dev, u64 slot, u64 old_block, u64 new_block),
	TP_ARGS(dev, slot, old_block, new_block),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u64, slot)
		__field(u64, old_block)
		__field(u64, new_block)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->slot = slot;
		__entry->old_block = old_block;
		__entry->new_block = new_block;
	),
	TP_printk("dev=%d slot=%llu old=%llu new=%llu", __entry->dev,
		  (unsigned long long)__entry->slot,
		  (unsigned long long)__entry->old_block,
		  (unsigned long long)__entry->new_block)
);

/* An EU was erased (zone reset, discard); count is after this erase. */
TRACE_EVENT(logswap_erase,
	TP_PROTO(int dev, u32 eu, u32 erase_count, int err),
	TP_ARGS(dev, eu, erase_count, err),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u32, eu)
		__field(u32, erase_count)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->eu = eu;
		__entry->erase_count = erase_count;
		__entry->err = err;
	),
	TP_printk("dev=%d eu=%u erase_count=%u err=%d", __entry->dev,
		  __entry->eu, __entry->erase_count, __entry->err)
);

DECLARE_EVENT_CLASS(logswap_io_error,
	TP_PROTO(int dev, u64 block, u32 blocks, int err),
	TP_ARGS(dev, block, blocks, err),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u32, blocks)
		__field(int, err)
		__field(u64, block)
	),
	TP_fast_assign(
		__entry->dev = dev;
		__entry->blocks = blocks;
		__entry->err = err;
		__entry->block = block;
	),
	TP_printk("dev=%d block=%llu blocks=%u err=%d", __entry->dev,
		  (unsigned long long)__entry->block, __entry->blocks,
		  __entry->err)
);

/* The backing device failed a write or read of @blocks at @block. */
DEFINE_EVENT(logswap_io_error, logswap_write_error,
	TP_PROTO(int dev, u64 block, u32 blocks, int err),
	TP_ARGS(dev, block, blocks, err)
);

DEFINE_EVENT(logswap_io_error, logswap_read_error,
	TP_PROTO(int dev, u64 block, u32 blocks, int err),
	TP_ARGS(dev, block, blocks, err)
);

#endif /* _LOGSWAP_TRACE_H */

/* This part must be outside the multi-read protection. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE logswap_trace
#include <trace/define_trace.h>
