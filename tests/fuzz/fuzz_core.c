// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target on the core engine (issue 7 item 4).
 *
 * The input is decoded as an 8-byte geometry/config header followed by a
 * sequence of operations (store a page or a zero page, discard, flush,
 * partial flush, a burst of stores (flushing when the buffers are full),
 * GC to a target, read and verify, set GC parameters, arm a
 * write/read/erase fault in the RAM device, hostile slot numbers).  The
 * engine runs on the strict RAM device (tools/lib/ramdev.c, data kept),
 * against a reference model: slot -> version, 0 = zeros.
 *
 * What is asserted (abort() so libFuzzer reports a crash):
 *  - after every op (and every store of a burst): lsw_engine_check() == 0, no flash-rule violation in
 *    the RAM device, no WARN_ON_ONCE fired;
 *  - a store is either taken (0) or refused with -EAGAIN leaving the old
 *    content; a store or discard past the end is -EINVAL and changes
 *    nothing;
 *  - a read returns 0 and exactly the model's page; it may fail with -EIO
 *    only if an injected read fault fired during that read;
 *  - lsw_flush() returns 0; -EIO only if a write fault fired during it (a
 *    read fault in foreground GC only makes GC give that victim up and
 *    take another or retry it; the engine documents that a failed flush
 *    keeps the pages in their buffer, entries stay LOG: the data is still
 *    readable, so the model is
 *    NOT loosened); -ENOSPC only once faults have taken EUs out of use;
 *  - lsw_gc() returns >= 0; -EIO only if a fault fired during it (a failed
 *    GC read leaves the victim's data where it was), -ENOSPC only once
 *    EUs went bad;
 *  - lsw_set_gc_params() either applies the values or returns -EINVAL and
 *    leaves the config unchanged; so does lsw_set_placement() (op 9 with
 *    its first byte's top two bits set: a run-time placement switch;
 *    stores carry the stream hint slot % 7);
 *  - at the end (faults disarmed): every slot reads back as the model says,
 *    before and after a partial flush and a full GC.
 *
 * Header byte 3's top bits pick asynchronous segment writes (ops->submit,
 * several in flight, completed after every op in an order the input
 * chooses) and, on a zoned device, zone append (the RAM device picks the
 * offset at completion).  A write fault then fires at completion: the
 * buffer goes back to the queue, its entries stay LOG, the model holds.
 * At the end every write is completed and every buffer written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsw_env.h"
#include "core/lsw_core.h"
#include "ramdev.h"
#include "../unit/lsw_test.h"	/* lsw_fill_page: the unit tests' page stamps */

#define FZ_MAX_OPS	4000

struct fz_in {
	const u8 *p;
	size_t n;
};

static u8 fz_byte(struct fz_in *in)
{
	u8 b = 0;

	if (in->n) {
		b = *in->p++;
		in->n--;
	}
	return b;
}

static u16 fz_u16(struct fz_in *in)
{
	u16 lo = fz_byte(in);

	return lo | (u16)fz_byte(in) << 8;
}

struct fz {
	struct lsw_ramdev dev;
	struct lsw_engine e;
	u32 *ver;		/* model */
	u32 next_ver;
	u64 op;
	bool faulted;		/* some injected fault has fired */
	unsigned long warnings;
	bool async;		/* segment writes submitted, completed later */
};

static struct lsw_backend_ops fz_async_ops;

static u8 page[LSW_BLOCK_SIZE], want[LSW_BLOCK_SIZE];

static void __attribute__((noreturn)) fz_fail(struct fz *f, const char *what,
					     long long a, long long b)
{
	fprintf(stderr, "fuzz_core: op %llu: %s (%lld, %lld)\n",
		(unsigned long long)f->op, what, a, b);
	if (f->dev.violations)
		fprintf(stderr, "fuzz_core: ramdev: %s\n", f->dev.violation);
	abort();
}

/* Fault counters armed before an op; did one fire during it? */
struct fz_arm {
	u64 w, r, x;
};

static struct fz_arm fz_armed(struct fz *f)
{
	return (struct fz_arm){ f->dev.fail_write_in, f->dev.fail_read_in,
				f->dev.fail_erase_in };
}

static bool fz_fired(struct fz *f, const struct fz_arm *a)
{
	bool fired = (a->w && !f->dev.fail_write_in) ||
		     (a->r && !f->dev.fail_read_in) ||
		     (a->x && !f->dev.fail_erase_in);

	if (fired)
		f->faulted = true;
	return fired;
}

static void fz_after(struct fz *f)
{
	if (f->dev.violations)
		fz_fail(f, "flash rule violated", f->dev.violations, 0);
	if (lsw_env_warnings != f->warnings)
		fz_fail(f, "WARN_ON_ONCE fired", lsw_env_warnings, f->warnings);
	if (lsw_engine_check(&f->e))
		fz_fail(f, "lsw_engine_check failed", 0, 0);
}

