// SPDX-License-Identifier: GPL-2.0
/*
 * Geometry and tunable checks, defaults and the logical size limit.
 * Every refusal names its reason in one pr_warn line and changes nothing.
 */
#include "lsw_internal.h"

static const char * const lsw_policy_names[LSW_GC_NR_POLICIES] = {
	[LSW_GC_GREEDY] = "greedy",
	[LSW_GC_COST_BENEFIT] = "cost-benefit",
};

const char *lsw_gc_policy_name(enum lsw_gc_policy p)
{
	return p < LSW_GC_NR_POLICIES ? lsw_policy_names[p] : "?";
}

int lsw_gc_policy_parse(const char *s, enum lsw_gc_policy *p)
{
	size_t len = strlen(s);
	unsigned int i;

	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	for (i = 0; i < LSW_GC_NR_POLICIES; i++) {
		if (strlen(lsw_policy_names[i]) == len &&
		    !memcmp(s, lsw_policy_names[i], len)) {
			*p = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* Open EUs (HOT and COLD) plus one of headroom beyond the GC reserve. */
#define LSW_OPEN_EUS	3

int lsw_check_geometry(const struct lsw_geometry *geo)
{
	u64 blocks = (u64)geo->nr_eus * geo->eu_stride;

	if (!geo->eu_blocks || geo->eu_blocks > geo->eu_stride) {
		pr_warn("erase unit: %u writable blocks in a stride of %u\n",
			geo->eu_blocks, geo->eu_stride);
		return -EINVAL;
	}
	if (geo->eu_blocks < LSW_SEG_MIN_BLOCKS) {
		pr_warn("erase unit of %u blocks is below the minimum segment of %u\n",
			geo->eu_blocks, LSW_SEG_MIN_BLOCKS);
		return -EINVAL;
	}
	if (geo->nr_eus < LSW_MIN_GC_RESERVE + LSW_OPEN_EUS + 1) {
		pr_warn("%u erase units: at least %u are needed (GC reserve, open streams, data)\n",
			geo->nr_eus, LSW_MIN_GC_RESERVE + LSW_OPEN_EUS + 1);
		return -EINVAL;
	}
	if (blocks > LSW_MAX_BLOCKS) {
		pr_warn("backing store of %llu blocks exceeds the %llu-block (2 TiB) limit of a device\n",
			(unsigned long long)blocks,
			(unsigned long long)LSW_MAX_BLOCKS);
		return -EINVAL;
	}
	if (geo->zoned && geo->max_open && geo->max_open < LSW_NR_STREAMS) {
		pr_warn("zoned device allows %u open zones, logswap needs %u\n",
			geo->max_open, LSW_NR_STREAMS);
		return -EINVAL;
	}
	return 0;
}

/* Data blocks an EU holds when filled with whole segments. */
static u32 lsw_data_per_eu(const struct lsw_geometry *geo, u32 seg_blocks)
{
	return geo->eu_blocks - geo->eu_blocks / seg_blocks;
}

u64 lsw_max_slots(const struct lsw_geometry *geo, const struct lsw_config *cfg)
{
	u32 reserve = cfg->gc_reserve + LSW_OPEN_EUS + geo->nr_eus / 32;

	if (reserve >= geo->nr_eus)
		return 0;
	return (u64)(geo->nr_eus - reserve) *
	       lsw_data_per_eu(geo, cfg->seg_blocks);
}

void lsw_default_config(const struct lsw_geometry *geo, struct lsw_config *cfg)
{
	u32 seg = 256;	/* 1 MiB */

	/* Largest power of two <= 1 MiB that divides the writable EU. */
	while (seg > LSW_SEG_MIN_BLOCKS &&
	       (seg > geo->eu_blocks || geo->eu_blocks % seg))
		seg >>= 1;

	memset(cfg, 0, sizeof(*cfg));
	cfg->seg_blocks = seg;
	cfg->nr_buffers = 4;
	cfg->gc_reserve = LSW_MIN_GC_RESERVE;
	cfg->gc_low = cfg->gc_reserve + 2;
	cfg->gc_high = cfg->gc_reserve + 4;
	cfg->wl_threshold = 256;
	cfg->gc_policy = LSW_GC_GREEDY;
	cfg->nr_lanes = 1;	/* traces replay exactly: see lsw_config */
}

static int lsw_check_gc(const struct lsw_geometry *geo, u32 reserve,
			enum lsw_gc_policy policy, u32 gc_low, u32 gc_high,
			u32 wl_threshold)
{
	if (policy >= LSW_GC_NR_POLICIES) {
		pr_warn("unknown gc_policy %u\n", policy);
		return -EINVAL;
	}
	if (gc_low <= reserve || gc_low > gc_high) {
		pr_warn("gc_low %u must exceed the GC reserve %u and not exceed gc_high %u\n",
			gc_low, reserve, gc_high);
		return -EINVAL;
	}
	if (gc_high > geo->nr_eus / 2 && gc_high > reserve + 4) {
		pr_warn("gc_high %u is above half of the %u erase units\n",
			gc_high, geo->nr_eus);
		return -EINVAL;
	}
	if (!wl_threshold) {
		pr_warn("wl_threshold must be at least 1\n");
		return -EINVAL;
	}
	return 0;
}

int lsw_check_config(const struct lsw_geometry *geo,
		     const struct lsw_config *cfg)
{
	u32 seg = cfg->seg_blocks;
	u64 max;
	int ret;

	ret = lsw_check_geometry(geo);
	if (ret)
		return ret;
	if (!is_power_of_2(seg) || seg < LSW_SEG_MIN_BLOCKS ||
	    seg > LSW_SEG_MAX_BLOCKS) {
		pr_warn("segment of %u blocks: must be a power of two from %u to %u\n",
			seg, LSW_SEG_MIN_BLOCKS, LSW_SEG_MAX_BLOCKS);
		return -EINVAL;
	}
	if (seg > geo->eu_blocks || geo->eu_blocks % seg) {
		pr_warn("segment of %u blocks does not divide the erase unit's %u writable blocks\n",
			seg, geo->eu_blocks);
		return -EINVAL;
	}
	if (cfg->nr_buffers < 2 || cfg->nr_buffers > LSW_MAX_BUFFERS) {
		pr_warn("nr_buffers %u: must be 2 to %u\n", cfg->nr_buffers,
			LSW_MAX_BUFFERS);
		return -EINVAL;
	}
	if (cfg->nr_lanes > 1 && (cfg->nr_lanes > LSW_MAX_LANES ||
				  cfg->nr_lanes > cfg->nr_buffers / 2)) {
		pr_warn("nr_lanes %u: at most %u and nr_buffers / 2\n",
			cfg->nr_lanes, LSW_MAX_LANES);
		return -EINVAL;
	}
	if (cfg->gc_reserve < LSW_MIN_GC_RESERVE ||
	    cfg->gc_reserve + LSW_OPEN_EUS >= geo->nr_eus) {
		pr_warn("GC reserve of %u erase units does not fit %u erase units\n",
			cfg->gc_reserve, geo->nr_eus);
		return -EINVAL;
	}
	ret = lsw_check_gc(geo, cfg->gc_reserve, cfg->gc_policy, cfg->gc_low,
			   cfg->gc_high, cfg->wl_threshold);
	if (ret)
		return ret;
	max = lsw_max_slots(geo, cfg);
	if (!max || cfg->nr_slots > max) {
		pr_warn("logical size of %llu slots exceeds the %llu the backing store can hold\n",
			(unsigned long long)cfg->nr_slots,
			(unsigned long long)max);
		return -EINVAL;
	}
	return 0;
}

int lsw_set_gc_params(struct lsw_engine *e, enum lsw_gc_policy policy,
		      u32 gc_low, u32 gc_high, u32 wl_threshold)
{
	int ret;

	ret = lsw_check_gc(&e->geo, e->cfg.gc_reserve, policy, gc_low, gc_high,
			   wl_threshold);
	if (ret)
		return ret;
	spin_lock(&e->lock);
	WRITE_ONCE(e->cfg.gc_policy, policy);
	WRITE_ONCE(e->cfg.gc_low, gc_low);
	WRITE_ONCE(e->cfg.gc_high, gc_high);
	WRITE_ONCE(e->cfg.wl_threshold, wl_threshold);
	lsw_buckets_rebuild(e);	/* victim order of the new policy */
	spin_unlock(&e->lock);
	return 0;
}

static const char * const lsw_place_names[LSW_PLACE_NR] = {
	[LSW_PLACE_HOTCOLD] = "hotcold",
	[LSW_PLACE_STREAM] = "stream",
	[LSW_PLACE_LIFETIME] = "lifetime",
};

const char *lsw_placement_name(enum lsw_placement p)
{
	return p < LSW_PLACE_NR ? lsw_place_names[p] : "?";
}

int lsw_placement_parse(const char *s, enum lsw_placement *p)
{
	size_t len = strlen(s);
	unsigned int i;

	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	for (i = 0; i < LSW_PLACE_NR; i++) {
		if (strlen(lsw_place_names[i]) == len &&
		    !memcmp(s, lsw_place_names[i], len)) {
			*p = i;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * Open EUs beyond one HOT and one COLD that the logical size leaves room
 * for: each may hold an EU of unwritten space, and one EU of the spare
 * (the EUs neither reserved nor needed by nr_slots of data) stays free.
 */
u32 lsw_placement_extra_eus(const struct lsw_geometry *geo,
			    const struct lsw_config *cfg)
{
	u64 slots = cfg->nr_slots ?: lsw_max_slots(geo, cfg);
	u32 per_eu = lsw_data_per_eu(geo, cfg->seg_blocks);
	u64 data = per_eu ? div_u64(slots + per_eu - 1, per_eu) : U32_MAX;
	u64 used = cfg->gc_reserve + LSW_OPEN_EUS + data;

	return used + 1 < geo->nr_eus ? geo->nr_eus - used - 1 : 0;
}

u32 lsw_placement_max_groups(const struct lsw_geometry *geo,
			     const struct lsw_config *cfg, u32 nr_cold)
{
	u32 n = min_t(u32, LSW_MAX_GROUPS, cfg->nr_buffers / 2);
	u32 extra = lsw_placement_extra_eus(geo, cfg);

	nr_cold = clamp_t(u32, nr_cold, 1, LSW_COLD_GROUPS);
	n = min(n, 1 + (extra > nr_cold - 1 ? extra - (nr_cold - 1) : 0));
	if (geo->zoned && geo->max_open)
		n = min(n, geo->max_open > nr_cold ? geo->max_open - nr_cold : 0);
	return max_t(u32, n, 1);
}
