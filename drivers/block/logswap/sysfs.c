// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/block/logswapN/ attributes (documented in ABI-sysfs-block-logswap).
 *
 * Every store parses and validates its whole input before it changes
 * anything; a refusal is -EINVAL, -EBUSY or -ENODEV with one pr_warn line,
 * and leaves the device exactly as it was.  A value may end in one
 * newline; other blanks, numbers or names over 32 bytes, and control
 * characters in a path are refused.  Stores hold init_lock for writing,
 * shows hold it for reading.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "lsw_dev.h"

static struct lsw_dev *lsw_of(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

static const char *lsw_name(struct lsw_dev *ld)
{
	return ld->disk->disk_name;
}

/*
 * A byte count with an optional K, M, G or T suffix (binary, any case),
 * as memparse() takes it, but whole: no trailing garbage, no overflow.
 */
static int lsw_parse_size(const char *buf, u64 *val)
{
	char num[32];
	unsigned int shift = 0;
	size_t len;
	u64 v;

	len = strcspn(buf, "\n");
	if (!len || len >= sizeof(num) || (buf[len] && buf[len + 1]))
		return -EINVAL;
	memcpy(num, buf, len);
	num[len] = '\0';
	switch (tolower(num[len - 1])) {
	case 't':
		shift += 10;
		fallthrough;
	case 'g':
		shift += 10;
		fallthrough;
	case 'm':
		shift += 10;
		fallthrough;
	case 'k':
		shift += 10;
		num[--len] = '\0';
		break;
	}
	if (!len || kstrtoull(num, 0, &v))
		return -EINVAL;
	if (shift && check_shl_overflow(v, shift, &v))
		return -EINVAL;
	*val = v;
	return 0;
}

/*
 * Longest number or name a store takes.  Longer input is refused whole:
 * kernfs hands a store at most PAGE_SIZE bytes, so a store of that many
 * may be the cut-off head of a longer write ("000...05" + garbage).
 */
#define LSW_VALUE_MAX	32

/* A decimal u32 as kstrtou32() takes it (one trailing newline allowed). */
static int lsw_parse_u32(const char *buf, size_t len, u32 *val)
{
	if (len > LSW_VALUE_MAX)
		return -EINVAL;
	return kstrtou32(buf, 10, val);
}

/* Writable bytes of an EU if already known from the tunables, else 0. */
static u64 lsw_known_eu_bytes(struct lsw_dev *ld)
{
	const struct lsw_tunables *t = &ld->tun;

	lockdep_assert_held(&ld->init_lock);
	if (t->bk.kind == LSW_BACKEND_ZONED)
		return (u64)t->bk.zone_cap_blocks << LSW_BLOCK_SHIFT;
	if (t->eu_bytes)
		return t->eu_bytes;
	if (t->bk.kind == LSW_BACKEND_CONV)
		return lsw_conv_default_eu(&t->bk);
	return 0;
}

static ssize_t backing_dev_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	ssize_t ret;

	down_read(&ld->init_lock);
	ret = sysfs_emit(buf, "%s\n", ld->tun.backing_path[0] ?
			 ld->tun.backing_path : "none");
	up_read(&ld->init_lock);
	return ret;
}

static ssize_t backing_dev_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	struct lsw_backing_info bk;
	struct block_device *bdev;
	char path[LSW_PATH_MAX];
	void *handle;
	char *p;
	dev_t devt;
	int i, ret;

	if (len >= sizeof(path)) {
		pr_warn("%s: backing_dev: path longer than %zu bytes\n",
			lsw_name(ld), sizeof(path) - 1);
		return -EINVAL;
	}
	memcpy(path, buf, len);
	path[len] = '\0';
	p = strim(path);
	if (!*p) {
		pr_warn("%s: backing_dev: empty path\n", lsw_name(ld));
		return -EINVAL;
	}
	/* It is printed below: no forged log lines. */
	for (i = 0; p[i]; i++) {
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f) {
			pr_warn("%s: backing_dev: control character in the path\n",
				lsw_name(ld));
			return -EINVAL;
		}
	}

	down_write(&ld->init_lock);
	if (ld->initialised) {
		pr_warn("%s: backing_dev cannot change once initialised\n",
			lsw_name(ld));
		ret = -EBUSY;
		goto out;
	}
	ret = lookup_bdev(p, &devt);
	if (ret) {
		pr_warn("%s: backing_dev %s: no such block device (%d)\n",
			lsw_name(ld), p, ret);
		ret = -ENODEV;
		goto out;
	}
	/* Try the exclusive claim disksize will take; keep nothing open. */
	bdev = lsw_bdev_open(NULL, devt, ld, &handle);
	if (IS_ERR(bdev)) {
		ret = PTR_ERR(bdev);
		pr_warn("%s: backing_dev %s: cannot open exclusively (%d)\n",
			lsw_name(ld), p, ret);
		if (ret != -EBUSY)
			ret = ret == -ENXIO || ret == -ENODEV ? -ENODEV :
								-EINVAL;
		goto out;
	}
	ret = lsw_backing_probe(bdev, &bk);
	lsw_bdev_close(handle, ld);
	if (ret) {
		ret = -EINVAL;
		goto out;
	}
	strscpy(ld->tun.backing_path, p, sizeof(ld->tun.backing_path));
	ld->tun.bk = bk;
	ret = len;