static void fz_read(struct fz *f, u64 slot, bool may_fail)
{
	struct fz_arm a = fz_armed(f);
	int ret;

	lsw_fill_page(want, slot, f->ver[slot]);
	memset(page, 0xa5, sizeof(page));
	ret = lsw_load(&f->e, slot, page);
	if (fz_fired(f, &a) && a.r && !f->dev.fail_read_in && ret == -EIO &&
	    may_fail)
		return;
	if (ret)
		fz_fail(f, "read failed", (long long)slot, ret);
	if (memcmp(page, want, LSW_BLOCK_SIZE))
		fz_fail(f, "read returned wrong data: slot, want version",
			(long long)slot, f->ver[slot]);
}

static void fz_flush(struct fz *f, bool partial)
{
	struct fz_arm a = fz_armed(f);
	int ret = lsw_flush(&f->e, partial);
	bool fired = fz_fired(f, &a);

	if (!ret)
		return;
	if (ret == -EIO && fired && a.w && !f->dev.fail_write_in)
		return;		/* pages stay in their buffer, still LOG */
	if (ret == -ENOSPC && f->faulted)
		return;		/* bad EUs shrank the device */
	fz_fail(f, "flush failed", partial, ret);
}

static void fz_gc(struct fz *f, u32 target)
{
	struct fz_arm a = fz_armed(f);
	int ret = lsw_gc(&f->e, target);
	bool fired = fz_fired(f, &a);

	if (ret >= 0)
		return;
	if (ret == -EIO && fired)
		return;
	if (ret == -ENOSPC && f->faulted)
		return;
	fz_fail(f, "gc failed", target, ret);
}

static void fz_store(struct fz *f, u64 slot, bool zero)
{
	u32 v = zero ? 0 : f->next_ver++;
	int ret;

	lsw_fill_page(page, slot, v);
	/* Stream hints: a few streams, so that STREAM placement splits. */
	ret = lsw_store_hint(&f->e, slot, page, slot % 7);
	if (!ret)
		f->ver[slot] = v;
	else if (ret != -EAGAIN)
		fz_fail(f, "store failed", (long long)slot, ret);
	else if (lsw_can_store(&f->e))
		fz_fail(f, "store -EAGAIN but lsw_can_store() true",
			(long long)slot, ret);
}

/*
 * A placement switch at run time: applied (policy, groups: the most
 * allowed for 0, one for HOTCOLD; COLD groups) or refused with -EINVAL and
 * nothing changed.  The open-zone limit is the RAM device's to enforce.
 */
static void fz_set_place(struct fz *f, struct fz_in *in, u8 b)
{
	enum lsw_placement p = b % (LSW_PLACE_NR + 1), op = f->e.placement;
	u32 groups = fz_byte(in) % 10, cold = fz_byte(in) % 5;
	u32 og = f->e.nr_groups, oc = f->e.nr_cold, max;
	int ret = lsw_set_placement(&f->e, p, groups, cold);

	if (ret == -EINVAL) {
		if (f->e.placement != op || f->e.nr_groups != og ||
		    f->e.nr_cold != oc)
			fz_fail(f, "refused placement changed it", p, groups);
		return;
	}
	if (ret)
		fz_fail(f, "set_placement", ret, p);
	max = lsw_placement_max_groups(&f->e.geo, &f->e.cfg, cold);
	if (f->e.placement != p || f->e.nr_cold != (cold ?: 1) ||
	    f->e.nr_groups != (p == LSW_PLACE_HOTCOLD ? 1 : groups ?: max))
		fz_fail(f, "placement not applied", p, groups);
}

static void fz_set_gc(struct fz *f, struct fz_in *in)
{
	struct lsw_config old = f->e.cfg;
	u8 b = fz_byte(in), pol;

	/* Top two bits set: a placement switch instead. */
	if ((b & 0xc0) == 0xc0) {
		fz_set_place(f, in, b);
		return;
	}
	pol = b % 3;	/* 2 = bad policy */
	u32 low = fz_byte(in) % (f->e.geo.nr_eus + 2);
	u32 high = low + fz_byte(in) % 8;
	u32 wl = fz_byte(in) % 20;	/* 0 = bad */
	int ret = lsw_set_gc_params(&f->e, pol, low, high, wl);

	if (ret == -EINVAL) {
		if (memcmp(&old, &f->e.cfg, sizeof(old)))
			fz_fail(f, "refused gc params changed the config",
				low, high);
		return;
	}
	if (ret)
		fz_fail(f, "set_gc_params", ret, 0);
	if (f->e.cfg.gc_policy != (enum lsw_gc_policy)pol ||
	    f->e.cfg.gc_low != low || f->e.cfg.gc_high != high ||
	    f->e.cfg.wl_threshold != wl)
		fz_fail(f, "gc params not applied", low, high);
}

