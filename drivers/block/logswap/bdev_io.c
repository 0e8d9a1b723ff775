// SPDX-License-Identifier: GPL-2.0
/*
 * Backing-device I/O the engine asks for (struct lsw_backend_ops): segment
 * writes, GC reads and writes, summary reads, each through ld->io_bs.  The
 * host bio edge is host_bio.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "lsw_dev.h"

#define LSW_SECTOR_SHIFT	(LSW_BLOCK_SHIFT - SECTOR_SHIFT)

static struct page *lsw_kaddr_page(const void *p)
{
	return is_vmalloc_addr(p) ? vmalloc_to_page(p) : virt_to_page(p);
}

static struct bio *lsw_io_bio(struct lsw_dev *ld, blk_opf_t opf,
			      sector_t sector, size_t left)
{
	unsigned int nr = min_t(size_t, DIV_ROUND_UP(left, PAGE_SIZE) + 1,
				BIO_MAX_VECS);
	struct bio *bio;

	bio = bio_alloc_bioset(ld->bdev, nr, opf, GFP_NOIO, &ld->io_bs);
	bio->bi_iter.bi_sector = sector;
	return bio;
}

/*
 * Read or write @nr_blocks at @block of the backing device to or from
 * @buf (kmalloc or vmalloc memory), in bios chained as needed, and wait.
 * Called by the engine from the flush and GC workers only.
 */
static int lsw_bdev_rw(struct lsw_dev *ld, blk_opf_t opf, u64 block,
		       void *buf, u32 nr_blocks)
{
	size_t total = (size_t)nr_blocks << LSW_BLOCK_SHIFT, left = total;
	bool vmap = is_vmalloc_addr(buf);
	struct bio *bio, *prev;
	u8 *p = buf;
	int ret;

	might_sleep();
	if (WARN_ON_ONCE(!nr_blocks || block + nr_blocks > ld->nr_blocks))
		return -EIO;
	if (vmap && op_is_write(opf))
		flush_kernel_vmap_range(buf, total);

	bio = lsw_io_bio(ld, opf, block << LSW_SECTOR_SHIFT, left);
	while (left) {
		unsigned int off = offset_in_page(p);
		unsigned int len = min_t(size_t, PAGE_SIZE - off, left);

		if (bio_add_page(bio, lsw_kaddr_page(p), len, off) == len) {
			p += len;
			left -= len;
			continue;
		}
		if (WARN_ON_ONCE(!bio->bi_vcnt)) {
			bio_put(bio);
			return -EIO;
		}
		/* Full: chain it under a fresh bio that goes on from here. */
		prev = bio;
		bio = lsw_io_bio(ld, opf, bio_end_sector(prev), left);
		bio_chain(prev, bio);
		submit_bio(prev);
	}
	ret = submit_bio_wait(bio);
	bio_put(bio);
	if (ret)
		lsw_trace_io_error(ld, op_is_write(opf), block, nr_blocks, ret);
	if (vmap && !op_is_write(opf))
		invalidate_kernel_vmap_range(buf, total);
	return ret;
}

int lsw_bdev_write(void *priv, u64 block, const void *buf, u32 nr_blocks)
{
	return lsw_bdev_rw(priv, REQ_OP_WRITE | REQ_SYNC, block, (void *)buf,
			   nr_blocks);
}

int lsw_bdev_read(void *priv, u64 block, void *buf, u32 nr_blocks)
{
	return lsw_bdev_rw(priv, REQ_OP_READ | REQ_SYNC, block, buf,
			   nr_blocks);
}

/*
 * Asynchronous HOT segment writes (lsw_backend_ops.submit).
 *
 * The flush worker submits, under the engine's HOT flush_lock, so there
 * is one submitter at a time; it waits while write_depth segments are in
 * flight (@seg_inflight, ld->seg_wait).  A segment is one bio (a zone
 * append must be: the device places it whole) or, for ordered writes of
 * more than BIO_MAX_VECS pages, a chain.  Bios come from ld->io_bs, the
 * per-segment context is the preallocated ld->seg_ctx[buffer id]: no
 * other allocation in the write path.  bio completion runs in interrupt
 * context and lsw_seg_complete() needs process context (e->lock is not
 * irq-safe, and it may call ops->finish), so it punts to ld->seg_wq.
 *
 * With a trace on (trace.c), each segment is waited for before the flush
 * goes on, so the engine sees the completions in the order a synchronous
 * backend gives them and the replay stays exact.
 */
