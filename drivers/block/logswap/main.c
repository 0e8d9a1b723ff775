// SPDX-License-Identifier: GPL-2.0
/*
 * logswap: a flash-friendly, log-structured swap block device.
 *
 * This file: module init/exit, the logswap-control class (hot_add,
 * hot_remove), the gendisk of each device and its lifecycle: initialise
 * (disksize), tear down (reset, remove).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stringify.h>

#include "lsw_dev.h"
#include "lsw_vswap.h"

static int lsw_major;
static DEFINE_IDR(lsw_index_idr);
/* Guards lsw_index_idr and device add/remove: the outermost lock. */
static DEFINE_MUTEX(lsw_index_mutex);

static unsigned int num_devices = 1;
module_param(num_devices, uint, 0444);
MODULE_PARM_DESC(num_devices, "Number of logswap devices created at load (0-"
		 __stringify(LSW_MAX_DEVICES) ", default 1)");

void lsw_tunables_default(struct lsw_tunables *t)
{
	/* The geometry-independent defaults of the engine. */
	struct lsw_geometry geo = {
		.nr_eus = 64, .eu_stride = 1024, .eu_blocks = 1024,
	};
	struct lsw_config cfg;

	lsw_default_config(&geo, &cfg);
	memset(t, 0, sizeof(*t));
	t->nr_buffers = cfg.nr_buffers;
	t->gc_policy = cfg.gc_policy;
	t->gc_low = cfg.gc_low;
	t->gc_high = cfg.gc_high;
	t->wl_threshold = cfg.wl_threshold;
}

int lsw_backing_probe(struct block_device *bdev, struct lsw_backing_info *bk)
{
	if (bdev->bd_disk->fops == &lsw_fops) {
		pr_warn("%pg: a logswap device cannot back another\n", bdev);
		return -EINVAL;
	}
	if (bdev_logical_block_size(bdev) > LSW_BLOCK_SIZE) {
		pr_warn("%pg: logical block size %u above %u\n", bdev,
			bdev_logical_block_size(bdev), LSW_BLOCK_SIZE);
		return -EINVAL;
	}
	if (bdev_is_zoned(bdev))
		return lsw_zoned_probe(bdev, bk);
	return lsw_conv_probe(bdev, bk);
}

/* Geometry and configuration from the probed device and the tunables. */
static int lsw_build_config(struct lsw_dev *ld,
			    const struct lsw_backing_info *bk,
			    struct lsw_geometry *geo, struct lsw_config *cfg)
{
	const struct lsw_tunables *t = &ld->tun;
	int ret;

	if (bk->kind == LSW_BACKEND_ZONED) {
		if (t->eu_bytes) {
			pr_warn("%s: erase_unit is for conventional devices; a zone is the erase unit of %pg\n",
				ld->disk->disk_name, ld->bdev);
			return -EINVAL;
		}
		ret = lsw_zoned_geometry(bk, t->seg_bytes, geo);
	} else {
		ret = lsw_conv_geometry(bk, t->eu_bytes, geo);
	}
	if (ret)
		return ret;
	ret = lsw_check_geometry(geo);
	if (ret)
		return ret;

	lsw_default_config(geo, cfg);
	if (t->seg_bytes)
		cfg->seg_blocks = t->seg_bytes >> LSW_BLOCK_SHIFT;
	cfg->nr_buffers = t->nr_buffers;
	cfg->gc_policy = t->gc_policy;
	cfg->gc_low = t->gc_low;
	cfg->gc_high = t->gc_high;
	cfg->wl_threshold = t->wl_threshold;
	return 0;
}

/**
 * lsw_dev_init - initialise a device (disksize store)
 * @ld: the device
 * @nr_slots: logical size in 4 KiB slots; 0 for the largest
 *
 * Opens the backing device exclusively, builds the geometry, checks it and
 * the tunables, builds the engine and sets the capacity.  On error nothing
 * is left changed.
 */