static int fz_setup(struct fz *f, struct fz_in *in)
{
	u8 h[8];
	struct lsw_geometry g = { 0 };
	struct lsw_config c;
	u32 i, stride, cap, seg;

	for (i = 0; i < 8; i++)
		h[i] = fz_byte(in);
	g.zoned = h[0] & 1;
	g.nr_eus = 6 + h[1] % 19;			/* 6..24 */
	stride = 8u << (h[2] % 3);			/* 8, 16, 32 */
	cap = stride;
	if (h[0] & 4)
		cap = (stride - stride / 4) & ~3u;	/* capacity < size */
	seg = 4u << ((h[2] >> 2) % 4);			/* 4..32 */
	while (seg > 4 && (seg > cap || cap % seg))
		seg >>= 1;
	g.eu_stride = stride;
	g.eu_blocks = cap;
	if (g.zoned && (h[5] & 1))
		g.max_open = 2 + (h[5] >> 1) % 4;	/* 2..5 */
	if (lsw_check_geometry(&g))
		return -1;
	lsw_default_config(&g, &c);
	c.seg_blocks = seg;
	c.nr_buffers = 2 + h[3] % 4;
	c.gc_policy = (h[0] >> 1) & 1 ? LSW_GC_COST_BENEFIT : LSW_GC_GREEDY;
	c.wl_threshold = 1 + h[7] % 16;
	if (h[6] & 1) {
		c.gc_low = c.gc_reserve + 1 + (h[6] >> 1) % 3;
		c.gc_high = c.gc_low + (h[6] >> 3) % 3;
	}
	c.nr_slots = 0;
	c.nr_slots = lsw_max_slots(&g, &c) * (30 + h[4] % 71) / 100;
	if (!c.nr_slots)
		c.nr_slots = 1;
	if (lsw_check_config(&g, &c)) {
		/* the fuzzer's GC choice was out of range: defaults */
		struct lsw_config d;

		lsw_default_config(&g, &d);
		c.gc_low = d.gc_low;
		c.gc_high = d.gc_high;
		if (lsw_check_config(&g, &c))
			return -1;
	}
	/*
	 * h[3] >> 6: 2 = asynchronous segment writes completed in the
	 * order the input says, 3 = the same with zone append on a zoned
	 * device (the offset is picked at completion).
	 */
	f->async = h[3] >> 7;
	g.zone_append = f->async && g.zoned && (h[3] >> 6) == 3;
	fz_async_ops = lsw_ramdev_ops;
	fz_async_ops.submit = lsw_ramdev_submit;
	if (lsw_ramdev_init(&f->dev, &g, true))
		return -1;
	if (lsw_engine_init(&f->e, &g, &c,
			    f->async ? &fz_async_ops : &lsw_ramdev_ops,
			    &f->dev) ||
	    (f->async && lsw_ramdev_set_async(&f->dev, &f->e))) {
		lsw_ramdev_destroy(&f->dev);
		return -1;
	}
	f->ver = calloc(c.nr_slots, sizeof(*f->ver));
	if (!f->ver) {
		lsw_engine_destroy(&f->e);
		lsw_ramdev_destroy(&f->dev);
		return -1;
	}
	f->next_ver = 1;
	return 0;
}