out:
	up_write(&ld->init_lock);
	return ret;
}
static DEVICE_ATTR_RW(backing_dev);

static ssize_t segment_size_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	u32 v;

	down_read(&ld->init_lock);
	v = ld->initialised ? ld->cfg.seg_blocks << LSW_BLOCK_SHIFT :
			      ld->tun.seg_bytes;
	up_read(&ld->init_lock);
	return sysfs_emit(buf, "%u\n", v);
}

static ssize_t segment_size_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u64 v, eu;
	int ret;

	if (lsw_parse_size(buf, &v) || v < LSW_SEG_MIN_BYTES ||
	    v > LSW_SEG_MAX_BYTES || !is_power_of_2(v)) {
		pr_warn("%s: segment_size: a power of two from %uK to %uK\n",
			lsw_name(ld), LSW_SEG_MIN_BYTES >> 10,
			LSW_SEG_MAX_BYTES >> 10);
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	if (ld->initialised) {
		pr_warn("%s: segment_size cannot change once initialised\n",
			lsw_name(ld));
		ret = -EBUSY;
		goto out;
	}
	eu = lsw_known_eu_bytes(ld);
	if (eu && (v > eu || eu % v)) {
		pr_warn("%s: segment_size %lluK does not divide the %lluK erase unit\n",
			lsw_name(ld), v >> 10, eu >> 10);
		ret = -EINVAL;
		goto out;
	}
	ld->tun.seg_bytes = v;
	ret = len;
out:
	up_write(&ld->init_lock);
	return ret;
}
static DEVICE_ATTR_RW(segment_size);

static ssize_t erase_unit_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	u64 v;

	down_read(&ld->init_lock);
	v = ld->initialised ? (u64)ld->geo.eu_blocks << LSW_BLOCK_SHIFT :
			      ld->tun.eu_bytes;
	up_read(&ld->init_lock);
	return sysfs_emit(buf, "%llu\n", v);
}

static ssize_t erase_unit_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u64 v;
	int ret;

	if (lsw_parse_size(buf, &v) || v < LSW_SEG_MIN_BYTES ||
	    v > LSW_EU_MAX_BYTES || !is_power_of_2(v)) {
		pr_warn("%s: erase_unit: a power of two from %uK to %uM\n",
			lsw_name(ld), LSW_SEG_MIN_BYTES >> 10,
			LSW_EU_MAX_BYTES >> 20);
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	if (ld->initialised) {
		pr_warn("%s: erase_unit cannot change once initialised\n",
			lsw_name(ld));
		ret = -EBUSY;
		goto out;
	}
	if (ld->tun.bk.kind == LSW_BACKEND_ZONED) {
		pr_warn("%s: erase_unit: %s is zoned, a zone is its erase unit\n",
			lsw_name(ld), ld->tun.backing_path);
		ret = -EINVAL;
		goto out;
	}
	/* Both powers of two: a multiple iff not smaller. */
	if (ld->tun.seg_bytes && v < ld->tun.seg_bytes) {
		pr_warn("%s: erase_unit %lluK is not a multiple of segment_size %uK\n",
			lsw_name(ld), v >> 10, ld->tun.seg_bytes >> 10);
		ret = -EINVAL;
		goto out;
	}
	ld->tun.eu_bytes = v;
	ret = len;
out:
	up_write(&ld->init_lock);
	return ret;
}
static DEVICE_ATTR_RW(erase_unit);

static ssize_t nr_buffers_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	u32 v;

	down_read(&ld->init_lock);
	v = ld->initialised ? ld->cfg.nr_buffers : ld->tun.nr_buffers;
	up_read(&ld->init_lock);
	return sysfs_emit(buf, "%u\n", v);
}

