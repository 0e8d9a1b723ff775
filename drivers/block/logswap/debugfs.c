// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs logswap/logswapN/: "gc" (versioned key: value counters of the
 * garbage collector and the flash traffic), "eus" (one row per erase
 * unit), "groups" (the placement groups and their stream hints), "slots"
 * (where each slot on flash sits) and "check" (the engine's consistency
 * check, for tests).  They exist from device creation on and show zeros
 * (gc), only the header (eus, groups, slots) or "ok" (check) until the
 * device is initialised.  No kernel pointers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "lsw_dev.h"

#define LSW_DEBUGFS_VERSION	1

static struct dentry *lsw_debugfs_root;

/* flash / host as x.yyy, in integers. */
static void lsw_seq_waf(struct seq_file *m, u64 flash, u64 host)
{
	u64 milli = host ? div64_u64(flash * 1000, host) : 0;
	u32 frac;
	u64 whole = div_u64_rem(milli, 1000, &frac);

	seq_printf(m, "waf: %llu.%03u\n", whole, frac);
}

static int lsw_gc_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	struct lsw_stats st = {};
	u64 map_bytes = 0, ram_bytes = 0;
	u32 nr_eus = 0;

	down_read(&ld->init_lock);
	if (ld->initialised) {
		lsw_get_stats(&ld->eng, &st);
		nr_eus = ld->geo.nr_eus;
		map_bytes = lsw_engine_map_bytes(&ld->eng);
		ram_bytes = lsw_engine_ram(&ld->eng);
	}
	up_read(&ld->init_lock);

	seq_printf(m, "version: %d\n", LSW_DEBUGFS_VERSION);
	seq_printf(m, "runs: %llu\n", st.gc_runs);
	seq_printf(m, "victims: %llu\n", st.gc_victims);
	seq_printf(m, "blocks_moved: %llu\n", st.gc_moved);
	seq_printf(m, "erases: %llu\n", st.erases);
	seq_printf(m, "host_bytes: %llu\n", st.host_writes << LSW_BLOCK_SHIFT);
	seq_printf(m, "flash_bytes: %llu\n",
		   st.flash_blocks << LSW_BLOCK_SHIFT);
	seq_printf(m, "zero_pages: %llu\n", st.zero_pages);
	/* Freed while still in a RAM buffer: dropped, never written. */
	seq_printf(m, "ram_dropped: %llu\n", st.ram_dropped);
	/* In blocks: no overflow of flash * 1000 below 2^54 blocks. */
	lsw_seq_waf(m, st.flash_blocks, st.host_writes);
	seq_printf(m, "fg_stalls: %llu\n", st.fg_stalls);
	seq_printf(m, "backpressure: %llu\n", st.backpressure);
	seq_printf(m, "free_eus: %u\n", st.free_eus);
	seq_printf(m, "nr_eus: %u\n", nr_eus);
	seq_printf(m, "bad_eus: %u\n", st.bad_eus);
	seq_printf(m, "erase_min: %u\n", st.erase_min);
	seq_printf(m, "erase_max: %u\n", st.erase_max);
	seq_printf(m, "write_errors: %llu\n", st.write_errors);
	seq_printf(m, "read_errors: %llu\n", st.read_errors);
	seq_printf(m, "erase_errors: %llu\n", st.erase_errors);
	seq_printf(m, "read_retries: %llu\n", st.read_retries);
	seq_printf(m, "map_bytes: %llu\n", map_bytes);
	seq_printf(m, "ram_bytes: %llu\n", ram_bytes);
	/* Appended after the documented set; parsers match by key. */
	seq_printf(m, "segments: %llu\n", st.segments);
	seq_printf(m, "partial_flushes: %llu\n", st.partial_flushes);
	seq_printf(m, "wl_moves: %llu\n", st.wl_moves);
	seq_printf(m, "live_slots: %llu\n", st.live_slots);
	seq_printf(m, "zero_slots: %llu\n", st.zero_slots);
	seq_printf(m, "discards: %llu\n", st.discards);
	seq_printf(m, "host_reads: %llu\n", st.host_reads);
	seq_printf(m, "gc_aborts: %llu\n", st.gc_aborts);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_gc);

/*
 * seg_io: the asynchronous HOT segment writes (bdev_io.c), key: value.
 * inflight_max is the most segments in flight at once since disksize.
 */
static int lsw_seg_io_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	bool append = false;

	down_read(&ld->init_lock);
	if (ld->initialised)
		append = ld->geo.zone_append;
	seq_printf(m, "write_depth: %u\n", READ_ONCE(ld->write_depth));
	seq_printf(m, "zone_append: %d\n", append);
	seq_printf(m, "submitted: %lld\n", atomic64_read(&ld->seg_submitted));
	seq_printf(m, "completed: %lld\n", atomic64_read(&ld->seg_done));
	seq_printf(m, "errors: %lld\n", atomic64_read(&ld->seg_errors));
	seq_printf(m, "zone_appends: %lld\n", atomic64_read(&ld->zone_appends));
	seq_printf(m, "inflight: %d\n", atomic_read(&ld->seg_inflight));
	seq_printf(m, "inflight_max: %d\n", atomic_read(&ld->seg_inflight_max));
	up_read(&ld->init_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_seg_io);

