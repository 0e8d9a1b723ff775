// SPDX-License-Identifier: GPL-2.0
/*
 * logswap as the swap backend of its disk, on a kernel whose swap core
 * has a backend interface (LSW_HAVE_VSWAP, set by the Kbuild probe).  Two
 * interfaces exist, one implementation each below:
 *
 * - Linux 7.2 with mm-patches-7.2/ (LSW_HAVE_SWAP_BACKEND,
 *   include/linux/swap_backend.h): the device registers its disk; swapon
 *   binds it (the kernel pins this module until swapoff) and gives every
 *   swap cluster a virtual table beside its swap table, allocated and
 *   freed with the cluster.  The tag values are the kernel's (checked at
 *   compile time below).
 * - Linux 6.1 with mm-patches/ (include/linux/vswap.h): see the comment
 *   of that half.
 */
#ifdef LSW_HAVE_SWAP_BACKEND
/*
 * Linux 7.2 with mm-patches-7.2/.  The engine's slot map is external
 * (struct lsw_map_ops) and lives in one of two places:
 *
 * - bound (swapon to swapoff): the kernel's virtual tables, one word per
 *   swap slot in the table of the slot's cluster; the driver holds no
 *   per-slot memory at all.  A slot whose cluster has no table is free:
 *   it reads NONE, and a write to it (raw I/O to a free slot of a
 *   swapped-on disk) is dropped.
 * - unbound (mkswap, raw use of the disk): an array of u32 here, @own,
 *   allocated at setup and at swapoff, freed at swapon.
 *
 * The switch happens under the engine's lock (eng.lock), which every
 * change of a word naming a location holds (lsw_map_set): at swapon the
 * blocks of every slot but the header's are freed (swap forgets free
 * slots' data), the header's word moves into the table and @own goes;
 * at swapoff every word moves back.  Readers that do not hold eng.lock
 * read @own under RCU; the kernel's tables are RCU-freed too.
 *
 * Lock order: swapon_mutex -> eng.lock; the word helpers take no lock.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/swap_backend.h>

#include "lsw_dev.h"
#include "lsw_vswap.h"

/* One language for both ends of a table word. */
static_assert(LSW_TAG_BITS == SWAP_BACKEND_TAG_BITS);
static_assert(LSW_TAG_NONE == SWAP_BACKEND_NONE);
static_assert(LSW_TAG_PHYS == SWAP_BACKEND_PHYS);
static_assert(LSW_TAG_ZERO == SWAP_BACKEND_ZERO);
static_assert(LSW_TAG_ZSWAP == SWAP_BACKEND_ZSWAP);
static_assert(LSW_TAG_FOLIO == SWAP_BACKEND_FOLIO);
static_assert(LSW_TAG_LOG == SWAP_BACKEND_LOG);
/* The table has a word per swap page, the engine a slot per 4 KiB block. */
static_assert(PAGE_SIZE == LSW_BLOCK_SIZE,
	      "the swap backend maps one swap page to one 4 KiB slot");
/* Sectors of the backing device per engine block: its sector address. */
#define LSW_VS_SECTOR_SHIFT	(LSW_BLOCK_SHIFT - SECTOR_SHIFT)

struct lsw_vswap {
	struct swap_backend b;
	struct lsw_dev *ld;
	u32 __rcu *own;		/* the map while unbound, else NULL */
	unsigned long bound_slots;	/* swapon..swapoff, else 0 */
	unsigned long swapons;
	atomic_t stale_reads;	/* debug: direct reads to refuse */
	struct dentry *check;	/* debugfs logswap_vswap/<disk> */
};

/* debugfs logswap_vswap/<disk>-stale-reads: write N to refuse N reads. */
static void lsw_vs_stale_name(char *name, size_t len, struct lsw_dev *ld)
{
	snprintf(name, len, "%s-stale-reads", ld->disk->disk_name);
}

/* lsw_vs_lock guards the three below, across devices. */
static DEFINE_MUTEX(lsw_vs_lock);
static struct lsw_vswap *lsw_vswaps[LSW_MAX_DEVICES];
static struct dentry *lsw_vs_root;	/* while a device is attached */
static unsigned int lsw_vs_attached;

static struct lsw_vswap *lsw_vs_of(struct swap_backend *b)
{
	return container_of(b, struct lsw_vswap, b);
}

