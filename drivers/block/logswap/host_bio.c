// SPDX-License-Identifier: GPL-2.0
/*
 * The host bio edge of logswap: what /dev/logswapN receives.  The
 * backing-device I/O the engine asks for is in bdev_io.c.
 *
 * Host bios are cut into 4 KiB slots.  A write copies each page into the
 * open RAM segment buffer (lsw_store), waiting when every buffer is full or
 * in flight: backpressure, never failure.  A read resolves each slot
 * (lsw_read_begin): zeros and RAM-buffer pages are copied at once, a PHYS
 * slot becomes a child bio to the backing device, validated on completion
 * (lsw_read_valid) and retried from a work item if it raced with GC.
 * Discard and write-zeroes free slots.  Flush and FUA write out the partial
 * buffer.  Errors are negative errnos up to here and become a blk_status_t
 * only on the host bio.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/blk-cgroup.h>
#include <linux/cgroup.h>
#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "lsw_dev.h"

#define LSW_SECTOR_SHIFT	(LSW_BLOCK_SHIFT - SECTOR_SHIFT)
/*
 * A page holds whole 4 KiB slots (16 KiB and 64 KiB page kernels too):
 * bios are cut into slots, and a swap page's free frees all of its slots.
 */
static_assert(!(PAGE_SIZE % LSW_BLOCK_SIZE));
#define LSW_READ_TRIES		16	/* GC races before giving up */
#define LSW_RESCHED_SLOTS	1024	/* discard slots between reschedules */

/*
 * One PHYS slot of a host read: a child bio to the backing device.  It
 * lives in the front pad of ld->read_bs, so no allocation beyond the
 * bioset's mempool.
 */
struct lsw_read_ctx {
	struct lsw_dev *ld;
	struct bio *parent;		/* the host bio, one remaining count */
	u64 slot;
	struct lsw_read_tok tok;
	struct page *page;
	unsigned int offset;
	struct work_struct work;	/* retry in process context */
	struct bio bio;			/* last: the inline bvecs follow */
};

static void lsw_put_inflight(struct lsw_dev *ld)
{
	if (atomic_dec_and_test(&ld->inflight))
		wake_up_all(&ld->wait);
}

/* Finish one child read: drop its count on the host bio. */
static void lsw_read_done(struct lsw_read_ctx *ctx, int err)
{
	struct bio *parent = ctx->parent;
	struct lsw_dev *ld = ctx->ld;

	if (err)
		parent->bi_status = errno_to_blk_status(err);
	bio_put(&ctx->bio);
	bio_endio(parent);
	lsw_put_inflight(ld);
}

/*
 * A child read failed or its block moved (GC relocation, erase): settle it
 * here, where sleeping and the engine's lock are allowed.  Resolving again
 * may find the page in RAM, on flash elsewhere, or freed.
 */
static void lsw_read_retry(struct work_struct *work)
{
	struct lsw_read_ctx *ctx = container_of(work, struct lsw_read_ctx,
						work);
	struct lsw_dev *ld = ctx->ld;
	struct lsw_engine *e = &ld->eng;
	struct bio *bio = &ctx->bio;
	int ret = blk_status_to_errno(bio->bi_status);
	unsigned int tries = 0;
	bool alone = false;
	void *p;

	for (;;) {
		/*
		 * The backing device's failure (a medium error is -ENODATA)
		 * is an I/O error of the host's page: report -EIO for it.
		 */
		if (ret && ret != -EAGAIN)
			ret = -EIO;
		/*
		 * Child reads of neighbouring blocks merge into one request
		 * of the backing device, which fails as a whole for one bad
		 * block: read this block once more on its own before failing
		 * the page.
		 */
		if (ret == -EIO && !alone) {
			alone = true;
			bio_reset(bio, ld->bdev, REQ_OP_READ | REQ_NOMERGE);
			bio->bi_iter.bi_sector =
				ctx->tok.block << LSW_SECTOR_SHIFT;
			__bio_add_page(bio, ctx->page, LSW_BLOCK_SIZE,
				       ctx->offset);
			ret = submit_bio_wait(bio);
			if (ret)
				lsw_trace_io_error(ld, false, ctx->tok.block, 1,
						   ret);
			continue;
		}
		if (!lsw_read_valid(e, ctx->slot, &ctx->tok))
			ret = -EAGAIN;
		lsw_note_read(e, ret);
		if (ret != -EAGAIN)
			break;
		if (WARN_ON_ONCE(++tries > LSW_READ_TRIES)) {
			ret = -EIO;
			break;
		}
		p = kmap_local_page(ctx->page);
		ret = lsw_read_begin(e, ctx->slot, p + ctx->offset, &ctx->tok);
		kunmap_local(p);
		if (ret <= 0)
			break;		/* zeros or RAM copy; or an error */

		/* Not inside ->submit_bio here: waiting is safe. */
		bio_reset(bio, ld->bdev, REQ_OP_READ);
		bio->bi_iter.bi_sector = ctx->tok.block << LSW_SECTOR_SHIFT;
		__bio_add_page(bio, ctx->page, LSW_BLOCK_SIZE, ctx->offset);
		ret = submit_bio_wait(bio);
		if (ret)
			lsw_trace_io_error(ld, false, ctx->tok.block, 1, ret);
	}
	if (ret)
		pr_err_ratelimited("%s: read of slot %llu failed (%d)\n",
				   ld->disk->disk_name, ctx->slot, ret);
	lsw_read_done(ctx, ret);
}