/*
 * check: runs the engine's full consistency check (lsw_engine_check) and
 * prints "ok", or "error N" with the first mismatch in the kernel log.
 * O(slots + blocks) under the engine's lock: for tests and debugging.
 */
static int lsw_check_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	int ret = 0;

	down_read(&ld->init_lock);
	if (ld->initialised)
		ret = lsw_engine_check(&ld->eng);
	up_read(&ld->init_lock);
	if (ret)
		seq_printf(m, "error %d\n", ret);
	else
		seq_puts(m, "ok\n");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_check);

/*
 * eus: a seq_file iterator (a device may have many thousand EUs).
 * Position 0 is the header, position i + 1 is EU i.  init_lock is held for
 * reading from start to stop, so the engine cannot go away in between.
 */
static u32 lsw_eus_nr(struct lsw_dev *ld)
{
	lockdep_assert_held_read(&ld->init_lock);
	return ld->initialised ? ld->geo.nr_eus : 0;
}

static void *lsw_eus_start(struct seq_file *m, loff_t *pos)
{
	struct lsw_dev *ld = m->private;

	down_read(&ld->init_lock);
	return *pos <= lsw_eus_nr(ld) ? pos : NULL;
}

static void *lsw_eus_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct lsw_dev *ld = m->private;

	++*pos;
	return *pos <= lsw_eus_nr(ld) ? pos : NULL;
}

static void lsw_eus_stop(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;

	up_read(&ld->init_lock);
}

static int lsw_eus_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	loff_t pos = *(loff_t *)v;
	struct lsw_eu eu;
	u64 seq;

	if (!pos) {
		seq_puts(m, "eu state live erase_count age\n");
		return 0;
	}
	lsw_get_eu(&ld->eng, pos - 1, &eu);
	seq = READ_ONCE(ld->eng.seq);
	seq_printf(m, "%u %s %u %u %llu\n", (u32)(pos - 1),
		   lsw_eu_state_name(eu.state), eu.live, eu.erase_count,
		   seq > eu.seq ? seq - eu.seq : 0);
	return 0;
}

static const struct seq_operations lsw_eus_sops = {
	.start = lsw_eus_start,
	.next = lsw_eus_next,
	.stop = lsw_eus_stop,
	.show = lsw_eus_show,
};

static int lsw_eus_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &lsw_eus_sops);

	if (!ret)
		((struct seq_file *)file->private_data)->private =
			inode->i_private;
	return ret;
}

static const struct file_operations lsw_eus_fops = {
	.owner = THIS_MODULE,
	.open = lsw_eus_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/*
 * groups: the placement policy's HOT groups, "group hint count": the
 * stream hint (blkcg id) a STREAM group holds and its Misra-Gries count
 * (0: the group is free).  Group 0 is shared by every hint without a
 * group (and is the only one of HOTCOLD): hint and count 0.
 */
static int lsw_groups_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	struct lsw_engine *e = &ld->eng;
	u64 key[LSW_MAX_GROUPS] = {};
	u32 cnt[LSW_MAX_GROUPS] = {};
	u32 g, n = 0;

	down_read(&ld->init_lock);
	if (ld->initialised) {
		spin_lock(&e->lock);
		n = e->nr_groups;
		for (g = 1; g < n; g++) {
			key[g] = e->hint_key[g];
			cnt[g] = e->hint_cnt[g];
		}
		spin_unlock(&e->lock);
	}
	up_read(&ld->init_lock);

	seq_puts(m, "group hint count\n");
	for (g = 0; g < n; g++)
		seq_printf(m, "%u %llu %u\n", g, key[g], cnt[g]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lsw_groups);

/*
 * slots: "slot eu stream group", one row per slot whose page is on flash
 * (a PHYS entry; slots in a RAM buffer, zero or free have none): the EU
 * it sits in, that EU's stream (hot, cold) and placement group.  Each
 * row is read on its own, not a snapshot of the whole.  Position 0 is the
 * header, position s + 1 is slot s; init_lock is held from start to stop.
 */
static u64 lsw_slots_nr(struct lsw_dev *ld)
{
	lockdep_assert_held_read(&ld->init_lock);
	return ld->initialised ? ld->eng.cfg.nr_slots : 0;
}

static void *lsw_slots_start(struct seq_file *m, loff_t *pos)
{
	struct lsw_dev *ld = m->private;

	down_read(&ld->init_lock);
	return *pos <= lsw_slots_nr(ld) ? pos : NULL;
}

static void *lsw_slots_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct lsw_dev *ld = m->private;

	++*pos;
	return *pos <= lsw_slots_nr(ld) ? pos : NULL;
}