int lsw_dev_init(struct lsw_dev *ld, u64 nr_slots)
{
	const char *name = ld->disk->disk_name;
	const struct lsw_map_ops *mops;
	struct lsw_backing_info bk;
	struct lsw_geometry geo;
	struct lsw_config cfg;
	struct block_device *bdev;
	void *marg;
	u64 max;
	int ret;

	lockdep_assert_held_write(&ld->init_lock);
	if (ld->initialised) {
		pr_warn("%s: already initialised; write 1 to reset first\n",
			name);
		return -EBUSY;
	}
	if (!ld->tun.backing_path[0]) {
		pr_warn("%s: set backing_dev before disksize\n", name);
		return -EINVAL;
	}
	bdev = lsw_bdev_open(ld->tun.backing_path, 0, ld, &ld->bdev_handle);
	if (IS_ERR(bdev)) {
		ret = PTR_ERR(bdev);
		pr_warn("%s: cannot open %s exclusively (%d)\n", name,
			ld->tun.backing_path, ret);
		if (ret == -ENOENT || ret == -ENXIO || ret == -ENOTBLK)
			ret = -ENODEV;
		return ret;
	}
	ld->bdev = bdev;	/* for messages; cleared on error */

	ret = lsw_backing_probe(bdev, &bk);
	if (ret)
		goto err_put;
	ret = lsw_build_config(ld, &bk, &geo, &cfg);
	if (ret)
		goto err_put;
	/* Tunables first (cfg.nr_slots is 0 here), then the size. */
	ret = lsw_check_config(&geo, &cfg);
	if (ret)
		goto err_put;
	max = lsw_max_slots(&geo, &cfg);
	if (!nr_slots)
		nr_slots = max;
	if (nr_slots > max) {
		pr_warn("%s: disksize of %llu KiB exceeds the %llu KiB %pg can hold\n",
			name, nr_slots << (LSW_BLOCK_SHIFT - 10),
			max << (LSW_BLOCK_SHIFT - 10), bdev);
		ret = -EINVAL;
		goto err_put;
	}
	cfg.nr_slots = nr_slots;

	ld->kind = bk.kind;
	ld->geo = geo;
	ld->cfg = cfg;
	ld->nr_slots = nr_slots;
	ld->nr_blocks = (u64)geo.nr_eus * geo.eu_stride;

	ret = lsw_io_init(ld);
	if (ret)
		goto err_put;
	ret = lsw_seg_io_init(ld);
	if (ret)
		goto err_io;
	ret = lsw_workers_init(ld);
	if (ret)
		goto err_seg;
	if (bk.kind == LSW_BACKEND_ZONED) {
		ret = lsw_zoned_prepare(ld);
		if (ret)
			goto err_workers;
	}
	/* vswap mode (mm-patches/ kernels): the kernel's table is the map. */
	mops = lsw_vswap_register(ld, &marg);
	/*
	 * write_depth 1: synchronous segment writes (ops->write); more:
	 * asynchronous ones, zone appends where they fit.
	 */
	ld->ops = bk.kind == LSW_BACKEND_ZONED ? lsw_zoned_ops : lsw_conv_ops;
	if (ld->write_depth == 1)
		ld->ops.submit = NULL;
	geo.zone_append = ld->ops.submit &&
			  lsw_zone_append_fits(ld, cfg.seg_blocks, NULL);
	ret = lsw_engine_init_map(&ld->eng, &geo, &cfg, &ld->ops, ld, mops,
				  marg);
	/*
	 * A zone append goes as one bio: a buffer whose pages make more
	 * physical segments than the device takes cannot be one.  Build the
	 * engine again with ordered writes then (nothing was written yet).
	 */
	if (!ret && geo.zone_append &&
	    !lsw_zone_append_fits(ld, cfg.seg_blocks, &ld->eng)) {
		pr_info("%s: segment buffers too scattered for one zone append to %pg; ordered writes\n",
			name, bdev);
		lsw_engine_destroy(&ld->eng);
		geo.zone_append = false;
		ret = lsw_engine_init_map(&ld->eng, &geo, &cfg, &ld->ops, ld,
					  mops, marg);
	}
	if (ret) {
		pr_warn("%s: engine init failed (%d)\n", name, ret);
		lsw_vswap_unregister(ld);
		goto err_workers;
	}
	ld->geo.zone_append = geo.zone_append;

	/* A hint only: a failure to commit it changes nothing else. */
	lsw_set_io_hints(ld->disk, cfg.seg_blocks << LSW_BLOCK_SHIFT,
			 cfg.seg_blocks << LSW_BLOCK_SHIFT);
	/* Publish the engine: pairs with smp_load_acquire in lsw_ready(). */
	smp_store_release(&ld->initialised, true);
	/* vswap mode (mm-patches/ kernels): swap I/O by entry, no bios. */
	if (lsw_vswap_attach(ld))
		pr_warn("%s: not a vswap backend, swap goes through bios\n", name);
	set_capacity_and_notify(ld->disk, nr_slots * LSW_SECTORS_PER_BLOCK);
	pr_info("%s: %llu MiB on %pg (%s%s): %u EUs of %u KiB (stride %u KiB), segment %u KiB, %u buffers\n",
		name, nr_slots >> (20 - LSW_BLOCK_SHIFT), bdev,
		geo.zoned ? "zoned" : "conventional",
		geo.zone_append ? ", zone append" : "", geo.nr_eus,
		geo.eu_blocks << (LSW_BLOCK_SHIFT - 10),
		geo.eu_stride << (LSW_BLOCK_SHIFT - 10),
		cfg.seg_blocks << (LSW_BLOCK_SHIFT - 10), cfg.nr_buffers);
	return 0;

err_workers:
	lsw_workers_stop(ld);
err_seg:
	lsw_seg_io_exit(ld);
err_io:
	lsw_io_exit(ld);
err_put:
	lsw_bdev_close(ld->bdev_handle, ld);
	ld->bdev = NULL;
	ld->bdev_handle = NULL;
	ld->nr_slots = 0;
	return ret;
}

