/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw_sim: trace-driven write-amplification simulator.  The trace format is
 * /work/coord/TRACE.md (tools/sim/README.md repeats it).
 */
#ifndef _LSW_SIM_H
#define _LSW_SIM_H

#include "lsw_env.h"
#include "core/lsw_core.h"

struct sim_rec {
	char op;		/* w z d f p g */
	u32 hint;		/* w z: stream hint (trace v2), else 0 */
	u64 arg;		/* slot or GC target */
};

struct sim_trace {
	struct sim_rec *rec;
	u64 nr, cap;
	bool has_geo, has_cfg, driven, has_end;
	struct lsw_geometry geo;
	struct lsw_config cfg;
	/* config keys present in the header (others take CLI/defaults) */
	bool cfg_set[8];
	u64 end_flash, end_host, end_segments, end_moved, end_erases;
	u64 max_slot;		/* highest slot referenced + 1 */
	u32 version;		/* 1 or 2 (first line), 1 if none */
	u64 nr_hinted;		/* w/z records with a hint field (v2) */
	bool has_place;		/* v2 "placement" header line */
	enum lsw_placement place;
	u32 groups, cold;
};

/* Results of one system on one trace. */
struct sim_result {
	const char *system;
	u64 host_writes;	/* every store (zero pages included) */
	u64 zero_writes;	/* of which zero-filled */
	u64 flash_blocks;	/* everything written to flash */
	u64 copies;		/* GC / FTL internal relocations */
	u64 summaries;		/* logswap: segment summary blocks */
	u64 wl_moves;		/* logswap: static wear-leveling moves */
	u64 erases;
	u32 erase_min, erase_max;
	u64 live_end;		/* pages the system holds as live at the end */
	int check;		/* 0 = invariants held */
};

int sim_trace_load(const char *path, struct sim_trace *t);
void sim_trace_free(struct sim_trace *t);

/*
 * Page-mapped log models (the baselines).  @trim: frees invalidate the page
 * (discard); without it a slot once written stays valid in the model.
 */
struct sim_log_params {
	const char *name;
	u32 nr_eus, eu_blocks;
	u64 nr_logical;		/* logical pages exported */
	u32 reserve;		/* free EUs kept back for GC copies */
	bool trim;
};
int sim_log_run(const struct sim_trace *t, const struct sim_log_params *p,
		struct sim_result *r, bool verbose);

int sim_gen_main(int argc, char **argv);

#endif /* _LSW_SIM_H */