static void fz_op(struct fz *f, struct fz_in *in)
{
	u8 opc = fz_byte(in);
	static int trace = -1;
	u64 nslots = f->e.cfg.nr_slots;
	u64 slot;
	u8 b;
	int ret;

	if (trace < 0)
		trace = !!getenv("FUZZ_TRACE");
	if (trace)
		fprintf(stderr, "op %llu: %u (next %02x) wp/r/x armed %llu/%llu/%llu free %u\n",
			(unsigned long long)f->op, opc % 13, in->n ? *in->p : 0,
			(unsigned long long)f->dev.fail_write_in,
			(unsigned long long)f->dev.fail_read_in,
			(unsigned long long)f->dev.fail_erase_in, f->e.nr_free);
	switch (opc % 13) {
	case 12:					/* burst: fill fast */
		slot = fz_u16(in) % nslots;
		for (b = 1 + fz_byte(in) % 64; b; b--) {
			if (!lsw_can_store(&f->e))
				fz_flush(f, false);	/* the flush worker */
			fz_store(f, slot, false);
			fz_after(f);
			slot = (slot + 1) % nslots;
		}
		break;
	case 0: case 1: case 2:				/* store */
		fz_store(f, fz_u16(in) % nslots, false);
		break;
	case 3:						/* zero page */
		fz_store(f, fz_u16(in) % nslots, true);
		break;
	case 4:						/* discard */
		slot = fz_u16(in) % nslots;
		if (lsw_discard(&f->e, slot))
			fz_fail(f, "discard failed", (long long)slot, 0);
		f->ver[slot] = 0;
		break;
	case 5:
		fz_flush(f, false);
		break;
	case 6:
		fz_flush(f, true);
		break;
	case 7:						/* GC worker */
		b = fz_byte(in);
		fz_gc(f, b & 1 ? lsw_gc_target(&f->e) :
		      (u32)(b >> 1) % (f->e.geo.nr_eus + 1));
		break;
	case 8:
		fz_read(f, fz_u16(in) % nslots, true);
		break;
	case 9:
		fz_set_gc(f, in);
		break;
	case 10:					/* arm a fault */
		b = fz_byte(in);
		switch (b % 3) {
		case 0:
			f->dev.fail_write_in = 1 + (b >> 2) % 8;
			break;
		case 1: f->dev.fail_read_in = 1 + (b >> 2) % 8; break;
		default: f->dev.fail_erase_in = 1 + (b >> 2) % 8; break;
		}
		break;
	default:					/* hostile slot */
		slot = nslots + fz_byte(in);
		lsw_fill_page(page, slot, 1);
		ret = lsw_store(&f->e, slot, page);
		if (ret != -EINVAL)
			fz_fail(f, "store past the end", (long long)slot, ret);
		ret = lsw_discard(&f->e, slot);
		if (ret != -EINVAL)
			fz_fail(f, "discard past the end", (long long)slot,
				ret);
		break;
	}
}

/*
 * The device completes 0..3 of the queued writes, which ones the input
 * says: any order, several in flight.
 */
static void fz_complete(struct fz *f, struct fz_in *in)
{
	u8 c = fz_byte(in);
	u32 k, n;

	for (k = 0; k < (c & 3u); k++) {
		struct fz_arm a = fz_armed(f);

		n = lsw_ramdev_pending(&f->dev);
		if (!n)
			return;
		lsw_ramdev_complete(&f->dev, ((c >> 2) + k * 7) % n);
		/* A write fault fired at completion retires its EU too. */
		fz_fired(f, &a);
		fz_after(f);
	}
}

/* Every write completes and every queued buffer goes out (faults off). */
static void fz_drain(struct fz *f)
{
	u64 rng = f->op + 1;
	int i, ret = 0;

	for (i = 0; i < 64; i++) {
		lsw_ramdev_complete_all(&f->dev, &rng);
		fz_after(f);
		if (!lsw_flush_pending(&f->e))
			break;
		ret = lsw_flush(&f->e, false);
		fz_after(f);
		if (ret == -ENOSPC && f->faulted)
			break;	/* bad EUs shrank the device: pages stay LOG */
		if (ret)
			fz_fail(f, "drain: flush failed", ret, 0);
	}
	lsw_ramdev_complete_all(&f->dev, &rng);
	fz_after(f);
	if (lsw_inflight(&f->e) || (lsw_flush_pending(&f->e) && !ret))
		fz_fail(f, "drain: writes in flight or queued",
			lsw_inflight(&f->e), lsw_flush_pending(&f->e));
}

static void fz_verify_all(struct fz *f)
{
	u64 s;

	for (s = 0; s < f->e.cfg.nr_slots; s++)
		fz_read(f, s, false);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz *f = calloc(1, sizeof(*f));

	lsw_env_quiet = 1;
	if (!f)
		return 0;
	f->warnings = lsw_env_warnings;
	if (fz_setup(f, &in)) {
		free(f);
		return 0;
	}
	fz_after(f);
	while (in.n && f->op < FZ_MAX_OPS) {
		fz_op(f, &in);
		fz_after(f);
		if (f->async)
			fz_complete(f, &in);
		f->op++;
	}
	/* Disarm, then everything the model holds must read back. */
	f->dev.fail_write_in = f->dev.fail_read_in = f->dev.fail_erase_in = 0;
	fz_verify_all(f);
	fz_flush(f, true);
	fz_after(f);
	fz_verify_all(f);
	if (f->async) {
		fz_drain(f);
		fz_flush(f, true);
		fz_drain(f);
		fz_verify_all(f);
	}
	fz_gc(f, f->e.geo.nr_eus);
	fz_after(f);
	fz_verify_all(f);

	lsw_engine_destroy(&f->e);
	lsw_ramdev_destroy(&f->dev);
	free(f->ver);
	free(f);
	return 0;
}
