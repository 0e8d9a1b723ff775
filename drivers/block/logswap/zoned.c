// SPDX-License-Identifier: GPL-2.0
/*
 * The zoned (ZNS) backend: an erase unit is a sequential-write-required
 * zone, its writable size the zone capacity (which may be below the zone
 * size: the EU stride), its erase a zone reset.  The engine writes each EU
 * strictly at its write pointer and keeps at most max_open EUs open.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/blkzoned.h>

#include "lsw_dev.h"

#define LSW_SECTOR_SHIFT	(LSW_BLOCK_SHIFT - SECTOR_SHIFT)

struct lsw_zone_scan {
	sector_t zone_sectors;
	u64 min_cap;		/* sectors */
	u32 nr_seq;		/* usable sequential zones of full size */
	u32 nr_conv;
	u32 nr_offline;		/* offline or read-only */
	u32 nr_runt;		/* a smaller last zone, left unused */
	bool varying_cap;
};

static int lsw_zone_cb(struct blk_zone *z, unsigned int idx, void *data)
{
	struct lsw_zone_scan *s = data;
	u64 cap = z->capacity ? z->capacity : z->len;

	if (z->type == BLK_ZONE_TYPE_CONVENTIONAL) {
		s->nr_conv++;
		return 0;
	}
	if (z->cond == BLK_ZONE_COND_OFFLINE ||
	    z->cond == BLK_ZONE_COND_READONLY) {
		s->nr_offline++;
		return 0;
	}
	if (z->len != s->zone_sectors) {
		s->nr_runt++;
		return 0;
	}
	if (s->nr_seq && cap != s->min_cap)
		s->varying_cap = true;
	if (!s->nr_seq || cap < s->min_cap)
		s->min_cap = cap;
	s->nr_seq++;
	return 0;
}

/* Learn the zone geometry; refuse what logswap cannot use. */
int lsw_zoned_probe(struct block_device *bdev, struct lsw_backing_info *bk)
{
	struct lsw_zone_scan s = { .zone_sectors = bdev_zone_sectors(bdev) };
	unsigned int max_open = bdev_max_open_zones(bdev);
	unsigned int max_active = bdev_max_active_zones(bdev);
	int ret;

	if (!s.zone_sectors || s.zone_sectors & (LSW_SECTORS_PER_BLOCK - 1)) {
		pr_warn("%pg: zone size of %llu sectors is not a multiple of 4 KiB\n",
			bdev, (unsigned long long)s.zone_sectors);
		return -EINVAL;
	}
	ret = blkdev_report_zones(bdev, 0, bdev_nr_zones(bdev), lsw_zone_cb,
				  &s);
	if (ret < 0) {
		pr_warn("%pg: zone report failed (%d)\n", bdev, ret);
		return ret;
	}
	if (s.nr_conv) {
		pr_warn("%pg: %u conventional zones mixed in; logswap needs sequential zones only\n",
			bdev, s.nr_conv);
		return -EINVAL;
	}
	if (s.nr_offline) {
		pr_warn("%pg: %u zones offline or read-only\n", bdev,
			s.nr_offline);
		return -EINVAL;
	}
	if (s.nr_runt > 1) {
		pr_warn("%pg: %u zones of irregular size\n", bdev, s.nr_runt);
		return -EINVAL;
	}
	if (!s.nr_seq) {
		pr_warn("%pg: no usable zone\n", bdev);
		return -EINVAL;
	}
	if (s.min_cap & (LSW_SECTORS_PER_BLOCK - 1)) {
		pr_warn("%pg: zone capacity of %llu sectors is not a multiple of 4 KiB\n",
			bdev, (unsigned long long)s.min_cap);
		return -EINVAL;
	}
	/* A map entry addresses 2 TiB: use the zones within it. */
	if ((u64)s.nr_seq * (s.zone_sectors >> LSW_SECTOR_SHIFT) >
	    LSW_MAX_BLOCKS) {
		u32 fit = div_u64(LSW_MAX_BLOCKS,
				  s.zone_sectors >> LSW_SECTOR_SHIFT);

		pr_info("%pg: %u zones of %llu MiB: using the first %u, the 2 TiB a device can map\n",
			bdev, s.nr_seq,
			(unsigned long long)s.zone_sectors >> 11, fit);
		s.nr_seq = fit;
	}
	if (s.varying_cap)
		pr_info("%pg: zone capacities differ; using the smallest, %llu KiB, and finishing each zone when its EU is full\n",
			bdev, (unsigned long long)s.min_cap >> 1);

	memset(bk, 0, sizeof(*bk));
	bk->kind = LSW_BACKEND_ZONED;
	bk->nr_sectors = bdev_nr_sectors(bdev);
	bk->zone_blocks = s.zone_sectors >> LSW_SECTOR_SHIFT;
	bk->zone_cap_blocks = s.min_cap >> LSW_SECTOR_SHIFT;
	bk->nr_zones = s.nr_seq;
	bk->varying_cap = s.varying_cap;
	if (max_open && max_active)
		bk->max_open = min(max_open, max_active);
	else
		bk->max_open = max_open ? max_open : max_active;
	return 0;
}