static int lsw_slots_show(struct seq_file *m, void *v)
{
	struct lsw_dev *ld = m->private;
	loff_t pos = *(loff_t *)v;
	struct lsw_eu eu;
	u32 entry, n;

	if (!pos) {
		seq_puts(m, "slot eu stream group\n");
		return 0;
	}
	entry = lsw_map_get(&ld->eng, pos - 1);
	if (lsw_tag(entry) != LSW_TAG_PHYS)
		return 0;
	n = lsw_block_eu(&ld->eng, lsw_payload(entry));
	if (n >= ld->geo.nr_eus)
		return 0;
	lsw_get_eu(&ld->eng, n, &eu);
	seq_printf(m, "%llu %u %s %u\n", (u64)(pos - 1), n,
		   eu.stream == LSW_HOT ? "hot" : "cold", eu.group);
	return 0;
}

static const struct seq_operations lsw_slots_sops = {
	.start = lsw_slots_start,
	.next = lsw_slots_next,
	.stop = lsw_eus_stop,
	.show = lsw_slots_show,
};

static int lsw_slots_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &lsw_slots_sops);

	if (!ret)
		((struct seq_file *)file->private_data)->private =
			inode->i_private;
	return ret;
}

static const struct file_operations lsw_slots_fops = {
	.owner = THIS_MODULE,
	.open = lsw_slots_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/*
 * trace_enable (root only): write a capacity in records to start a trace,
 * 0 to stop it (and 0 again to free it); read "CAPACITY STATE RECORDS
 * DROPPED UNORDERED DEFERRED".  trace: the recorded trace, TRACE.md v1
 * (trace.c).
 */
static int lsw_trace_enable_show(struct seq_file *m, void *v)
{
	lsw_trace_status(m->private, m);
	return 0;
}

static int lsw_trace_enable_open(struct inode *inode, struct file *file)
{
	return single_open(file, lsw_trace_enable_show, inode->i_private);
}

static ssize_t lsw_trace_enable_write(struct file *file,
				      const char __user *buf, size_t len,
				      loff_t *ppos)
{
	struct lsw_dev *ld = ((struct seq_file *)file->private_data)->private;
	u64 cap;
	int ret;

	/* kstrtou64_from_user() would parse only the first 63 bytes. */
	ret = len < 32 ? kstrtou64_from_user(buf, len, 0, &cap) : -EINVAL;
	if (ret) {
		pr_warn("%s: trace_enable: a number of records, 0 to stop\n",
			ld->disk->disk_name);
		return ret == -EFAULT ? ret : -EINVAL;
	}
	ret = lsw_trace_control(ld, cap);
	if (ret == -EINVAL)
		pr_warn("%s: trace_enable %llu: above the maximum of %llu records\n",
			ld->disk->disk_name, cap, LSW_TRACE_MAX_RECORDS);
	else if (ret == -EBUSY)
		pr_warn("%s: trace_enable: a trace is running; write 0 first\n",
			ld->disk->disk_name);
	else if (ret == -ENXIO)
		pr_warn("%s: trace_enable: set disksize first\n",
			ld->disk->disk_name);
	else if (ret)
		pr_warn("%s: trace_enable %llu: cannot allocate it (%d)\n",
			ld->disk->disk_name, cap, ret);
	return ret ? ret : len;
}

static const struct file_operations lsw_trace_enable_fops = {
	.owner = THIS_MODULE,
	.open = lsw_trace_enable_open,
	.read = seq_read,
	.write = lsw_trace_enable_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int lsw_trace_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &lsw_trace_sops);

	if (!ret)
		((struct seq_file *)file->private_data)->private =
			inode->i_private;
	return ret;
}

static const struct file_operations lsw_trace_fops = {
	.owner = THIS_MODULE,
	.open = lsw_trace_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

void lsw_debugfs_add(struct lsw_dev *ld)
{
	if (IS_ERR_OR_NULL(lsw_debugfs_root))
		return;
	ld->debugfs_dir = debugfs_create_dir(ld->disk->disk_name,
					     lsw_debugfs_root);
	debugfs_create_file("gc", 0400, ld->debugfs_dir, ld, &lsw_gc_fops);
	debugfs_create_file("eus", 0400, ld->debugfs_dir, ld, &lsw_eus_fops);
	debugfs_create_file("seg_io", 0400, ld->debugfs_dir, ld,
			    &lsw_seg_io_fops);
	debugfs_create_file("check", 0400, ld->debugfs_dir, ld,
			    &lsw_check_fops);
	debugfs_create_file("groups", 0400, ld->debugfs_dir, ld,
			    &lsw_groups_fops);
	debugfs_create_file("slots", 0400, ld->debugfs_dir, ld,
			    &lsw_slots_fops);
	debugfs_create_file("trace_enable", 0600, ld->debugfs_dir, ld,
			    &lsw_trace_enable_fops);
	debugfs_create_file("trace", 0400, ld->debugfs_dir, ld,
			    &lsw_trace_fops);
}

/* Waits for open readers: call without init_lock held. */
void lsw_debugfs_remove(struct lsw_dev *ld)
{
	debugfs_remove(ld->debugfs_dir);
	ld->debugfs_dir = NULL;
}

void lsw_debugfs_init(void)
{
	lsw_debugfs_root = debugfs_create_dir(LSW_NAME, NULL);
}

void lsw_debugfs_exit(void)
{
	debugfs_remove(lsw_debugfs_root);
	lsw_debugfs_root = NULL;
}
