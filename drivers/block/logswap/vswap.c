// SPDX-License-Identifier: GPL-2.0
/*
 * logswap as a vswap backend (kernels with mm-patches/, LSW_HAVE_VSWAP).
 *
 * The device registers as the swap backend of its disk with a table of
 * its own (VSWAP_BACKEND_OWN_TABLE): the kernel's virtual swap table,
 * one tagged word per slot, allocated for the disk's size when the device
 * is set up and freed when it is torn down, is the engine's only slot map
 * (struct lsw_map_ops); the engine allocates no per-slot array.  The
 * swap core hands pages to us by swap entry (->store, ->load,
 * ->invalidate) instead of bios, keeps zero pages of free slots to itself
 * (ZERO) and reads PHYS slots straight from the backing device.
 *
 *   store:          xchg -> LOG(buffer position)     engine, e->lock
 *   flush:          LOG -> PHYS(block) by cmpxchg    engine, e->lock
 *   GC relocation:  PHYS(old) -> PHYS(new), cmpxchg  engine, e->lock
 *   free:           LOG/PHYS -> NONE by xchg         ->invalidate, e->lock
 *   zero page:      NONE/ZERO -> ZERO                kernel, no lock
 *                   LOG/PHYS -> ZERO                 ->store, e->lock
 *
 * Atomicity and lock order: the kernel changes only words that hold no
 * location (NONE, ZERO), so every word naming a block or a buffer page is
 * changed by the engine under its spinlock (eng.lock) together with the
 * valid bitmap and live counts.  A flush or GC cmpxchg that finds the word
 * changed (the slot was freed or rewritten first) leaves its copy born
 * invalid, as with the engine's own array.  ->invalidate runs under the
 * swap device's si->lock: si->lock -> trace lock -> eng.lock; the engine
 * never calls into the swap core with eng.lock held except for the table's
 * word helpers, which take no lock (RCU only).
 */
#include <linux/blkdev.h>
#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vswap.h>

#include "lsw_dev.h"
#include "lsw_vswap.h"

/* The table has a word per swap page, the engine a slot per 4 KiB block. */
static_assert(PAGE_SIZE == LSW_BLOCK_SIZE,
	      "vswap mode maps one swap page to one 4 KiB slot");

struct lsw_vswap {
	struct vswap_backend b;
	struct lsw_dev *ld;
	struct dentry *check;	/* debugfs logswap_vswap/<disk> */
};

/* lsw_vs_lock guards the three below, across devices. */
static DEFINE_MUTEX(lsw_vs_lock);
static struct lsw_vswap *lsw_vswaps[LSW_MAX_DEVICES];
static struct dentry *lsw_vs_root;	/* while a device is attached */
static unsigned int lsw_vs_attached;

static struct lsw_dev *lsw_vs_dev(struct vswap_backend *b)
{
	return container_of(b, struct lsw_vswap, b)->ld;
}

/*
 * The engine's map in the table.  Engine words and table words share the
 * encoding (tag in the low 3 bits, include/logswap/format.h == vswap.h)
 * and engine payloads fit in 29 bits, so a word converts by a cast.
 */
static u32 lsw_vs_map_get(void *arg, u64 slot)
{
	struct lsw_vswap *vs = arg;

	return (u32)vswap_entry_get(&vs->b, slot);
}

static u32 lsw_vs_map_exchange(void *arg, u64 slot, u32 new)
{
	struct lsw_vswap *vs = arg;

	return (u32)vswap_entry_xchg(&vs->b, slot, new);
}

static bool lsw_vs_map_compare_exchange(void *arg, u64 slot, u32 old,
					u32 new)
{
	struct lsw_vswap *vs = arg;

	return vswap_entry_cmpxchg(&vs->b, slot, old, new);
}

static const struct lsw_map_ops lsw_vs_map_ops = {
	.get = lsw_vs_map_get,
	.exchange = lsw_vs_map_exchange,
	.compare_exchange = lsw_vs_map_compare_exchange,
};

/* The engine publishes the new word itself (lsw_store's xchg). */
static int lsw_vs_store(struct vswap_backend *b, swp_entry_t entry,
			struct page *page)
{
	/* No stream hint yet: the folio's memcg is for issue 15's vswap part. */
	return lsw_store_wait(lsw_vs_dev(b), swp_offset(entry), page, 0, 0);
}