int lsw_zoned_geometry(const struct lsw_backing_info *bk, u32 seg_bytes,
		       struct lsw_geometry *geo)
{
	u32 seg_blocks = seg_bytes >> LSW_BLOCK_SHIFT;

	if (seg_blocks &&
	    (seg_blocks > bk->zone_cap_blocks ||
	     bk->zone_cap_blocks % seg_blocks)) {
		pr_warn("zone capacity of %u KiB is not a multiple of the %u KiB segment\n",
			bk->zone_cap_blocks << (LSW_BLOCK_SHIFT - 10),
			seg_bytes >> 10);
		return -EINVAL;
	}
	memset(geo, 0, sizeof(*geo));
	geo->nr_eus = bk->nr_zones;
	geo->eu_stride = bk->zone_blocks;
	geo->eu_blocks = bk->zone_cap_blocks;
	geo->max_open = bk->max_open;
	geo->zoned = true;
	geo->finish_full = bk->varying_cap;
	return 0;
}

static sector_t lsw_zone_start(struct lsw_dev *ld, u32 eu)
{
	return ((sector_t)eu * ld->geo.eu_stride) << LSW_SECTOR_SHIFT;
}

/* Setup: reset every zone logswap will use (one RESET_ALL if all). */
int lsw_zoned_prepare(struct lsw_dev *ld)
{
	sector_t end = lsw_zone_start(ld, ld->geo.nr_eus);
	int ret;

	if (bdev_nr_sectors(ld->bdev) - end < bdev_zone_sectors(ld->bdev))
		end = bdev_nr_sectors(ld->bdev);	/* all: RESET_ALL */
	ret = lsw_zone_mgmt(ld->bdev, REQ_OP_ZONE_RESET, 0, end);
	if (ret)
		pr_warn("%s: zone reset of %pg failed (%d)\n",
			ld->disk->disk_name, ld->bdev, ret);
	return ret;
}

/* One zone management operation on the zone of @eu. */
static int lsw_zone_op(struct lsw_dev *ld, enum req_op op, u32 eu)
{
	if (WARN_ON_ONCE(eu >= ld->geo.nr_eus))
		return -EIO;
	return lsw_zone_mgmt(ld->bdev, op, lsw_zone_start(ld, eu),
			     (sector_t)ld->geo.eu_stride << LSW_SECTOR_SHIFT);
}

static int lsw_zoned_erase(void *priv, u32 eu)
{
	return lsw_zone_op(priv, REQ_OP_ZONE_RESET, eu);
}

/* Close a partly written zone: it stops counting as open/active. */
static int lsw_zoned_finish(void *priv, u32 eu)
{
	return lsw_zone_op(priv, REQ_OP_ZONE_FINISH, eu);
}

const struct lsw_backend_ops lsw_zoned_ops = {
	.write = lsw_bdev_write,
	.read = lsw_bdev_read,
	.submit = lsw_bdev_submit,
	.erase = lsw_zoned_erase,
	.finish = lsw_zoned_finish,
	.notify = lsw_dev_notify,
	.tp = lsw_dev_tp,
};