static ssize_t nr_buffers_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u32 v;
	int ret;

	if (lsw_parse_u32(buf, len, &v) || v < 2 || v > LSW_MAX_BUFFERS) {
		pr_warn("%s: nr_buffers: a number from 2 to %u\n",
			lsw_name(ld), LSW_MAX_BUFFERS);
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	if (ld->initialised) {
		pr_warn("%s: nr_buffers cannot change once initialised\n",
			lsw_name(ld));
		ret = -EBUSY;
	} else {
		ld->tun.nr_buffers = v;
		ret = len;
	}
	up_write(&ld->init_lock);
	return ret;
}
static DEVICE_ATTR_RW(nr_buffers);

/* HOT segment writes in flight at most; any time, takes effect at once. */
static ssize_t write_depth_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(lsw_of(dev)->write_depth));
}

static ssize_t write_depth_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u32 v;

	if (lsw_parse_u32(buf, len, &v) || !v || v > LSW_WRITE_DEPTH_MAX) {
		pr_warn("%s: write_depth: a number from 1 to %u\n",
			lsw_name(ld), LSW_WRITE_DEPTH_MAX);
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	/* 1 (synchronous) and more (asynchronous) are chosen at disksize. */
	if (ld->initialised && (v == 1) != (ld->write_depth == 1)) {
		up_write(&ld->init_lock);
		pr_warn("%s: write_depth: 1 (synchronous writes) and more (asynchronous) switch only before disksize\n",
			lsw_name(ld));
		return -EBUSY;
	}
	WRITE_ONCE(ld->write_depth, v);
	up_write(&ld->init_lock);
	/* A submitter waiting for room may have it now. */
	wake_up_all(&ld->seg_wait);
	return len;
}
static DEVICE_ATTR_RW(write_depth);

static ssize_t disksize_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	u64 v;

	down_read(&ld->init_lock);
	v = ld->initialised ? ld->nr_slots << LSW_BLOCK_SHIFT : 0;
	up_read(&ld->init_lock);
	return sysfs_emit(buf, "%llu\n", v);
}

static ssize_t disksize_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u64 v, slots = 0;	/* 0: the largest the device can hold */
	int ret;

	if (!sysfs_streq(buf, "max")) {
		if (lsw_parse_size(buf, &v) || !v) {
			pr_warn("%s: disksize: a size in bytes (K, M, G suffixes) or max\n",
				lsw_name(ld));
			return -EINVAL;
		}
		/* Whole slots, rounded up (no overflow near U64_MAX). */
		slots = (v >> LSW_BLOCK_SHIFT) +
			!!(v & (LSW_BLOCK_SIZE - 1));
	}
	down_write(&ld->init_lock);
	ret = lsw_dev_init(ld, slots);
	up_write(&ld->init_lock);
	return ret ? ret : len;
}
static DEVICE_ATTR_RW(disksize);

/* Current GC parameters: the engine's once initialised. */
static void lsw_gc_params(struct lsw_dev *ld, enum lsw_gc_policy *policy,
			  u32 *low, u32 *high, u32 *wl)
{
	lockdep_assert_held(&ld->init_lock);
	if (ld->initialised) {
		*policy = READ_ONCE(ld->eng.cfg.gc_policy);
		*low = READ_ONCE(ld->eng.cfg.gc_low);
		*high = READ_ONCE(ld->eng.cfg.gc_high);
		*wl = READ_ONCE(ld->eng.cfg.wl_threshold);
	} else {
		*policy = ld->tun.gc_policy;
		*low = ld->tun.gc_low;
		*high = ld->tun.gc_high;
		*wl = ld->tun.wl_threshold;
	}
}

/*
 * Apply new GC parameters: checked by the engine once initialised; before,
 * the checks that need no geometry (disksize runs the rest).
 */
static int lsw_set_gc(struct lsw_dev *ld, enum lsw_gc_policy policy,
		      u32 low, u32 high, u32 wl)
{
	struct lsw_tunables *t = &ld->tun;
	int ret;

	lockdep_assert_held_write(&ld->init_lock);
	if (ld->initialised) {
		ret = lsw_set_gc_params(&ld->eng, policy, low, high, wl);
		if (ret)
			return ret;
	} else if (low <= LSW_MIN_GC_RESERVE || low > high) {
		pr_warn("%s: gc_low %u must exceed the GC reserve %u and not exceed gc_high %u\n",
			lsw_name(ld), low, LSW_MIN_GC_RESERVE, high);
		return -EINVAL;
	} else if (!wl) {
		pr_warn("%s: wl_threshold must be at least 1\n", lsw_name(ld));
		return -EINVAL;
	}
	/* Kept across reset. */
	t->gc_policy = policy;
	t->gc_low = low;
	t->gc_high = high;
	t->wl_threshold = wl;
	return 0;
}

