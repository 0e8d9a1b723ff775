/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block-layer API differences between the kernels logswap supports
 * (6.1, 6.12 and 7.2; tools/kernels/pins).  Every version test of the
 * driver is in this file: each wrapper names the kernel that changed the
 * interface it hides, and the rest of the driver calls only the wrappers.
 */
#ifndef _LSW_COMPAT_H
#define _LSW_COMPAT_H

#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/version.h>

/*
 * Largest bio the driver takes (1280 KiB, 6.1's BLK_DEF_MAX_SECTORS; 6.9
 * renamed that constant), and the largest discard or write-zeroes: a
 * discard frees its slots one by one inside ->submit_bio, so bound it.
 */
#define LSW_MAX_HW_SECTORS	2560u
#define LSW_MAX_DISCARD_SECTORS	(SZ_1G >> SECTOR_SHIFT)

/* The queue limits a logswap disk is created with (lsw_alloc_disk). */
struct lsw_limits {
	unsigned int block_size;	/* logical = physical = io_min/opt */
	unsigned int max_hw_sectors;
	unsigned int max_discard_sectors;
	unsigned int discard_granularity;
};

/*
 * Opening the backing device exclusively.  6.5 replaced fmode_t by
 * blk_mode_t and made the holder the key of blkdev_put(); 6.9 returns an
 * open struct file (bdev_file_open_by_path), and 6.10 added bdev_fput()
 * to give the claim up at once instead of at the final fput.
 * @handle is what lsw_bdev_close() needs.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
static inline struct block_device *lsw_bdev_open(const char *path,
						 dev_t devt, void *holder,
						 void **handle)
{
	struct file *f;

	f = path ? bdev_file_open_by_path(path, BLK_OPEN_READ | BLK_OPEN_WRITE,
					  holder, NULL) :
		   bdev_file_open_by_dev(devt, BLK_OPEN_READ | BLK_OPEN_WRITE,
					 holder, NULL);
	if (IS_ERR(f))
		return ERR_CAST(f);
	*handle = f;
	return file_bdev(f);
}

static inline void lsw_bdev_close(void *handle, void *holder)
{
	bdev_fput(handle);
}
#else
#define LSW_BDEV_MODE	(FMODE_READ | FMODE_WRITE | FMODE_EXCL)

static inline struct block_device *lsw_bdev_open(const char *path,
						 dev_t devt, void *holder,
						 void **handle)
{
	struct block_device *bdev;

	bdev = path ? blkdev_get_by_path(path, LSW_BDEV_MODE, holder) :
		      blkdev_get_by_dev(devt, LSW_BDEV_MODE, holder);
	if (!IS_ERR(bdev))
		*handle = bdev;
	return bdev;
}

static inline void lsw_bdev_close(void *handle, void *holder)
{
	blkdev_put(handle, LSW_BDEV_MODE);
}
#endif

/*
 * Zone management: 6.10 dropped the gfp_t argument of blkdev_zone_mgmt()
 * (it allocates with GFP_NOIO itself).
 */
static inline int lsw_zone_mgmt(struct block_device *bdev, enum req_op op,
				sector_t sector, sector_t nr_sectors)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	return blkdev_zone_mgmt(bdev, op, sector, nr_sectors);
#else
	return blkdev_zone_mgmt(bdev, op, sector, nr_sectors, GFP_NOIO);
#endif
}

/*
 * The gendisk and its limits.  6.9 passes queue_limits to blk_alloc_disk()
 * (which returns an ERR_PTR), 6.11 moved the queue flags (non-rotational,
 * entropy, write cache) into queue_limits.features, and 6.12 removed the
 * blk_queue_io_min/io_opt setters: later changes go through
 * queue_limits_start_update()/queue_limits_commit_update().  A
 * bio-based disk is non-rotational and adds no entropy by default since
 * 6.11; 6.1 needs the flags.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static inline struct gendisk *lsw_alloc_disk(const struct lsw_limits *l)
{
	struct queue_limits lim = {
		.logical_block_size = l->block_size,
		.physical_block_size = l->block_size,
		.io_min = l->block_size,
		.io_opt = l->block_size,
		/* Every bvec a whole, aligned block: no split page. */
		.dma_alignment = l->block_size - 1,
		.max_hw_sectors = l->max_hw_sectors,
		.discard_granularity = l->discard_granularity,
		.max_hw_discard_sectors = l->max_discard_sectors,
		.max_write_zeroes_sectors = l->max_discard_sectors,
		.features = BLK_FEAT_WRITE_CACHE | BLK_FEAT_FUA |
			    BLK_FEAT_IO_STAT,
	};

	return blk_alloc_disk(&lim, NUMA_NO_NODE);
}

static inline int lsw_set_io_hints(struct gendisk *disk, unsigned int min,
				   unsigned int opt)
{
	struct queue_limits lim = queue_limits_start_update(disk->queue);

	lim.io_min = min;
	lim.io_opt = opt;
	return queue_limits_commit_update(disk->queue, &lim);
}
#else
static inline struct gendisk *lsw_alloc_disk(const struct lsw_limits *l)
{
	struct request_queue *q;
	struct gendisk *disk;

	disk = blk_alloc_disk(NUMA_NO_NODE);
	if (!disk)
		return ERR_PTR(-ENOMEM);
	q = disk->queue;
	blk_queue_logical_block_size(q, l->block_size);
	blk_queue_physical_block_size(q, l->block_size);
	blk_queue_io_min(q, l->block_size);
	blk_queue_io_opt(q, l->block_size);
	blk_queue_dma_alignment(q, l->block_size - 1);
	blk_queue_max_hw_sectors(q, l->max_hw_sectors);
	q->limits.discard_granularity = l->discard_granularity;
	blk_queue_max_discard_sectors(q, l->max_discard_sectors);
	blk_queue_max_write_zeroes_sectors(q, l->max_discard_sectors);
	blk_queue_write_cache(q, true, true);
	blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	blk_queue_flag_set(QUEUE_FLAG_IO_STAT, q);
	blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, q);
	return disk;
}

static inline int lsw_set_io_hints(struct gendisk *disk, unsigned int min,
				   unsigned int opt)
{
	blk_queue_io_min(disk->queue, min);
	blk_queue_io_opt(disk->queue, opt);
	return 0;
}
#endif

/*
 * block_device_operations.open: 6.5 passes the gendisk and a blk_mode_t
 * instead of the block_device and an fmode_t.  LSW_DEFINE_OPEN(name, fn)
 * defines the ->open method @name calling int fn(struct gendisk *).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define LSW_DEFINE_OPEN(name, fn)					\
	static int name(struct gendisk *disk, blk_mode_t mode)		\
	{								\
		return fn(disk);					\
	}
#else
#define LSW_DEFINE_OPEN(name, fn)					\
	static int name(struct block_device *bdev, fmode_t mode)	\
	{								\
		return fn(bdev->bd_disk);				\
	}
#endif

/*
 * Class attributes: 6.4 made their callbacks take const pointers and
 * dropped struct class.owner.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define lsw_class_t		const struct class
#define lsw_class_attr_t	const struct class_attribute
#define LSW_CLASS_OWNER
#else
#define lsw_class_t		struct class
#define lsw_class_attr_t	struct class_attribute
#define LSW_CLASS_OWNER		.owner = THIS_MODULE,
#endif

#endif /* _LSW_COMPAT_H */