/**
 * lsw_dev_teardown - undo lsw_dev_init (reset, remove)
 * @ld: the device, claimed (no opener, no new open)
 */
void lsw_dev_teardown(struct lsw_dev *ld)
{
	lockdep_assert_held_write(&ld->init_lock);
	if (!ld->initialised)
		return;
	lsw_vswap_detach(ld);
	set_capacity_and_notify(ld->disk, 0);
	WRITE_ONCE(ld->initialised, false);
	/* Read completions and retries still running hold the engine. */
	lsw_io_drain(ld);
	lsw_workers_stop(ld);
	/* The segment writes the last flushes submitted. */
	lsw_seg_drain(ld);
	lsw_seg_io_exit(ld);
	lsw_trace_stop(ld);	/* the end counters, before the engine goes */
	lsw_engine_destroy(&ld->eng);
	lsw_vswap_unregister(ld);	/* frees the table, the engine's map */
	lsw_io_exit(ld);
	lsw_bdev_close(ld->bdev_handle, ld);
	ld->bdev = NULL;
	ld->bdev_handle = NULL;
	ld->nr_slots = 0;
	ld->nr_blocks = 0;
	ld->kind = LSW_BACKEND_NONE;
	ld->flush_err = 0;
	lsw_set_io_hints(ld->disk, LSW_BLOCK_SIZE, LSW_BLOCK_SIZE);
	pr_info("%s: reset\n", ld->disk->disk_name);
}

/*
 * Bar new opens for a reset or a removal: -EBUSY while the disk is open
 * (swapped on, mounted, held by a program) or already claimed.
 */
int lsw_dev_claim(struct lsw_dev *ld)
{
	struct gendisk *disk = ld->disk;
	int ret = 0;

	mutex_lock(&disk->open_mutex);
	if (disk_openers(disk) || ld->claim)
		ret = -EBUSY;
	else
		ld->claim = true;
	mutex_unlock(&disk->open_mutex);
	return ret;
}

void lsw_dev_unclaim(struct lsw_dev *ld)
{
	mutex_lock(&ld->disk->open_mutex);
	ld->claim = ld->removing;	/* a removal keeps the disk barred */
	mutex_unlock(&ld->disk->open_mutex);
}

static int lsw_open_disk(struct gendisk *disk)
{
	struct lsw_dev *ld = disk->private_data;

	lockdep_assert_held(&disk->open_mutex);
	/* A reset or removal is under way. */
	return ld->claim ? -EBUSY : 0;
}