static ssize_t gc_policy_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	enum lsw_gc_policy cur, p;
	u32 low, high, wl;
	ssize_t n = 0;

	down_read(&ld->init_lock);
	lsw_gc_params(ld, &cur, &low, &high, &wl);
	up_read(&ld->init_lock);
	for (p = 0; p < LSW_GC_NR_POLICIES; p++)
		n += sysfs_emit_at(buf, n, p == cur ? "%s[%s]" : "%s%s",
				   p ? " " : "", lsw_gc_policy_name(p));
	n += sysfs_emit_at(buf, n, "\n");
	return n;
}

static ssize_t gc_policy_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	enum lsw_gc_policy old, p;
	u32 low, high, wl;
	int ret;

	if (len > LSW_VALUE_MAX || lsw_gc_policy_parse(buf, &p)) {
		pr_warn("%s: gc_policy: greedy or cost-benefit\n",
			lsw_name(ld));
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	lsw_gc_params(ld, &old, &low, &high, &wl);
	ret = lsw_set_gc(ld, p, low, high, wl);
	up_write(&ld->init_lock);
	return ret ? ret : len;
}
static DEVICE_ATTR_RW(gc_policy);

enum lsw_gc_field { LSW_GC_LOW, LSW_GC_HIGH, LSW_WL_THRESHOLD };

static ssize_t lsw_gc_field_show(struct device *dev, char *buf,
				 enum lsw_gc_field f)
{
	struct lsw_dev *ld = lsw_of(dev);
	enum lsw_gc_policy policy;
	u32 v[3];

	down_read(&ld->init_lock);
	lsw_gc_params(ld, &policy, &v[LSW_GC_LOW], &v[LSW_GC_HIGH],
		      &v[LSW_WL_THRESHOLD]);
	up_read(&ld->init_lock);
	return sysfs_emit(buf, "%u\n", v[f]);
}

static ssize_t lsw_gc_field_store(struct device *dev, const char *buf,
				  size_t len, enum lsw_gc_field f,
				  const char *what)
{
	struct lsw_dev *ld = lsw_of(dev);
	enum lsw_gc_policy policy;
	u32 val, v[3];
	int ret;

	if (lsw_parse_u32(buf, len, &val)) {
		pr_warn("%s: %s: not a number\n", lsw_name(ld), what);
		return -EINVAL;
	}
	down_write(&ld->init_lock);
	lsw_gc_params(ld, &policy, &v[LSW_GC_LOW], &v[LSW_GC_HIGH],
		      &v[LSW_WL_THRESHOLD]);
	v[f] = val;
	ret = lsw_set_gc(ld, policy, v[LSW_GC_LOW], v[LSW_GC_HIGH],
			 v[LSW_WL_THRESHOLD]);
	up_write(&ld->init_lock);
	return ret ? ret : len;
}

static ssize_t gc_low_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return lsw_gc_field_show(dev, buf, LSW_GC_LOW);
}

static ssize_t gc_low_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	return lsw_gc_field_store(dev, buf, len, LSW_GC_LOW, "gc_low");
}
static DEVICE_ATTR_RW(gc_low);

static ssize_t gc_high_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return lsw_gc_field_show(dev, buf, LSW_GC_HIGH);
}

static ssize_t gc_high_store(struct device *dev,
			     struct device_attribute *attr, const char *buf,
			     size_t len)
{
	return lsw_gc_field_store(dev, buf, len, LSW_GC_HIGH, "gc_high");
}
static DEVICE_ATTR_RW(gc_high);

static ssize_t wl_threshold_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return lsw_gc_field_show(dev, buf, LSW_WL_THRESHOLD);
}

static ssize_t wl_threshold_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	return lsw_gc_field_store(dev, buf, len, LSW_WL_THRESHOLD,
				  "wl_threshold");
}
static DEVICE_ATTR_RW(wl_threshold);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	u32 v;

	if (lsw_parse_u32(buf, len, &v) || v != 1) {
		pr_warn("%s: reset: write 1\n", lsw_name(ld));
		return -EINVAL;
	}
	if (lsw_dev_claim(ld)) {
		pr_warn("%s: reset: the device is open (swapon, mount?)\n",
			lsw_name(ld));
		return -EBUSY;
	}
	/* Nobody can open it now; write back what the page cache holds. */
	sync_blockdev(ld->disk->part0);
	down_write(&ld->init_lock);
	lsw_dev_teardown(ld);
	up_write(&ld->init_lock);
	lsw_dev_unclaim(ld);
	return len;
}
static DEVICE_ATTR_WO(reset);