static void lsw_read_endio(struct bio *bio)
{
	struct lsw_read_ctx *ctx = container_of(bio, struct lsw_read_ctx,
						bio);
	struct lsw_dev *ld = ctx->ld;

	if (bio->bi_status)
		lsw_trace_io_error(ld, false, ctx->tok.block, 1,
				   blk_status_to_errno(bio->bi_status));
	/* lsw_read_valid and lsw_note_read take no lock: fine in irq context. */
	if (!bio->bi_status &&
	    lsw_read_valid(&ld->eng, ctx->slot, &ctx->tok)) {
		lsw_note_read(&ld->eng, 0);
		lsw_read_done(ctx, 0);
		return;
	}
	queue_work(ld->read_wq, &ctx->work);
}

static int lsw_read_block(struct lsw_dev *ld, struct bio *parent, u64 slot,
			  struct page *page, unsigned int offset)
{
	struct lsw_read_ctx *ctx;
	struct lsw_read_tok tok;
	struct bio *bio;
	void *p;
	int ret;

	p = kmap_local_page(page);
	ret = lsw_read_begin(&ld->eng, slot, p + offset, &tok);
	kunmap_local(p);
	if (ret <= 0)
		return ret;

	/*
	 * PHYS.  The mempool guarantees the allocation; read_bs has a
	 * rescuer for the children queued on current->bio_list.
	 */
	bio = bio_alloc_bioset(ld->bdev, 1,
			       REQ_OP_READ | (parent->bi_opf & REQ_SYNC),
			       GFP_NOIO, &ld->read_bs);
	ctx = container_of(bio, struct lsw_read_ctx, bio);
	ctx->ld = ld;
	ctx->parent = parent;
	ctx->slot = slot;
	ctx->tok = tok;
	ctx->page = page;
	ctx->offset = offset;
	INIT_WORK(&ctx->work, lsw_read_retry);
	bio->bi_iter.bi_sector = tok.block << LSW_SECTOR_SHIFT;
	__bio_add_page(bio, page, LSW_BLOCK_SIZE, offset);
	bio->bi_end_io = lsw_read_endio;

	bio_inc_remaining(parent);
	atomic_inc(&ld->inflight);
	submit_bio_noacct(bio);
	return 0;
}

/*
 * Store one page, waiting for a segment buffer when all are full or being
 * written (backpressure).  A flush error is returned only if the store
 * still finds no room after it.  Process context; may sleep.
 */
int lsw_store_wait(struct lsw_dev *ld, u64 slot, struct page *page,
		   unsigned int offset, u64 hint)
{
	struct lsw_engine *e = &ld->eng;
	unsigned long seq;
	int ret, err = 0;
	void *p;

	for (;;) {
		p = kmap_local_page(page);
		ret = lsw_traced_store(ld, slot, p + offset, hint);
		if (!ret)
			lsw_trace_store(ld, slot, p + offset);
		kunmap_local(p);
		if (ret != -EAGAIN)
			return ret;
		/* A flush since we began waiting failed and left no room. */
		if (err)
			return err;

		/* Backpressure: every buffer is full or being written. */
		seq = READ_ONCE(ld->flush_seq);
		lsw_kick_flush(ld);
		wait_event(ld->wait,
			   lsw_can_store(e) || READ_ONCE(ld->flush_seq) != seq);
		if (READ_ONCE(ld->flush_seq) != seq) {
			smp_rmb();	/* flush_err before flush_seq */
			err = READ_ONCE(ld->flush_err);
		}
	}
}