static void lsw_seg_workfn(struct work_struct *work)
{
	struct lsw_seg_ctx *ctx = container_of(work, struct lsw_seg_ctx, work);
	struct lsw_dev *ld = ctx->ld;
	struct lsw_seg_io *io = ctx->io;
	unsigned int noio = memalloc_noio_save();
	u64 block = io->block;
	int err = ctx->err;

	if (io->append && !err)
		block = ctx->sector >> LSW_SECTOR_SHIFT;
	if (err) {
		atomic64_inc(&ld->seg_errors);
		lsw_trace_io_error(ld, true, io->block, io->nr_blocks, err);
		pr_err_ratelimited("%s: segment write at block %llu failed (%d); rewritten elsewhere\n",
				   ld->disk->disk_name, io->block, err);
	}
	/* After this the buffer, its io and this context may be reused. */
	lsw_seg_complete(&ld->eng, io, err, block);
	memalloc_noio_restore(noio);
	atomic64_inc(&ld->seg_done);
	atomic_dec(&ld->seg_inflight);
	wake_up_all(&ld->seg_wait);
}

static void lsw_seg_endio(struct bio *bio)
{
	struct lsw_seg_ctx *ctx = bio->bi_private;

	ctx->err = blk_status_to_errno(bio->bi_status);
	/* A zone append's completion holds the sector the device chose. */
	ctx->sector = bio->bi_iter.bi_sector;
	bio_put(bio);
	queue_work(ctx->ld->seg_wq, &ctx->work);
}

int lsw_bdev_submit(void *priv, struct lsw_seg_io *io)
{
	struct lsw_dev *ld = priv;
	size_t left = (size_t)io->nr_blocks << LSW_BLOCK_SHIFT;
	blk_opf_t opf = (io->append ? REQ_OP_ZONE_APPEND : REQ_OP_WRITE) |
			REQ_SYNC;
	u8 *p = (u8 *)io->data;
	struct lsw_seg_ctx *ctx;
	struct bio *bio, *prev;
	u32 id = io->buf->id;
	int depth;

	might_sleep();
	if (WARN_ON_ONCE(id >= ld->cfg.nr_buffers || !io->nr_blocks ||
			 io->block + io->nr_blocks > ld->nr_blocks))
		return -EIO;
	ctx = &ld->seg_ctx[id];
	ctx->io = io;
	ctx->err = 0;

	/* Depth: the only submitter waits for room (flush_lock held). */
	wait_event(ld->seg_wait, atomic_read(&ld->seg_inflight) <
				 READ_ONCE(ld->write_depth));
	depth = atomic_inc_return(&ld->seg_inflight);
	if (depth > atomic_read(&ld->seg_inflight_max))
		atomic_set(&ld->seg_inflight_max, depth);

	if (is_vmalloc_addr(p))
		flush_kernel_vmap_range(p, left);
	bio = lsw_io_bio(ld, opf, io->block << LSW_SECTOR_SHIFT, left);
	while (left) {
		unsigned int off = offset_in_page(p);
		unsigned int len = min_t(size_t, PAGE_SIZE - off, left);

		if (bio_add_page(bio, lsw_kaddr_page(p), len, off) == len) {
			p += len;
			left -= len;
			continue;
		}
		/* An append is one bio: lsw_zone_append_fits() checked. */
		if (WARN_ON_ONCE(io->append || !bio->bi_vcnt)) {
			bio_put(bio);
			atomic_dec(&ld->seg_inflight);
			wake_up_all(&ld->seg_wait);
			return -EIO;
		}
		prev = bio;
		bio = lsw_io_bio(ld, opf, bio_end_sector(prev), left);
		bio_chain(prev, bio);
		submit_bio(prev);
	}
	bio->bi_private = ctx;
	bio->bi_end_io = lsw_seg_endio;
	atomic64_inc(&ld->seg_submitted);
	if (io->append)
		atomic64_inc(&ld->zone_appends);
	submit_bio(bio);

	if (READ_ONCE(ld->trace.on))
		wait_event(ld->seg_wait, !atomic_read(&ld->seg_inflight));
	return 0;
}