/*
 * The engine's map.  Engine and table words share the encoding (checked
 * above) and engine payloads fit in 29 bits, so a word converts by a cast.
 */
static u32 lsw_vs_map_get(void *arg, u64 slot)
{
	struct lsw_vswap *vs = arg;
	u32 *own, w;

	rcu_read_lock();
	own = rcu_dereference(vs->own);
	if (own)
		w = READ_ONCE(own[slot]);
	else
		w = (u32)swap_backend_word_get(&vs->b, slot);
	rcu_read_unlock();
	return w;
}

static u32 lsw_vs_map_exchange(void *arg, u64 slot, u32 new)
{
	struct lsw_vswap *vs = arg;
	u32 *own, w;

	rcu_read_lock();
	own = rcu_dereference(vs->own);
	if (own)
		w = xchg(&own[slot], new);
	else
		w = (u32)swap_backend_word_xchg(&vs->b, slot, new);
	rcu_read_unlock();
	return w;
}

static bool lsw_vs_map_compare_exchange(void *arg, u64 slot, u32 old,
					u32 new)
{
	struct lsw_vswap *vs = arg;
	bool ok;
	u32 *own;

	rcu_read_lock();
	own = rcu_dereference(vs->own);
	if (own)
		ok = try_cmpxchg(&own[slot], &old, new);
	else
		ok = swap_backend_word_cmpxchg(&vs->b, slot, old, new);
	rcu_read_unlock();
	return ok;
}

static const struct lsw_map_ops lsw_vs_map_ops = {
	.get = lsw_vs_map_get,
	.exchange = lsw_vs_map_exchange,
	.compare_exchange = lsw_vs_map_compare_exchange,
};

/*
 * Under the kernel's swapon_mutex, the device published (the word helpers
 * reach its tables; the header's cluster has one): the tables become the
 * map.
 */
static int lsw_vs_swapon(struct swap_backend *b, unsigned long nr_slots)
{
	struct lsw_vswap *vs = lsw_vs_of(b);
	struct lsw_dev *ld = vs->ld;
	struct lsw_engine *e = &ld->eng;
	u32 *own = rcu_dereference_protected(vs->own, true);
	u64 slot;

	if (WARN_ON_ONCE(!own) || nr_slots > ld->nr_slots)
		return -EINVAL;
	/* What free slots held is swap's to forget: only the header stays. */
	for (slot = 1; slot < ld->nr_slots; slot++)
		if (READ_ONCE(own[slot]) != LSW_TAG_NONE)
			lsw_traced_discard(ld, slot);
	spin_lock(&e->lock);
	swap_backend_word_xchg(b, 0, own[0]);
	rcu_assign_pointer(vs->own, NULL);
	spin_unlock(&e->lock);
	synchronize_rcu();
	kvfree(own);
	WRITE_ONCE(vs->bound_slots, nr_slots);
	WRITE_ONCE(vs->swapons, vs->swapons + 1);
	return 0;
}

/*
 * swapoff, every slot freed, the tables still published: every word (the
 * header's, and any a leak left) moves back into a map of our own.
 */
static void lsw_vs_swapoff(struct swap_backend *b)
{
	struct lsw_vswap *vs = lsw_vs_of(b);
	struct lsw_dev *ld = vs->ld;
	struct lsw_engine *e = &ld->eng;
	u32 *own;
	u64 slot;

	/* swapoff cannot fail: wait for the memory, as swapoff itself does. */
	own = kvcalloc(ld->nr_slots, sizeof(*own), GFP_KERNEL | __GFP_NOFAIL);
	spin_lock(&e->lock);
	for (slot = 0; slot < ld->nr_slots; slot++)
		own[slot] = (u32)swap_backend_word_xchg(b, slot, LSW_TAG_NONE);
	rcu_assign_pointer(vs->own, own);
	spin_unlock(&e->lock);
	WRITE_ONCE(vs->bound_slots, 0);
}

/*
 * Swap-in by the kernel: a LOG page is copied from its buffer, a PHYS page
 * is read by the kernel itself from the backing device (one bio), and
 * checked at completion against the word and the erase generation of its
 * EU, which GC bumps before a relocated block's EU is reused.
 */
