// SPDX-License-Identifier: GPL-2.0
/*
 * logswap as a vswap backend (kernels with mm-patches/, LSW_HAVE_VSWAP).
 *
 * The swap core hands pages to us by swap entry (->store, ->load,
 * ->invalidate) instead of bios, keeps zero pages to itself (ZERO tag) and
 * reads PHYS slots straight from the backing device.  We publish every
 * LOG and PHYS transition of the engine's map into the kernel's table:
 *
 *   store:          LOG(buffer position)      vswap_entry_xchg
 *   flush:          LOG -> PHYS(block)        vswap_set_phys (cmpxchg)
 *   GC relocation:  PHYS(old) -> PHYS(new)    vswap_relocate (cmpxchg)
 *
 * Lock order: the engine's spinlock (eng.lock) is held around reading the
 * engine's map entry and publishing it, both at store and in the engine's
 * remap hook, so the table never goes back to an older location than the
 * engine's.  The table's own words change only by atomic ops.
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

/* The table word for engine map entry @m, 0 (NONE) for the rest. */
static unsigned long lsw_vs_word(u32 m)
{
	switch (lsw_tag(m)) {
	case LSW_TAG_LOG:
		return vswap_mk(VSWAP_LOG, lsw_payload(m));
	case LSW_TAG_PHYS:
		return vswap_mk(VSWAP_PHYS, lsw_payload(m));
	case LSW_TAG_ZERO:
		return vswap_mk(VSWAP_ZERO, 0);
	default:
		return vswap_mk(VSWAP_NONE, 0);
	}
}

/* Engine hook, eng.lock held: a map entry moved from @old to @new. */
static void lsw_vs_remap(void *arg, u64 slot, u32 old, u32 new)
{
	struct lsw_vswap *vs = arg;

	vswap_entry_cmpxchg(&vs->b, slot, lsw_vs_word(old), lsw_vs_word(new));
}

static int lsw_vs_store(struct vswap_backend *b, swp_entry_t entry,
			struct page *page)
{
	struct lsw_dev *ld = lsw_vs_dev(b);
	struct lsw_engine *e = &ld->eng;
	pgoff_t slot = swp_offset(entry);
	int ret;

	ret = lsw_store_wait(ld, slot, page, 0);
	if (ret)
		return ret;
	spin_lock(&e->lock);
	vswap_entry_xchg(b, slot, lsw_vs_word(lsw_map_get(e, slot)));
	spin_unlock(&e->lock);
	return 0;
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

static void lsw_vs_invalidate(struct vswap_backend *b, swp_entry_t entry,
			      unsigned long word)
{
	/* Through the trace wrapper, as swap_slot_free_notify is. */
	lsw_do_discard_atomic(lsw_vs_dev(b), swp_offset(entry));
}

static bool lsw_vs_located(unsigned long w)
{
	return vswap_tag(w) == VSWAP_PHYS || vswap_tag(w) == VSWAP_LOG;
}

/*
 * debugfs logswap_vswap/<disk>: the kernel's table against the engine,
 * slot by slot, under eng.lock.  Every slot either side places in the log
 * (LOG or PHYS) must hold the same location on both sides.
 */
static int lsw_vs_check_show(struct seq_file *m, void *unused)
{
	struct lsw_vswap *vs = m->private;
	struct lsw_engine *e = &vs->ld->eng;
	u64 slot, phys = 0, log = 0, bad = 0, first_bad = U64_MAX;
	unsigned long t, w;

	spin_lock(&e->lock);
	/* Slot 0 is the swap header: mkswap writes it as a plain block. */
	for (slot = 1; slot < vs->ld->nr_slots; slot++) {
		t = vswap_entry_get(&vs->b, slot);
		w = lsw_vs_word(lsw_map_get(e, slot));
		if (!lsw_vs_located(t) && !lsw_vs_located(w))
			continue;
		if (t != w) {
			bad++;
			first_bad = min(first_bad, slot);
		} else if (vswap_tag(t) == VSWAP_PHYS) {
			phys++;
		} else {
			log++;
		}
	}
	spin_unlock(&e->lock);
	seq_printf(m, "slots %llu\nphys_match %llu\nlog_match %llu\n",
		   vs->ld->nr_slots, phys, log);
	seq_printf(m, "mismatch %llu\n", bad);
	if (bad)
		seq_printf(m, "first_mismatch %llu\n", first_bad);
	seq_printf(m, "table_bytes %lu\n",
		   READ_ONCE(vs->b.nr_slots) * sizeof(atomic_long_t));
	seq_printf(m, "engine_map_bytes %llu\n",
		   lsw_engine_map_bytes(e));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_vs_check);

static const struct vswap_backend_ops lsw_vs_ops = {
	.store = lsw_vs_store,
	.load = lsw_vs_load,
	.invalidate = lsw_vs_invalidate,
};

/**
 * lsw_vswap_attach - register an initialised device as its disk's backend
 * @ld: device, init_lock held for write, engine built
 *
 * Return: 0 or a negative errno (the device then works as a plain disk).
 */
int lsw_vswap_attach(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;
	int ret;

	lockdep_assert_held_write(&ld->init_lock);
	if (WARN_ON_ONCE(ld->id < 0 || ld->id >= LSW_MAX_DEVICES ||
			 READ_ONCE(lsw_vswaps[ld->id])))
		return -EINVAL;
	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return -ENOMEM;
	vs->ld = ld;
	vs->b.ops = &lsw_vs_ops;
	vs->b.disk = ld->disk;
	vs->b.phys_bdev = ld->bdev;
	vs->b.owner = THIS_MODULE;
	ret = vswap_register_backend(&vs->b);
	if (ret) {
		kfree(vs);
		return ret;
	}
	spin_lock(&ld->eng.lock);
	ld->eng.remap = lsw_vs_remap;
	ld->eng.remap_arg = vs;
	spin_unlock(&ld->eng.lock);
	mutex_lock(&lsw_vs_lock);
	lsw_vswaps[ld->id] = vs;
	if (!lsw_vs_attached++)
		lsw_vs_root = debugfs_create_dir("logswap_vswap", NULL);
	vs->check = debugfs_create_file(ld->disk->disk_name, 0400, lsw_vs_root,
					vs, &lsw_vs_check_fops);
	mutex_unlock(&lsw_vs_lock);
	return 0;
}

/**
 * lsw_vswap_detach - withdraw the backend before the engine goes
 * @ld: device, init_lock held for write, claimed (not swapped on)
 */
void lsw_vswap_detach(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	if (!vs) {
		mutex_unlock(&lsw_vs_lock);
		return;
	}
	lsw_vswaps[ld->id] = NULL;
	debugfs_remove(vs->check);
	if (!--lsw_vs_attached) {
		debugfs_remove(lsw_vs_root);
		lsw_vs_root = NULL;
	}
	mutex_unlock(&lsw_vs_lock);
	spin_lock(&ld->eng.lock);
	ld->eng.remap = NULL;
	ld->eng.remap_arg = NULL;
	spin_unlock(&ld->eng.lock);
	vswap_unregister_backend(&vs->b);
	kfree(vs);
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
	seq_printf(m, "vswap_phys %ld\nvswap_zero %ld\nvswap_log %ld\n",
		   atomic_long_read(&st->tags[VSWAP_PHYS]),
		   atomic_long_read(&st->tags[VSWAP_ZERO]),
		   atomic_long_read(&st->tags[VSWAP_LOG]));
	seq_printf(m, "vswap_phys_reads %ld\nvswap_loads %ld\n",
		   atomic_long_read(&st->phys_reads),
		   atomic_long_read(&st->loads));
}