static int lsw_vs_load(struct vswap_backend *b, swp_entry_t entry,
		       unsigned long word, struct page *page)
{
	struct lsw_dev *ld = lsw_vs_dev(b);
	void *p = kmap_local_page(page);
	int ret;

	ret = lsw_load(&ld->eng, swp_offset(entry), p);
	kunmap_local(p);
	return ret;
}

/* Under si->lock: the engine sets the word to NONE and frees the block. */
static void lsw_vs_invalidate(struct vswap_backend *b, swp_entry_t entry,
			      unsigned long word)
{
	/* Through the trace wrapper, as swap_slot_free_notify is. */
	lsw_do_discard_atomic(lsw_vs_dev(b), swp_offset(entry));
}

/*
 * debugfs logswap_vswap/<disk>: the table (the engine's map) against the
 * engine's accounting, under eng.lock.  Every PHYS word must name a block
 * the engine counts valid, no block twice, and the valid blocks must be
 * exactly the PHYS words; every LOG word must name a page of a buffer in
 * use that was stored for that slot.
 */
static int lsw_vs_check_show(struct seq_file *m, void *unused)
{
	struct lsw_vswap *vs = m->private;
	struct lsw_dev *ld = vs->ld;
	struct lsw_engine *e = &ld->eng;
	u64 slot, phys = 0, log = 0, bad = 0, first_bad = U64_MAX, valid = 0;
	unsigned long *seen;
	const struct lsw_buf *buf;
	u32 w, p, i;
	bool ok;

	if (!down_read_trylock(&ld->init_lock))
		return -EBUSY;
	if (!ld->initialised) {
		up_read(&ld->init_lock);
		return -ENODEV;
	}
	seen = bitmap_zalloc(ld->nr_blocks, GFP_KERNEL);
	if (!seen) {
		up_read(&ld->init_lock);
		return -ENOMEM;
	}
	spin_lock(&e->lock);
	for (slot = 0; slot < ld->nr_slots; slot++) {
		w = lsw_map_get(e, slot);
		p = lsw_payload(w);
		switch (lsw_tag(w)) {
		case LSW_TAG_PHYS:
			ok = p < ld->nr_blocks && test_bit(p, e->valid) &&
			     !__test_and_set_bit(p, seen);
			phys += ok;
			break;
		case LSW_TAG_LOG:
			buf = &e->bufs[p / e->cfg.seg_blocks];
			i = p % e->cfg.seg_blocks;
			ok = p / e->cfg.seg_blocks < e->cfg.nr_buffers &&
			     buf->state != LSW_BUF_FREE && i < buf->count &&
			     buf->owner[i] == slot && buf->expect[i] == w;
			log += ok;
			break;
		default:
			continue;
		}
		if (!ok) {
			bad++;
			first_bad = min(first_bad, slot);
		}
	}
	for (i = 0; i < e->geo.nr_eus; i++)
		valid += e->eus[i].live;
	spin_unlock(&e->lock);
	bitmap_free(seen);
	up_read(&ld->init_lock);
	/* Valid blocks no PHYS word names: leaked, count them too. */
	if (valid > phys)
		bad += valid - phys;
	seq_printf(m, "slots %llu\nphys_match %llu\nlog_match %llu\n",
		   ld->nr_slots, phys, log);
	seq_printf(m, "valid_blocks %llu\nmismatch %llu\n", valid, bad);
	if (first_bad != U64_MAX)
		seq_printf(m, "first_mismatch %llu\n", first_bad);
	seq_printf(m, "table_bytes %lu\n",
		   READ_ONCE(vs->b.nr_slots) * sizeof(atomic_long_t));
	seq_printf(m, "engine_map_bytes %llu\n", lsw_engine_map_bytes(e));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_vs_check);

static const struct vswap_backend_ops lsw_vs_ops = {
	.store = lsw_vs_store,
	.load = lsw_vs_load,
	.invalidate = lsw_vs_invalidate,
};

/**
 * lsw_vswap_register - make the kernel's table the device's slot map
 * @ld: device being set up, init_lock held for write, engine not built
 * @arg: set to the argument of the returned ops
 *
 * Registers @ld's disk as a swap backend with a table of its own for
 * @ld->nr_slots slots.  Must be undone by lsw_vswap_unregister() once the
 * engine is destroyed.
 *
 * Return: the map ops to build the engine with, or NULL (not a backend:
 * the engine keeps its own map and swap goes through bios).
 */
