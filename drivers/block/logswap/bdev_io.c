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
#include <linux/vmalloc.h>

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