static int lsw_vs_read_begin(struct swap_backend *b, pgoff_t offset,
			     void *page, struct swap_backend_read *rd)
{
	struct lsw_engine *e = &lsw_vs_of(b)->ld->eng;
	struct lsw_read_tok tok;
	int ret;

	ret = lsw_read_begin(e, offset, page, &tok);
	if (ret <= 0)
		return ret;
	rd->sector = tok.block << LSW_VS_SECTOR_SHIFT;
	rd->priv[0] = tok.entry;
	rd->priv[1] = tok.eu;
	rd->priv[2] = tok.gen;
	return 1;
}

static bool lsw_vs_read_valid(struct swap_backend *b, pgoff_t offset,
			      const struct swap_backend_read *rd)
{
	struct lsw_engine *e = &lsw_vs_of(b)->ld->eng;
	const struct lsw_read_tok tok = {
		.entry = rd->priv[0],
		.block = rd->sector >> LSW_VS_SECTOR_SHIFT,
		.eu = rd->priv[1],
		.gen = rd->priv[2],
	};
	bool ok = lsw_read_valid(e, offset, &tok);

	/*
	 * Debug: refuse the next N direct reads as if GC had relocated the
	 * page meanwhile, so that the kernel's retry is exercised.
	 */
	if (ok && atomic_add_unless(&lsw_vs_of(b)->stale_reads, -1, 0))
		ok = false;
	lsw_note_read(e, ok ? 0 : -EAGAIN);
	return ok;
}

static const struct swap_backend_ops lsw_vs_ops = {
	.swapon = lsw_vs_swapon,
	.swapoff = lsw_vs_swapoff,
	.read_begin = lsw_vs_read_begin,
	.read_valid = lsw_vs_read_valid,
};

/*
 * debugfs logswap_vswap/<disk>: the binding, and the map (the kernel's
 * tables while bound) against the engine's accounting, under eng.lock.
 * Every PHYS word must name a block the engine counts valid, no block
 * twice, and the valid blocks must be exactly the PHYS words; every LOG
 * word must name a page of a buffer in use that was stored for that slot.
 */
static int lsw_vs_check_show(struct seq_file *m, void *unused)
{
	struct lsw_vswap *vs = m->private;
	struct lsw_dev *ld = vs->ld;
	struct lsw_engine *e = &ld->eng;
	u64 slot, phys = 0, log = 0, zero = 0, bad = 0, valid = 0;
	u64 first_bad = U64_MAX;
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
		case LSW_TAG_ZERO:
			zero++;
			continue;
		case LSW_TAG_NONE:
			continue;
		default:
			ok = false;
			break;
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
	seq_printf(m, "bound %d\nbound_slots %lu\nswapons %lu\n",
		   READ_ONCE(vs->bound_slots) ? 1 : 0,
		   READ_ONCE(vs->bound_slots), READ_ONCE(vs->swapons));
	seq_printf(m, "slots %llu\nphys_match %llu\nlog_match %llu\nzero %llu\n",
		   ld->nr_slots, phys, log, zero);
	seq_printf(m, "valid_blocks %llu\nmismatch %llu\n", valid, bad);
	if (first_bad != U64_MAX)
		seq_printf(m, "first_mismatch %llu\n", first_bad);
	seq_printf(m, "table_bytes %lu\n", swap_backend_table_bytes(&vs->b));
	seq_printf(m, "direct_reads %ld\nbuffer_reads %ld\nread_retries %ld\n",
		   atomic_long_read(&vs->b.direct_reads),
		   atomic_long_read(&vs->b.buffer_reads),
		   atomic_long_read(&vs->b.read_retries));
	rcu_read_lock();
	seq_printf(m, "driver_map_bytes %llu\n",
		   rcu_dereference(vs->own) ? ld->nr_slots * sizeof(u32) : 0);
	rcu_read_unlock();
	seq_printf(m, "engine_map_bytes %llu\n", lsw_engine_map_bytes(e));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_vs_check);

/**
 * lsw_vswap_register - offer the device's disk as a swap backend
 * @ld: device being set up, init_lock held for write, engine not built
 * @arg: set to the argument of the returned ops
 *
 * Return: the map ops to build the engine with (its map is ours: an
 * array until swapon, the kernel's tables while swapped on), or NULL (not
 * a backend: the engine keeps its own map).
 */
