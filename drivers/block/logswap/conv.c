// SPDX-License-Identifier: GPL-2.0
/*
 * The conventional backend (eMMC, UFS, SSD, virtio, NVMe without zones):
 * an erase unit is erase_unit bytes of the device (default: its discard
 * granularity when that is at least 64 KiB, else 4 MiB), written
 * sequentially and erased with a discard when the device supports one, so
 * the device's FTL sees whole erase blocks written and whole ones freed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/log2.h>

#include "lsw_dev.h"

#define LSW_SECTOR_SHIFT	(LSW_BLOCK_SHIFT - SECTOR_SHIFT)

int lsw_conv_probe(struct block_device *bdev, struct lsw_backing_info *bk)
{
	memset(bk, 0, sizeof(*bk));
	bk->kind = LSW_BACKEND_CONV;
	bk->nr_sectors = bdev_nr_sectors(bdev);
	bk->discard = bdev_max_discard_sectors(bdev) > 0;
	if (bk->discard)
		bk->discard_gran = bdev_discard_granularity(bdev);
	if (bk->nr_sectors < ((u64)LSW_CONV_DEFAULT_EU >> SECTOR_SHIFT)) {
		pr_warn("%pg: %llu KiB is too small to back logswap\n", bdev,
			(unsigned long long)bk->nr_sectors >> 1);
		return -EINVAL;
	}
	return 0;
}

u32 lsw_conv_default_eu(const struct lsw_backing_info *bk)
{
	u32 gran = bk->discard_gran;

	if (gran >= LSW_CONV_MIN_GRAN_EU && gran <= LSW_EU_MAX_BYTES &&
	    is_power_of_2(gran))
		return gran;
	return LSW_CONV_DEFAULT_EU;
}

int lsw_conv_geometry(const struct lsw_backing_info *bk, u32 eu_bytes,
		      struct lsw_geometry *geo)
{
	u32 eu_blocks;
	u64 nr_eus;

	if (!eu_bytes)
		eu_bytes = lsw_conv_default_eu(bk);
	eu_blocks = eu_bytes >> LSW_BLOCK_SHIFT;
	/* Whole EUs only: a tail smaller than an EU stays unused. */
	nr_eus = div_u64(bk->nr_sectors >> LSW_SECTOR_SHIFT, eu_blocks);
	/* A map entry addresses 2 TiB: use that much of a larger device. */
	if (nr_eus * eu_blocks > LSW_MAX_BLOCKS) {
		nr_eus = div_u64(LSW_MAX_BLOCKS, eu_blocks);
		pr_info("%llu GiB of backing store: using the first %llu GiB, the most a device can map\n",
			(unsigned long long)bk->nr_sectors >> 21,
			(nr_eus * eu_blocks) >> (30 - LSW_BLOCK_SHIFT));
	}
	memset(geo, 0, sizeof(*geo));
	geo->nr_eus = nr_eus;
	geo->eu_stride = eu_blocks;
	geo->eu_blocks = eu_blocks;
	geo->zoned = false;
	return 0;
}

/* Erase: discard the EU when the device can; else nothing to do. */
static int lsw_conv_erase(void *priv, u32 eu)
{
	struct lsw_dev *ld = priv;
	sector_t start, nr;
	int ret;

	if (WARN_ON_ONCE(eu >= ld->geo.nr_eus))
		return -EIO;
	if (!bdev_max_discard_sectors(ld->bdev))
		return 0;
	start = ((sector_t)eu * ld->geo.eu_stride) << LSW_SECTOR_SHIFT;
	nr = (sector_t)ld->geo.eu_blocks << LSW_SECTOR_SHIFT;
	ret = blkdev_issue_discard(ld->bdev, start, nr, GFP_NOIO);
	/* Discard is advice; a device that stopped taking it is no error. */
	return ret == -EOPNOTSUPP ? 0 : ret;
}

const struct lsw_backend_ops lsw_conv_ops = {
	.write = lsw_bdev_write,
	.read = lsw_bdev_read,
	.submit = lsw_bdev_submit,
	.erase = lsw_conv_erase,
	.finish = NULL,
	.notify = lsw_dev_notify,
	.tp = lsw_dev_tp,
};