/* Wait for every segment write in flight and its completion. */
void lsw_seg_drain(struct lsw_dev *ld)
{
	wait_event(ld->seg_wait, !atomic_read(&ld->seg_inflight));
	flush_workqueue(ld->seg_wq);
}

/*
 * Physical segments a bio of @nr_blocks from @buf makes: contiguous runs
 * of pages, each cut at the queue's largest segment.
 */
static u32 lsw_buf_phys_segs(struct lsw_dev *ld, const u8 *buf, u32 nr_blocks)
{
	unsigned int max_seg = queue_max_segment_size(bdev_get_queue(ld->bdev));
	size_t len = (size_t)nr_blocks << LSW_BLOCK_SHIFT, run = 0, i;
	unsigned long prev = 0;
	u32 segs = 0;

	for (i = 0; i < len; i += PAGE_SIZE) {
		unsigned long pfn = page_to_pfn(lsw_kaddr_page(buf + i));

		if (run && pfn == prev + 1) {
			run += PAGE_SIZE;
		} else {
			if (run)
				segs += DIV_ROUND_UP(run, max_seg);
			run = PAGE_SIZE;
		}
		prev = pfn;
	}
	return segs + DIV_ROUND_UP(run, max_seg);
}

/*
 * Zone append needs the device's support (a non-zero append limit) and a
 * segment the device takes whole: within that limit and, for every HOT
 * buffer as allocated, within its segment count.  @bufs NULL: the first
 * test only, before the engine exists.
 */
bool lsw_zone_append_fits(struct lsw_dev *ld, u32 seg_blocks,
			  const struct lsw_engine *e)
{
	struct block_device *bdev = ld->bdev;
	u32 i;

	if (!bdev_is_zoned(bdev) || !bdev_max_zone_append_sectors(bdev) ||
	    (u64)seg_blocks << LSW_SECTOR_SHIFT >
	    bdev_max_zone_append_sectors(bdev) || seg_blocks > BIO_MAX_VECS)
		return false;
	if (!e)
		return true;
	for (i = 0; i < e->cfg.nr_buffers; i++)
		if (lsw_buf_phys_segs(ld, e->bufs[i].data, seg_blocks) >
		    bdev_max_segments(bdev))
			return false;
	return true;
}

int lsw_seg_io_init(struct lsw_dev *ld)
{
	u32 i;

	ld->seg_ctx = kcalloc(ld->cfg.nr_buffers, sizeof(*ld->seg_ctx),
			      GFP_KERNEL);
	if (!ld->seg_ctx)
		return -ENOMEM;
	ld->seg_wq = alloc_workqueue("%s_seg", WQ_MEM_RECLAIM | WQ_UNBOUND, 0,
				     ld->disk->disk_name);
	if (!ld->seg_wq) {
		kfree(ld->seg_ctx);
		ld->seg_ctx = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < ld->cfg.nr_buffers; i++) {
		ld->seg_ctx[i].ld = ld;
		INIT_WORK(&ld->seg_ctx[i].work, lsw_seg_workfn);
	}
	atomic_set(&ld->seg_inflight, 0);
	atomic_set(&ld->seg_inflight_max, 0);
	atomic64_set(&ld->seg_submitted, 0);
	atomic64_set(&ld->seg_done, 0);
	atomic64_set(&ld->seg_errors, 0);
	atomic64_set(&ld->zone_appends, 0);
	return 0;
}

void lsw_seg_io_exit(struct lsw_dev *ld)
{
	if (ld->seg_wq)
		destroy_workqueue(ld->seg_wq);
	ld->seg_wq = NULL;
	kfree(ld->seg_ctx);
	ld->seg_ctx = NULL;
}