const struct lsw_map_ops *lsw_vswap_register(struct lsw_dev *ld, void **arg)
{
	struct lsw_vswap *vs;
	u32 *own;
	int ret;

	lockdep_assert_held_write(&ld->init_lock);
	*arg = NULL;
	if (WARN_ON_ONCE(ld->id < 0 || ld->id >= LSW_MAX_DEVICES ||
			 READ_ONCE(lsw_vswaps[ld->id])))
		return NULL;
	vs = kzalloc_obj(*vs, GFP_KERNEL);
	if (!vs)
		return NULL;
	own = kvcalloc(ld->nr_slots, sizeof(*own), GFP_KERNEL);
	if (!own)
		goto err_free;
	RCU_INIT_POINTER(vs->own, own);
	vs->ld = ld;
	vs->b.ops = &lsw_vs_ops;
	vs->b.disk = ld->disk;
	vs->b.owner = THIS_MODULE;
	vs->b.phys_bdev = ld->bdev;
	ret = swap_backend_register(&vs->b);
	if (ret) {
		pr_warn("%s: swap_backend_register: %d\n",
			ld->disk->disk_name, ret);
		goto err_own;
	}
	mutex_lock(&lsw_vs_lock);
	lsw_vswaps[ld->id] = vs;
	mutex_unlock(&lsw_vs_lock);
	*arg = vs;
	return &lsw_vs_map_ops;

err_own:
	kvfree(own);
err_free:
	kfree(vs);
	return NULL;
}

/**
 * lsw_vswap_unregister - withdraw the backend and free its map
 * @ld: device, init_lock held for write, engine destroyed, not open (so
 *	not swapped on)
 */
void lsw_vswap_unregister(struct lsw_dev *ld)
{
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	if (vs && WARN_ON_ONCE(swap_backend_unregister(&vs->b))) {
		/* Still bound: keep it (a leak, never a use after free). */
		mutex_unlock(&lsw_vs_lock);
		return;
	}
	lsw_vswaps[ld->id] = NULL;
	mutex_unlock(&lsw_vs_lock);
	if (!vs)
		return;
	kvfree(rcu_dereference_protected(vs->own, true));
	kfree(vs);
}

/**
 * lsw_vswap_attach - publish the check file of a registered device
 * @ld: device, init_lock held for write, engine built
 *
 * Return: 0, or -ENODEV if the device is not a swap backend.
 */
int lsw_vswap_attach(struct lsw_dev *ld)
{
	char name[DISK_NAME_LEN + 16];
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
	lsw_vs_stale_name(name, sizeof(name), ld);
	debugfs_create_atomic_t(name, 0600, lsw_vs_root, &vs->stale_reads);
	mutex_unlock(&lsw_vs_lock);
	return 0;
}

/**
 * lsw_vswap_detach - remove the check file before the engine goes
 * @ld: device, init_lock held for write, claimed (not swapped on)
 */
void lsw_vswap_detach(struct lsw_dev *ld)
{
	char name[DISK_NAME_LEN + 16];
	struct lsw_vswap *vs;

	lockdep_assert_held_write(&ld->init_lock);
	mutex_lock(&lsw_vs_lock);
	vs = lsw_vswaps[ld->id];
	if (vs && vs->check) {
		lsw_vs_stale_name(name, sizeof(name), ld);
		debugfs_lookup_and_remove(name, lsw_vs_root);
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
 * lsw_vswap_show - swap backend lines of the debugfs stats file
 * @m: seq_file
 * @ld: device, init_lock held for read
 */
void lsw_vswap_show(struct seq_file *m, struct lsw_dev *ld)
{
	struct lsw_vswap *vs = READ_ONCE(lsw_vswaps[ld->id]);

	seq_printf(m, "vswap %d\n", vs ? 1 : 0);
	if (!vs)
		return;
	seq_printf(m, "vswap_bound %d\n", READ_ONCE(vs->bound_slots) ? 1 : 0);
	seq_printf(m, "vswap_table_bytes %lu\n",
		   swap_backend_table_bytes(&vs->b));
	seq_printf(m, "vswap_map_bytes %llu\n",
		   lsw_engine_map_bytes(&ld->eng));
}

#else /* !LSW_HAVE_SWAP_BACKEND: Linux 6.1 with mm-patches/ */
/*
 * logswap as a vswap backend (kernels with mm-patches/, 6.1).
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
	lsw_traced_discard_atomic(lsw_vs_dev(b), swp_offset(entry));
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
#endif /* LSW_HAVE_SWAP_BACKEND */