/*
 * One line, fixed columns, like zram's mm_stat; the ABI file lists them.
 * New columns may only ever be appended.
 */
static ssize_t flash_stat_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	struct lsw_stats st = {};
	u32 nr_eus = 0;

	down_read(&ld->init_lock);
	if (ld->initialised) {
		lsw_get_stats(&ld->eng, &st);
		nr_eus = ld->geo.nr_eus;
	}
	up_read(&ld->init_lock);
	return sysfs_emit(buf,
			  "%8llu %8llu %8llu %8llu %8llu %8llu %8llu %8u %8u %8llu %8llu %8u\n",
			  st.host_writes << LSW_BLOCK_SHIFT, st.zero_pages,
			  st.flash_blocks << LSW_BLOCK_SHIFT, st.segments,
			  st.gc_runs, st.gc_moved, st.erases, st.free_eus,
			  nr_eus, st.live_slots, st.fg_stalls, st.bad_eus);
}
static DEVICE_ATTR_RO(flash_stat);

/*
 * Placement policy of the engine (issue 15): "POLICY [GROUPS [COLD]]" in,
 * every policy with the current one in brackets and its groups out.  Only
 * while initialised: the engine starts with hotcold at every disksize.
 */
static ssize_t placement_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct lsw_dev *ld = lsw_of(dev);
	enum lsw_placement cur = LSW_PLACE_HOTCOLD, p;
	u32 groups = 1, cold = 1;
	ssize_t n = 0;

	down_read(&ld->init_lock);
	if (ld->initialised) {
		spin_lock(&ld->eng.lock);
		cur = ld->eng.placement;
		groups = ld->eng.nr_groups;
		cold = ld->eng.nr_cold;
		spin_unlock(&ld->eng.lock);
	}
	up_read(&ld->init_lock);
	for (p = 0; p < LSW_PLACE_NR; p++)
		n += sysfs_emit_at(buf, n, p == cur ? "%s[%s]" : "%s%s",
				   p ? " " : "", lsw_placement_name(p));
	n += sysfs_emit_at(buf, n, " groups=%u cold=%u\n", groups, cold);
	return n;
}

static ssize_t placement_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t len)
{
	struct lsw_dev *ld = lsw_of(dev);
	char name[16];
	u32 groups = 0, cold = 0;
	enum lsw_placement p;
	int ret, n;

	if (len > LSW_VALUE_MAX)
		return -EINVAL;
	n = sscanf(buf, "%15s %u %u", name, &groups, &cold);
	if (n < 1 || lsw_placement_parse(name, &p)) {
		pr_warn("%s: placement: hotcold, stream or lifetime, then groups and COLD groups\n",
			lsw_name(ld));
		return -EINVAL;
	}
	down_read(&ld->init_lock);
	/* A trace records the placement at its start: keep it exact. */
	ret = !ld->initialised ? -ENXIO : READ_ONCE(ld->trace.on) ? -EBUSY :
	      lsw_set_placement(&ld->eng, p, groups, cold);
	up_read(&ld->init_lock);
	if (ret == -EINVAL)
		pr_warn("%s: placement: at most %u groups with %u COLD groups\n",
			lsw_name(ld),
			lsw_placement_max_groups(&ld->geo, &ld->cfg, cold),
			cold ?: 1);
	return ret ? ret : len;
}
static DEVICE_ATTR_RW(placement);

static struct attribute *lsw_disk_attrs[] = {
	&dev_attr_backing_dev.attr,
	&dev_attr_segment_size.attr,
	&dev_attr_erase_unit.attr,
	&dev_attr_nr_buffers.attr,
	&dev_attr_write_depth.attr,
	&dev_attr_disksize.attr,
	&dev_attr_gc_policy.attr,
	&dev_attr_gc_low.attr,
	&dev_attr_gc_high.attr,
	&dev_attr_wl_threshold.attr,
	&dev_attr_reset.attr,
	&dev_attr_flash_stat.attr,
	&dev_attr_placement.attr,
	NULL,
};

static const struct attribute_group lsw_disk_group = {
	.attrs = lsw_disk_attrs,
};

const struct attribute_group *lsw_disk_groups[] = {
	&lsw_disk_group,
	NULL,
};