/*
 * The stream hint of a write: the id of the blkcg the bio is charged to
 * (swap-out charges the page's memcg's), 0 without one.
 */
static u64 lsw_bio_hint(struct bio *bio)
{
#ifdef CONFIG_BLK_CGROUP
	struct cgroup_subsys_state *css = bio->bi_blkg ? bio_blkcg_css(bio) :
				       NULL;

	return css ? (u64)css->id : 0;
#else
	return 0;
#endif
}

/* Read or write every 4 KiB block of @bio. */
static int lsw_rw(struct lsw_dev *ld, struct bio *bio, bool write)
{
	u64 slot = bio->bi_iter.bi_sector >> LSW_SECTOR_SHIFT;
	u64 hint = write ? lsw_bio_hint(bio) : 0;
	struct bvec_iter iter;
	struct bio_vec bv;
	unsigned int off;
	int ret;

	bio_for_each_segment(bv, bio, iter) {
		if (!IS_ALIGNED(bv.bv_offset | bv.bv_len, LSW_BLOCK_SIZE)) {
			pr_warn_ratelimited("%s: bvec %u+%u is not 4 KiB aligned\n",
					    ld->disk->disk_name, bv.bv_offset,
					    bv.bv_len);
			return -EIO;
		}
		for (off = 0; off < bv.bv_len; off += LSW_BLOCK_SIZE) {
			if (write)
				ret = lsw_store_wait(ld, slot, bv.bv_page,
						     bv.bv_offset + off, hint);
			else
				ret = lsw_read_block(ld, bio, slot, bv.bv_page,
						     bv.bv_offset + off);
			if (ret)
				return ret;
			slot++;
		}
	}
	return 0;
}

/* Discard and write-zeroes: free each slot; reads give zeros after. */
static int lsw_free_slots(struct lsw_dev *ld, u64 slot, u64 nr)
{
	u64 i;

	for (i = 0; i < nr; i++) {
		if (WARN_ON_ONCE(lsw_traced_discard(ld, slot + i)))
			return -EIO;
		if (!((i + 1) % LSW_RESCHED_SLOTS))
			cond_resched();
	}
	return 0;
}

static bool lsw_bio_ok(struct lsw_dev *ld, struct bio *bio)
{
	sector_t sector = bio->bi_iter.bi_sector;
	unsigned int size = bio->bi_iter.bi_size;

	if (!IS_ALIGNED(sector, LSW_SECTORS_PER_BLOCK) ||
	    !IS_ALIGNED(size, LSW_BLOCK_SIZE)) {
		pr_warn_ratelimited("%s: unaligned I/O: sector %llu, %u bytes\n",
				    ld->disk->disk_name,
				    (unsigned long long)sector, size);
		return false;
	}
	if ((sector >> LSW_SECTOR_SHIFT) + (size >> LSW_BLOCK_SHIFT) >
	    ld->nr_slots) {
		pr_warn_ratelimited("%s: I/O beyond the end: sector %llu, %u bytes\n",
				    ld->disk->disk_name,
				    (unsigned long long)sector, size);
		return false;
	}
	return true;
}

/*
 * Swapped on, the disk is held exclusively (swapon claims it) and the swap
 * layer owns every slot: a write that is not swap's (no REQ_SWAP: a raw
 * write through the page cache or O_DIRECT) or a discard would overwrite
 * or free a swapped-out page.  Refuse them with -EBUSY.  Reads change
 * nothing and are served.  Swap on logswap frees its slots through
 * swap_slot_free_notify, so it needs no discard (swapon --discard gets
 * the refusal for its own discards).
 */
static bool lsw_write_refused(struct lsw_dev *ld, struct bio *bio)
{
	if (bio_op(bio) == REQ_OP_READ || !bio->bi_iter.bi_size ||
	    !READ_ONCE(ld->disk->part0->bd_holder))
		return false;
	if (bio_op(bio) == REQ_OP_WRITE && (bio->bi_opf & REQ_SWAP))
		return false;
	pr_warn_ratelimited("%s: %s of %u bytes at sector %llu refused: the device is held exclusively (swapped on), and swap owns its slots\n",
			    ld->disk->disk_name, blk_op_str(bio_op(bio)),
			    bio->bi_iter.bi_size,
			    (unsigned long long)bio->bi_iter.bi_sector);
	return true;
}