LSW_DEFINE_OPEN(lsw_open, lsw_open_disk)

/*
 * Bio-based (->submit_bio), not blk-mq: the device is a remapper like zram
 * and dm.  Each 4 KiB page is copied into a RAM segment buffer or resolved
 * to a block of the backing device, which has its own queue; request
 * merging, an I/O scheduler and a tag set would buy nothing here and only
 * add a context switch.  .owner makes the block layer hold a module
 * reference while the disk is open, so rmmod fails while swapped on.
 */
const struct block_device_operations lsw_fops = {
	.owner = THIS_MODULE,
	.submit_bio = lsw_submit_bio,
	.open = lsw_open,
	.swap_slot_free_notify = lsw_slot_free_notify,
};

static const struct lsw_limits lsw_disk_limits = {
	.block_size = LSW_BLOCK_SIZE,
	.max_hw_sectors = LSW_MAX_HW_SECTORS,
	.max_discard_sectors = LSW_MAX_DISCARD_SECTORS,
	.discard_granularity = LSW_BLOCK_SIZE,
};

/* Create a device; its id, or -errno. */
static int lsw_add(void)
{
	struct lsw_dev *ld;
	struct gendisk *disk;
	int ret;

	lockdep_assert_held(&lsw_index_mutex);
	ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	if (!ld)
		return -ENOMEM;
	ret = idr_alloc(&lsw_index_idr, ld, 0, LSW_MAX_DEVICES, GFP_KERNEL);
	if (ret < 0) {
		if (ret == -ENOSPC)
			pr_warn("no more than %d devices\n", LSW_MAX_DEVICES);
		goto err_free;
	}
	ld->id = ret;
	init_rwsem(&ld->init_lock);
	init_waitqueue_head(&ld->wait);
	init_waitqueue_head(&ld->seg_wait);
	ld->write_depth = LSW_WRITE_DEPTH_DEFAULT;
	spin_lock_init(&ld->work_lock);
	atomic_set(&ld->inflight, 0);
	lsw_tunables_default(&ld->tun);
	lsw_trace_init(ld);

	disk = lsw_alloc_disk(&lsw_disk_limits);
	if (IS_ERR(disk)) {
		ret = PTR_ERR(disk);
		goto err_idr;
	}
	ld->disk = disk;
	disk->major = lsw_major;
	disk->first_minor = ld->id;
	disk->minors = 1;
	disk->flags |= GENHD_FL_NO_PART;
	disk->fops = &lsw_fops;
	disk->private_data = ld;
	snprintf(disk->disk_name, DISK_NAME_LEN, LSW_NAME "%d", ld->id);
	set_capacity(disk, 0);

	ret = device_add_disk(NULL, disk, lsw_disk_groups);
	if (ret)
		goto err_disk;
	lsw_debugfs_add(ld);
	pr_info("added %s\n", disk->disk_name);
	return ld->id;

err_disk:
	put_disk(disk);
err_idr:
	idr_remove(&lsw_index_idr, ld->id);
err_free:
	kfree(ld);
	return ret;
}

/* Remove a device: -EBUSY while it is open. */
static int lsw_remove(struct lsw_dev *ld)
{
	struct gendisk *disk = ld->disk;
	bool claimed;

	lockdep_assert_held(&lsw_index_mutex);
	mutex_lock(&disk->open_mutex);
	if (disk_openers(disk)) {
		mutex_unlock(&disk->open_mutex);
		return -EBUSY;
	}
	/* A reset in progress holds the claim; del_gendisk waits for it. */
	claimed = ld->claim;
	ld->claim = true;
	ld->removing = true;
	mutex_unlock(&disk->open_mutex);

	lsw_debugfs_remove(ld);
	if (!claimed) {
		sync_blockdev(disk->part0);
		down_write(&ld->init_lock);
		lsw_dev_teardown(ld);
		up_write(&ld->init_lock);
	}
	pr_info("removed %s\n", disk->disk_name);
	del_gendisk(disk);
	/* A disksize store may have run before del_gendisk drained sysfs. */
	down_write(&ld->init_lock);
	lsw_dev_teardown(ld);
	up_write(&ld->init_lock);

	idr_remove(&lsw_index_idr, ld->id);
	put_disk(disk);
	lsw_trace_exit(ld);
	kfree(ld);
	return 0;
}