const struct lsw_map_ops *lsw_vswap_register(struct lsw_dev *ld, void **arg)
{
	struct lsw_vswap *vs;
	int ret;

	lockdep_assert_held_write(&ld->init_lock);
	*arg = NULL;
	if (WARN_ON_ONCE(ld->id < 0 || ld->id >= LSW_MAX_DEVICES ||
			 READ_ONCE(lsw_vswaps[ld->id])))
		return NULL;
	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return NULL;
	vs->ld = ld;
	vs->b.ops = &lsw_vs_ops;
	vs->b.disk = ld->disk;
	vs->b.phys_bdev = ld->bdev;
	vs->b.owner = THIS_MODULE;
	vs->b.flags = VSWAP_BACKEND_OWN_TABLE;
	vs->b.nr_slots = ld->nr_slots;
	ret = vswap_register_backend(&vs->b);
	if (ret) {
		pr_warn("%s: vswap_register_backend: %d\n",
			ld->disk->disk_name, ret);
		kfree(vs);
		return NULL;
	}
	mutex_lock(&lsw_vs_lock);
	lsw_vswaps[ld->id] = vs;
	mutex_unlock(&lsw_vs_lock);
	*arg = vs;
	return &lsw_vs_map_ops;
}

/**
 * lsw_vswap_unregister - withdraw the backend and free its table
 * @ld: device, init_lock held for write, engine destroyed
 */
void lsw_vswap_unregister(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	lsw_vswaps[ld->id] = NULL;
	mutex_unlock(&lsw_vs_lock);
	if (!vs)
		return;
	vswap_unregister_backend(&vs->b);
	kfree(vs);
}

/**
 * lsw_vswap_attach - publish the check file of a registered device
 * @ld: device, init_lock held for write, engine built
 *
 * Return: 0, or -ENODEV if the device is not a vswap backend (it then
 * works as a plain disk).
 */
int lsw_vswap_attach(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	if (!vs) {
		mutex_unlock(&lsw_vs_lock);
		return -ENODEV;
	}
	if (!lsw_vs_attached++)
		lsw_vs_root = debugfs_create_dir("logswap_vswap", NULL);
	vs->check = debugfs_create_file(ld->disk->disk_name, 0400, lsw_vs_root,
					vs, &lsw_vs_check_fops);
	mutex_unlock(&lsw_vs_lock);
	return 0;
}

/**
 * lsw_vswap_detach - remove the check file before the engine goes
 * @ld: device, init_lock held for write, claimed (not swapped on)
 */
void lsw_vswap_detach(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	if (vs && vs->check) {
		debugfs_remove(vs->check);
		vs->check = NULL;
		if (!--lsw_vs_attached) {
			debugfs_remove(lsw_vs_root);
			lsw_vs_root = NULL;
		}
	}
	mutex_unlock(&lsw_vs_lock);
}

/**
 * lsw_vswap_show - vswap lines of the debugfs stats file
 * @m: seq_file
 * @ld: device, init_lock held for read
 */
void lsw_vswap_show(struct seq_file *m, struct lsw_dev *ld)
{
	struct lsw_vswap *vs = READ_ONCE(lsw_vswaps[ld->id]);
	struct vswap_stats *st;

	seq_printf(m, "vswap %d\n", vs ? 1 : 0);
	if (!vs)
		return;
	st = &vs->b.stats;
	seq_printf(m, "vswap_table_bytes %lu\n",
		   READ_ONCE(vs->b.nr_slots) * sizeof(atomic_long_t));
	seq_printf(m, "vswap_map_bytes %llu\n",
		   lsw_engine_map_bytes(&ld->eng));
	seq_printf(m, "vswap_none %ld\n",
		   atomic_long_read(&st->tags[VSWAP_NONE]));
	seq_printf(m, "vswap_phys %ld\nvswap_zero %ld\nvswap_log %ld\n",
		   atomic_long_read(&st->tags[VSWAP_PHYS]),
		   atomic_long_read(&st->tags[VSWAP_ZERO]),
		   atomic_long_read(&st->tags[VSWAP_LOG]));
	seq_printf(m, "vswap_phys_reads %ld\nvswap_loads %ld\n",
		   atomic_long_read(&st->phys_reads),
		   atomic_long_read(&st->loads));
}