static int lsw_handle_bio(struct lsw_dev *ld, struct bio *bio)
{
	enum req_op op = bio_op(bio);
	int ret;

	if (lsw_write_refused(ld, bio))
		return -EBUSY;

	if (bio->bi_opf & REQ_PREFLUSH) {
		ret = lsw_flush_sync(ld);
		if (ret)
			return ret;
	}
	if (!bio->bi_iter.bi_size)
		return 0;	/* an empty flush */
	if (!lsw_bio_ok(ld, bio))
		return -EIO;

	switch (op) {
	case REQ_OP_READ:
		return lsw_rw(ld, bio, false);
	case REQ_OP_WRITE:
		ret = lsw_rw(ld, bio, true);
		if (!ret && (bio->bi_opf & REQ_FUA))
			ret = lsw_flush_sync(ld);
		return ret;
	case REQ_OP_DISCARD:
	case REQ_OP_WRITE_ZEROES:
		return lsw_free_slots(ld,
				      bio->bi_iter.bi_sector >> LSW_SECTOR_SHIFT,
				      bio->bi_iter.bi_size >> LSW_BLOCK_SHIFT);
	default:
		return -EOPNOTSUPP;
	}
}

void lsw_submit_bio(struct bio *bio)
{
	struct lsw_dev *ld = bio->bi_bdev->bd_disk->private_data;
	unsigned long start;
	int ret;

	/*
	 * A bio-based driver gets bios as the submitter built them: cut one
	 * above the queue limits (a multi-page bvec of a huge page makes a
	 * large O_DIRECT bio) into pieces that respect them.
	 */
	bio = bio_split_to_limits(bio);
	if (!bio)
		return;

	/* inflight is 0 only after teardown dropped its bias. */
	if (!lsw_ready(ld) || !atomic_inc_not_zero(&ld->inflight)) {
		/* An empty flush (fsync): nothing buffered, nothing to do. */
		if (!bio->bi_iter.bi_size && op_is_flush(bio->bi_opf)) {
			bio_endio(bio);
			return;
		}
		pr_warn_ratelimited("%s: I/O to a device without disksize\n",
				    ld->disk->disk_name);
		bio_io_error(bio);
		return;
	}
	/*
	 * I/O statistics (/sys/block/logswapN/stat): counts and sectors are
	 * exact; the time of a read with PHYS children is its submission.
	 */
	start = bio_start_io_acct(bio);
	ret = lsw_handle_bio(ld, bio);
	if (ret)
		bio->bi_status = errno_to_blk_status(ret);
	bio_end_io_acct(bio, start);
	bio_endio(bio);		/* children, if any, hold their own count */
	lsw_put_inflight(ld);
}

/*
 * A swap slot was freed.  Called under the swap device's spinlock: no
 * sleeping; lsw_discard takes only the engine's spinlock.  The disk is
 * open (swapped on), so the engine cannot be torn down meanwhile.
 */
void lsw_slot_free_notify(struct block_device *bdev, unsigned long offset)
{
	struct lsw_dev *ld = bdev->bd_disk->private_data;
	u64 first;
	u32 i, nr;

	if (!lsw_ready(ld))
		return;
	/* @offset counts pages: each is PAGE_SIZE / 4 KiB slots. */
	nr = lsw_swap_page_blocks(offset, PAGE_SHIFT, &first);
	if (WARN_ON_ONCE(first + nr > ld->nr_slots))
		return;
	for (i = 0; i < nr; i++)
		lsw_traced_discard_atomic(ld, first + i);
}

int lsw_io_init(struct lsw_dev *ld)
{
	int ret;

	ret = bioset_init(&ld->read_bs, BIO_POOL_SIZE,
			  offsetof(struct lsw_read_ctx, bio),
			  BIOSET_NEED_BVECS | BIOSET_NEED_RESCUER);
	if (ret)
		return ret;
	ret = bioset_init(&ld->io_bs, BIO_POOL_SIZE, 0, BIOSET_NEED_BVECS);
	if (ret) {
		bioset_exit(&ld->read_bs);
		return ret;
	}
	atomic_set(&ld->inflight, 1);	/* bias, dropped by lsw_io_drain */
	return 0;
}

/* Wait for every bio and child read in flight; no new one gets in. */
void lsw_io_drain(struct lsw_dev *ld)
{
	if (!atomic_dec_and_test(&ld->inflight))
		wait_event(ld->wait, !atomic_read(&ld->inflight));
}

void lsw_io_exit(struct lsw_dev *ld)
{
	bioset_exit(&ld->io_bs);
	bioset_exit(&ld->read_bs);
}