static ssize_t hot_add_show(lsw_class_t *class, lsw_class_attr_t *attr,
			    char *buf)
{
	int ret;

	mutex_lock(&lsw_index_mutex);
	ret = lsw_add();
	mutex_unlock(&lsw_index_mutex);
	if (ret < 0)
		return ret;
	return sysfs_emit(buf, "%d\n", ret);
}

/* Reading creates a device: root only, like zram's. */
static struct class_attribute class_attr_hot_add =
	__ATTR(hot_add, 0400, hot_add_show, NULL);

static ssize_t hot_remove_store(lsw_class_t *class, lsw_class_attr_t *attr,
				const char *buf, size_t count)
{
	struct lsw_dev *ld;
	int ret, id;

	/* count: a cut-off head of a long write ("000...0") is no id. */
	ret = count > 16 ? -EINVAL : kstrtoint(buf, 10, &id);
	if (ret || id < 0) {
		pr_warn("hot_remove: not a device id\n");
		return -EINVAL;
	}
	mutex_lock(&lsw_index_mutex);
	ld = idr_find(&lsw_index_idr, id);
	if (!ld) {
		pr_warn("hot_remove: no device %d\n", id);
		ret = -ENODEV;
	} else {
		ret = lsw_remove(ld);
		if (ret)
			pr_warn("hot_remove: " LSW_NAME "%d is open\n", id);
	}
	mutex_unlock(&lsw_index_mutex);
	return ret ? ret : count;
}
static CLASS_ATTR_WO(hot_remove);

static struct attribute *lsw_control_class_attrs[] = {
	&class_attr_hot_add.attr,
	&class_attr_hot_remove.attr,
	NULL,
};
ATTRIBUTE_GROUPS(lsw_control_class);

static struct class lsw_control_class = {
	.name = LSW_NAME "-control",
	LSW_CLASS_OWNER
	.class_groups = lsw_control_class_groups,
};

/* Unload: no device can be open, the block layer holds the module. */
static void lsw_remove_all(void)
{
	struct lsw_dev *ld;
	int id;

	mutex_lock(&lsw_index_mutex);
	/* Not idr_for_each: lsw_remove takes the entry out of the idr. */
	for (id = 0; (ld = idr_get_next(&lsw_index_idr, &id)); id++)
		WARN_ON_ONCE(lsw_remove(ld));
	mutex_unlock(&lsw_index_mutex);
}

static int __init lsw_init(void)
{
	unsigned int i;
	int ret;

	if (num_devices > LSW_MAX_DEVICES) {
		pr_err("num_devices %u: at most %d\n", num_devices,
		       LSW_MAX_DEVICES);
		return -EINVAL;
	}
	ret = class_register(&lsw_control_class);
	if (ret) {
		pr_err("cannot register the control class (%d)\n", ret);
		return ret;
	}
	lsw_major = register_blkdev(0, LSW_NAME);
	if (lsw_major <= 0) {
		pr_err("cannot register a block major\n");
		ret = -EBUSY;
		goto err_class;
	}
	lsw_debugfs_init();

	mutex_lock(&lsw_index_mutex);
	for (i = 0; i < num_devices; i++) {
		ret = lsw_add();
		if (ret < 0)
			break;
	}
	mutex_unlock(&lsw_index_mutex);
	if (ret < 0)
		goto err_devices;
	return 0;

err_devices:
	lsw_remove_all();
	idr_destroy(&lsw_index_idr);
	lsw_debugfs_exit();
	unregister_blkdev(lsw_major, LSW_NAME);
err_class:
	class_unregister(&lsw_control_class);
	return ret;
}

static void __exit lsw_exit(void)
{
	/* No more hot_add; devices cannot be open (module reference). */
	class_unregister(&lsw_control_class);
	lsw_remove_all();
	idr_destroy(&lsw_index_idr);
	lsw_debugfs_exit();
	unregister_blkdev(lsw_major, LSW_NAME);
}

module_init(lsw_init);
module_exit(lsw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Flash-friendly log-structured swap block device");
