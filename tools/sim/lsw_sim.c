// SPDX-License-Identifier: GPL-2.0
/*
 * lsw_sim: replays a logswap trace through the real core engine on the RAM
 * flash device (data-less: summaries only), generates synthetic traces, and
 * runs the same trace through the baseline models for WAF comparisons.
 * See tools/sim/README.md.
 */
#include <getopt.h>
#include "sim.h"
#include "ramdev.h"

static const char *const cfg_keys[] = {
	"seg_blocks", "nr_buffers", "nr_slots", "gc_reserve", "gc_low",
	"gc_high", "wl_threshold", "gc_policy",
};

static int trace_push(struct sim_trace *t, char op, u64 arg, u32 hint)
{
	if (t->nr == t->cap) {
		u64 cap = t->cap ? t->cap * 2 : 1 << 16;
		struct sim_rec *n = realloc(t->rec, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		t->rec = n;
		t->cap = cap;
	}
	t->rec[t->nr].op = op;
	t->rec[t->nr].arg = arg;
	t->rec[t->nr].hint = hint;
	t->nr++;
	return 0;
}

static int parse_kv(char *s, const char *key, u64 *val, char *str, size_t len)
{
	char pat[64], *p;
	size_t kl = strlen(key);

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(s, pat);
	if (!p)
		return 0;
	p += kl + 2;
	if (str) {
		size_t n = strcspn(p, " \t\n");

		if (n >= len)
			n = len - 1;
		memcpy(str, p, n);
		str[n] = 0;
	} else {
		*val = strtoull(p, NULL, 10);
	}
	return 1;
}

int sim_trace_load(const char *path, struct sim_trace *t)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char line[512];
	u64 lineno = 0;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	t->version = 1;
	if (!f) {
		fprintf(stderr, "lsw_sim: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, op;
		u64 v = 0, arg;
		u32 hint = 0;
		int i;

		lineno++;
		if (lineno == 1 && !strncmp(line, "# logswap-trace v", 17))
			t->version = atoi(line + 17);
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#' || *s == '\n' || !*s)
			continue;
		if (!strncmp(s, "geometry", 8)) {
			t->has_geo = true;
			parse_kv(s, "nr_eus", &v, NULL, 0); t->geo.nr_eus = v;
			parse_kv(s, "eu_stride", &v, NULL, 0); t->geo.eu_stride = v;
			parse_kv(s, "eu_blocks", &v, NULL, 0); t->geo.eu_blocks = v;
			v = 0; parse_kv(s, "max_open", &v, NULL, 0); t->geo.max_open = v;
			v = 0; parse_kv(s, "zoned", &v, NULL, 0); t->geo.zoned = v;
			if (!t->geo.eu_stride)
				t->geo.eu_stride = t->geo.eu_blocks;
			continue;
		}
		if (!strncmp(s, "config", 6)) {
			u32 tmp[7] = { 0 };

			t->has_cfg = true;
			for (i = 0; i < 7; i++) {
				if (parse_kv(s, cfg_keys[i], &v, NULL, 0)) {
					t->cfg_set[i] = true;
					tmp[i] = v;
					if (i == 2)
						t->cfg.nr_slots = v;
				}
			}
			if (t->cfg_set[0]) t->cfg.seg_blocks = tmp[0];
			if (t->cfg_set[1]) t->cfg.nr_buffers = tmp[1];
			if (t->cfg_set[3]) t->cfg.gc_reserve = tmp[3];
			if (t->cfg_set[4]) t->cfg.gc_low = tmp[4];
			if (t->cfg_set[5]) t->cfg.gc_high = tmp[5];
			if (t->cfg_set[6]) t->cfg.wl_threshold = tmp[6];
			{
				char pol[32];

				if (parse_kv(s, "gc_policy", NULL, pol, sizeof(pol))) {
					if (lsw_gc_policy_parse(pol, &t->cfg.gc_policy)) {
						fprintf(stderr, "lsw_sim: %s:%llu: bad gc_policy %s\n",
							path, (unsigned long long)lineno, pol);
						ret = -EINVAL;
						break;
					}
					t->cfg_set[7] = true;
				}
			}
			continue;
		}
		if (!strncmp(s, "placement", 9)) {
			char pol[32];

			/* v2 header: the placement the recording ran with. */
			if (!parse_kv(s, "policy", NULL, pol, sizeof(pol)) ||
			    lsw_placement_parse(pol, &t->place)) {
				fprintf(stderr, "lsw_sim: %s:%llu: bad placement line\n",
					path, (unsigned long long)lineno);
				ret = -EINVAL;
				break;
			}
			v = 0; parse_kv(s, "groups", &v, NULL, 0); t->groups = v;
			v = 0; parse_kv(s, "cold", &v, NULL, 0); t->cold = v;
			t->has_place = true;
			continue;
		}
		if (!strncmp(s, "end", 3)) {
			t->has_end = true;
			parse_kv(s, "flash_blocks", &t->end_flash, NULL, 0);
			parse_kv(s, "host_writes", &t->end_host, NULL, 0);
			parse_kv(s, "segments", &t->end_segments, NULL, 0);
			parse_kv(s, "gc_moved", &t->end_moved, NULL, 0);
			parse_kv(s, "erases", &t->end_erases, NULL, 0);
			continue;
		}
		op = *s;
		arg = 0;
		switch (op) {
		case 'w': case 'z': case 'd': case 'g': {
			char *end;

			errno = 0;
			arg = strtoull(s + 1, &end, 10);
			if (end == s + 1 || errno) {
				fprintf(stderr, "lsw_sim: %s:%llu: record %c needs a number\n",
					path, (unsigned long long)lineno, op);
				ret = -EINVAL;
			}
			if (op != 'g' && arg + 1 > t->max_slot)
				t->max_slot = arg + 1;
			/* v2: w and z carry the stream hint (cgroup id). */
			if (!ret && (op == 'w' || op == 'z') && t->version >= 2) {
				char *h = end;

				while (*h == ' ' || *h == '\t')
					h++;
				if (*h && *h != '\n') {
					errno = 0;
					v = strtoull(h, &end, 10);
					if (end == h || errno || v > U32_MAX) {
						fprintf(stderr, "lsw_sim: %s:%llu: bad hint\n",
							path, (unsigned long long)lineno);
						ret = -EINVAL;
					}
					hint = v;
					t->nr_hinted++;
				}
			}
			break;
		}
		case 'f': case 'p':
			break;
		default:
			fprintf(stderr, "lsw_sim: %s:%llu: unknown record '%c'\n",
				path, (unsigned long long)lineno, op);
			ret = -EINVAL;
		}
		if (ret)
			break;
		if (op == 'f' || op == 'p' || op == 'g')
			t->driven = true;
		ret = trace_push(t, op, arg, hint);
		if (ret)
			break;
	}
	if (f != stdin)
		fclose(f);
	return ret;
}

void sim_trace_free(struct sim_trace *t)
{
	free(t->rec);
	memset(t, 0, sizeof(*t));
}

/* ---- options shared by replay and run ---- */

struct sim_opts {
	struct lsw_geometry geo;	/* used when the trace has none */
	long policy;			/* -1: trace/default */
	long long wl_threshold;		/* -1: trace/default */
	long long nr_slots;		/* -1: trace/default */
	long nr_buffers;		/* -1: trace/default */
	enum lsw_placement placement;
	u32 groups;			/* 0: the most allowed */
	u32 cold;			/* COLD age groups (0: one) */
	const u32 *hints;		/* per record, instead of the trace's */
	const char *systems;		/* run: comma list of logswap systems */
	bool place_set;			/* --placement given (or run's) */
	bool json, verbose, check_end;
};

static void resolve(const struct sim_trace *t, const struct sim_opts *o,
		    struct lsw_geometry *g, struct lsw_config *c)
{
	*g = t->has_geo ? t->geo : o->geo;
	lsw_default_config(g, c);
	if (t->cfg_set[0]) c->seg_blocks = t->cfg.seg_blocks;
	if (t->cfg_set[1]) c->nr_buffers = t->cfg.nr_buffers;
	if (t->cfg_set[2]) c->nr_slots = t->cfg.nr_slots;
	if (t->cfg_set[3]) c->gc_reserve = t->cfg.gc_reserve;
	if (t->cfg_set[4]) c->gc_low = t->cfg.gc_low;
	if (t->cfg_set[5]) c->gc_high = t->cfg.gc_high;
	if (t->cfg_set[6]) c->wl_threshold = t->cfg.wl_threshold;
	if (t->cfg_set[7]) c->gc_policy = t->cfg.gc_policy;
	if (o->policy >= 0)
		c->gc_policy = o->policy;
	if (o->wl_threshold > 0)
		c->wl_threshold = o->wl_threshold;
	if (o->nr_slots >= 0)
		c->nr_slots = o->nr_slots;
	if (o->nr_buffers > 0)
		c->nr_buffers = o->nr_buffers;
}

/* The placement to replay with: the options', else the trace header's. */
static void resolve_place(const struct sim_trace *t, const struct sim_opts *o,
			  enum lsw_placement *p, u32 *groups, u32 *cold)
{
	*p = o->placement;
	*groups = o->groups;
	*cold = o->cold;
	if (!o->place_set && t->has_place) {
		*p = t->place;
		*groups = t->groups;
		*cold = t->cold;
	}
}

/*
 * Replay @t through the core engine.  Self-driven traces flush when a
 * buffer is full (or a store meets backpressure) and run background GC
 * when the engine asks; driven traces call flush and GC only where the
 * trace says, plus a flush on -EAGAIN, counted as a divergence.
 */
static int run_logswap(const struct sim_trace *t, const struct sim_opts *o,
		       const char *name, struct sim_result *r,
		       struct lsw_stats *out_st, u64 *divergences)
{
	static u8 page[LSW_BLOCK_SIZE], zero[LSW_BLOCK_SIZE];
	struct lsw_geometry g;
	struct lsw_config c;
	struct lsw_ramdev dev;
	struct lsw_engine *e = calloc(1, sizeof(*e));
	struct lsw_stats st;
	u64 i, div = 0;
	int ret;

	memset(r, 0, sizeof(*r));
	r->system = name;
	r->check = 4;		/* not run */
	if (!e)
		return -ENOMEM;
	resolve(t, o, &g, &c);
	memset(page, 0xa5, sizeof(page));
	ret = lsw_check_config(&g, &c);
	if (ret || (c.nr_slots ? c.nr_slots : lsw_max_slots(&g, &c)) <
		   t->max_slot) {
		fprintf(stderr, "lsw_sim: geometry/config refused (%d) or trace slot %llu beyond the logical size\n",
			ret, (unsigned long long)t->max_slot - 1);
		free(e);
		return -EINVAL;
	}
	ret = lsw_ramdev_init(&dev, &g, false);
	if (!ret)
		ret = lsw_engine_init(e, &g, &c, &lsw_ramdev_ops, &dev);
	if (!ret) {
		enum lsw_placement pl;
		u32 pg, pc;

		resolve_place(t, o, &pl, &pg, &pc);
		ret = lsw_set_placement(e, pl, pg, pc);
	}
	if (ret) {
		fprintf(stderr, "lsw_sim: engine init: %d\n", ret);
		free(e);
		return ret;
	}
	memset(r, 0, sizeof(*r));
	r->system = name;
	for (i = 0; i < t->nr && !ret; i++) {
		const struct sim_rec *x = &t->rec[i];

		switch (x->op) {
		case 'w':
		case 'z':
			if (x->op == 'w')
				memcpy(page, &x->arg, sizeof(x->arg));
			while ((ret = lsw_store_hint(e, x->arg,
						     x->op == 'w' ? page : zero,
						     o->hints ? o->hints[i] : x->hint)) == -EAGAIN) {
				if (t->driven)
					div++;
				ret = lsw_flush(e, false);
				if (ret)
					break;
			}
			if (!ret && !t->driven) {
				if (lsw_flush_pending(e))
					ret = lsw_flush(e, false);
				if (!ret && lsw_gc_wanted(e)) {
					ret = lsw_gc(e, lsw_gc_target(e));
					ret = ret < 0 ? ret : 0;
				}
			}
			break;
		case 'd':
			ret = lsw_discard(e, x->arg);
			break;
		case 'f':
		case 'p':
			ret = lsw_flush(e, x->op == 'p');
			break;
		case 'g':
			ret = lsw_gc(e, (u32)x->arg);
			ret = ret < 0 ? ret : 0;
			break;
		}
		if (ret)
			fprintf(stderr, "lsw_sim: %s: record %llu (%c %llu): error %d\n",
				name, (unsigned long long)i + 1, x->op,
				(unsigned long long)x->arg, ret);
	}
	/* Self-driven: every store reaches flash at the end (like swapoff). */
	if (!ret && !t->driven)
		ret = lsw_flush(e, true);
	lsw_get_stats(e, &st);
	r->summaries = st.segments;
	r->wl_moves = st.wl_moves;
	r->check = lsw_engine_check(e) ? 1 : 0;
	if (dev.violations)
		r->check = 2;
	if (ret)
		r->check = 3;
	r->host_writes = st.host_writes;
	r->zero_writes = st.zero_pages;
	r->flash_blocks = st.flash_blocks;
	r->copies = st.gc_moved;
	r->erases = st.erases;
	r->live_end = st.live_slots + st.zero_slots;
	r->erase_min = ~0U;
	r->erase_max = 0;
	for (i = 0; i < g.nr_eus; i++) {
		if (e->eus[i].state == LSW_EU_BAD)
			continue;
		r->erase_min = min(r->erase_min, e->eus[i].erase_count);
		r->erase_max = max(r->erase_max, e->eus[i].erase_count);
	}
	if (out_st)
		*out_st = st;
	if (divergences)
		*divergences = div;
	lsw_engine_destroy(e);
	lsw_ramdev_destroy(&dev);
	free(e);
	return ret;
}

static double waf(const struct sim_result *r)
{
	return r->host_writes ? (double)r->flash_blocks / r->host_writes : 0;
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: lsw_sim replay FILE [options]   replay a trace through the core engine\n"
"       lsw_sim run FILE [options]      same trace through logswap greedy and\n"
"                                       cost-benefit (WL on/off), ftl-plain-swap\n"
"                                       and znswap-greedy; --json for JSON\n"
"       lsw_sim gen [options]           synthetic Android-style trace (gen --help)\n"
"options (used when the trace has no geometry/config header line):\n"
"  --eus N --eu-blocks N --eu-stride N --zoned 0|1 --max-open N\n"
"  --policy greedy|cost-benefit   override the trace's gc_policy\n"
"  --wl-threshold N               override wl_threshold\n"
"  --nr-slots N                   override the logical size\n"
"  --nr-buffers N                 override nr_buffers (HOT segment buffers)\n"
"  --placement hotcold|stream|lifetime  (replay) placement policy (hotcold)\n"
"  --groups N                     placement groups (0: the most allowed)\n"
"  --cold N                       COLD age groups of GC copies (1..3; 1)\n"
"  --systems a,b,...              (run) logswap systems to run, of: greedy,\n"
"                                 cost-benefit, stream, lifetime, oracle\n"
"                                 (default: all)\n"
"  --json (run)                   one JSON object per line instead of text\n"
"  --verbose\n"
"WAF = flash blocks written (data + summaries + GC copies) / host stores\n"
"(every store, zero-filled pages included: see tools/sim/README.md).\n");
}

static int parse_opts(int argc, char **argv, struct sim_opts *o)
{
	static const struct option lo[] = {
		{ "eus", 1, 0, 'e' }, { "eu-blocks", 1, 0, 'b' },
		{ "eu-stride", 1, 0, 's' }, { "zoned", 1, 0, 'z' },
		{ "max-open", 1, 0, 'm' }, { "policy", 1, 0, 'P' },
		{ "wl-threshold", 1, 0, 'W' }, { "nr-slots", 1, 0, 'n' },
		{ "json", 0, 0, 'j' }, { "verbose", 0, 0, 'v' },
		{ "placement", 1, 0, 'L' }, { "groups", 1, 0, 'G' },
		{ "nr-buffers", 1, 0, 'N' }, { "cold", 1, 0, 'c' }, { "systems", 1, 0, 'Y' },
		{ "help", 0, 0, 'h' }, { 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->geo = (struct lsw_geometry){ .nr_eus = 128, .eu_blocks = 1024,
					.eu_stride = 1024 };
	o->policy = -1;
	o->wl_threshold = -1;
	o->nr_slots = -1;
	o->nr_buffers = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'e': o->geo.nr_eus = strtoul(optarg, NULL, 0); break;
		case 'b': o->geo.eu_blocks = strtoul(optarg, NULL, 0); break;
		case 's': o->geo.eu_stride = strtoul(optarg, NULL, 0); break;
		case 'z': o->geo.zoned = atoi(optarg); break;
		case 'm': o->geo.max_open = strtoul(optarg, NULL, 0); break;
		case 'P': {
			enum lsw_gc_policy p;

			if (lsw_gc_policy_parse(optarg, &p)) {
				fprintf(stderr, "lsw_sim: bad policy %s\n", optarg);
				return -EINVAL;
			}
			o->policy = p;
			break;
		}
		case 'W': o->wl_threshold = strtoll(optarg, NULL, 0); break;
		case 'n': o->nr_slots = strtoll(optarg, NULL, 0); break;
		case 'N': o->nr_buffers = strtol(optarg, NULL, 0); break;
		case 'G': o->groups = strtoul(optarg, NULL, 0); break;
		case 'c': o->cold = strtoul(optarg, NULL, 0); break;
		case 'Y': o->systems = optarg; break;
		case 'L':
			o->place_set = true;
			if (lsw_placement_parse(optarg, &o->placement)) {
				fprintf(stderr, "lsw_sim: bad placement %s\n", optarg);
				return -EINVAL;
			}
			break;
		case 'j': o->json = true; break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -EINVAL;
		}
	}
	if (o->geo.eu_stride < o->geo.eu_blocks)
		o->geo.eu_stride = o->geo.eu_blocks;
	return 0;
}

static int cmd_replay(const char *path, const struct sim_opts *o)
{
	struct sim_trace t;
	struct sim_result r;
	struct lsw_stats st;
	u64 div;
	int ret;

	ret = sim_trace_load(path, &t);
	if (ret)
		return 1;
	ret = run_logswap(&t, o, "logswap", &r, &st, &div);
	if (r.check == 4) {
		sim_trace_free(&t);
		return 1;
	}
	printf("trace: %s\n", t.driven ? "driven" : "self-driven");
	printf("version: %u\n", t.version);
	{
		enum lsw_placement pl;
		u32 pg, pc;

		resolve_place(&t, o, &pl, &pg, &pc);
		printf("placement: %s\n", lsw_placement_name(pl));
	}
	printf("records: %llu\n", (unsigned long long)t.nr);
	printf("flash_blocks: %llu\n", (unsigned long long)st.flash_blocks);
	printf("host_writes: %llu\n", (unsigned long long)st.host_writes);
	printf("zero_pages: %llu\n", (unsigned long long)st.zero_pages);
	printf("discards: %llu\n", (unsigned long long)st.discards);
	printf("segments: %llu\n", (unsigned long long)st.segments);
	printf("partial_flushes: %llu\n", (unsigned long long)st.partial_flushes);
	printf("gc_runs: %llu\n", (unsigned long long)st.gc_runs);
	printf("gc_victims: %llu\n", (unsigned long long)st.gc_victims);
	printf("gc_moved: %llu\n", (unsigned long long)st.gc_moved);
	printf("wl_moves: %llu\n", (unsigned long long)st.wl_moves);
	printf("ram_dropped: %llu\n", (unsigned long long)st.ram_dropped);
	printf("erases: %llu\n", (unsigned long long)st.erases);
	printf("fg_stalls: %llu\n", (unsigned long long)st.fg_stalls);
	printf("live_slots: %llu\n", (unsigned long long)st.live_slots);
	printf("zero_slots: %llu\n", (unsigned long long)st.zero_slots);
	printf("erase_min: %u\nerase_max: %u\nerase_spread: %u\n",
	       r.erase_min, r.erase_max, r.erase_max - r.erase_min);
	printf("divergences: %llu\n", (unsigned long long)div);
	printf("waf: %.4f\n", waf(&r));
	printf("check: %s\n", r.check ? "FAILED" : "ok");
	if (t.has_end) {
		bool same = t.end_flash == st.flash_blocks &&
			    t.end_host == st.host_writes &&
			    t.end_segments == st.segments &&
			    t.end_moved == st.gc_moved &&
			    t.end_erases == st.erases;

		printf("end_flash_blocks: %llu\nend_host_writes: %llu\nend_segments: %llu\nend_gc_moved: %llu\nend_erases: %llu\n",
		       (unsigned long long)t.end_flash,
		       (unsigned long long)t.end_host,
		       (unsigned long long)t.end_segments,
		       (unsigned long long)t.end_moved,
		       (unsigned long long)t.end_erases);
		printf("end_match: %s\n", same ? "yes" : "no");
	}
	sim_trace_free(&t);
	return ret || r.check ? 1 : 0;
}

static void print_result(const struct sim_result *r, double util, bool wl,
			 const struct sim_opts *o, const char *extra)
{
	if (o->json) {
		printf("{\"system\": \"%s\", \"utilization\": %.4f, \"waf\": %.4f, "
		       "\"erase_spread\": %u, \"wear_leveling\": %s, "
		       "\"host_writes\": %llu, \"zero_writes\": %llu, "
		       "\"flash_blocks\": %llu, \"copies\": %llu, \"erases\": %llu, "
		       "\"erase_min\": %u, \"erase_max\": %u, "
		       "\"summaries\": %llu, \"wl_moves\": %llu, \"waf_nonzero\": %.4f, \"check_ok\": %s%s}\n",
		       r->system, util, waf(r), r->erase_max - r->erase_min,
		       wl ? "true" : "false",
		       (unsigned long long)r->host_writes,
		       (unsigned long long)r->zero_writes,
		       (unsigned long long)r->flash_blocks,
		       (unsigned long long)r->copies,
		       (unsigned long long)r->erases, r->erase_min, r->erase_max,
		       (unsigned long long)r->summaries,
		       (unsigned long long)r->wl_moves,
		       r->host_writes > r->zero_writes ?
		       (double)r->flash_blocks / (r->host_writes - r->zero_writes) : 0,
		       r->check ? "false" : "true", extra ? extra : "");
	} else {
		printf("%-22s wl=%-3s waf %.4f  flash %llu host %llu copies %llu erases %llu spread %u check %s\n",
		       r->system, wl ? "on" : "off", waf(r),
		       (unsigned long long)r->flash_blocks,
		       (unsigned long long)r->host_writes,
		       (unsigned long long)r->copies,
		       (unsigned long long)r->erases, r->erase_max - r->erase_min,
		       r->check ? "FAILED" : "ok");
	}
}

/*
 * Utilisation of a trace: mean live pages (w/z stored, not yet freed) over
 * the stores of its second half (steady state), divided by @cap pages.
 */
static double trace_util(const struct sim_trace *t, u64 cap)
{
	unsigned long *live = bitmap_zalloc(t->max_slot + 1, 0);
	u64 i, n = 0, stores = 0, k = 0, cnt = 0;
	double sum = 0;

	for (i = 0; i < t->nr; i++)
		stores += t->rec[i].op == 'w' || t->rec[i].op == 'z';
	for (i = 0; i < t->nr; i++) {
		const struct sim_rec *x = &t->rec[i];

		if (x->op == 'w' || x->op == 'z') {
			if (!test_and_set_bit(x->arg, live))
				n++;
			if (++k * 2 > stores) {
				sum += n;
				cnt++;
			}
		} else if (x->op == 'd') {
			if (test_and_clear_bit(x->arg, live))
				n--;
		}
	}
	bitmap_free(live);
	return cnt && cap ? sum / cnt / cap : 0;
}

/* @key is one of the comma-separated names of @list. */
static bool sim_list_has(const char *list, const char *key)
{
	size_t n = strlen(key);
	const char *p = list;

	while ((p = strstr(p, key))) {
		if ((p == list || p[-1] == ',') && (!p[n] || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

/*
 * The oracle's stream hints: each store's remaining lifetime (stores until
 * its slot is freed or rewritten, from the trace) in nr_groups - 1 buckets
 * with LIFETIME's bounds, so that the STREAM policy gives each bucket its
 * own group.  A bound on what separating fresh pages by death time gives.
 */
static u32 *oracle_hints(const struct sim_trace *t,
			 const struct lsw_geometry *g,
			 const struct lsw_config *c, u32 groups)
{
	u32 *h = calloc(t->nr + 1, sizeof(u32)), n;
	u64 *next = malloc((t->max_slot + 1) * sizeof(u64));
	u64 i, k = 0;

	if (!h || !next) {
		free(h);
		free(next);
		return NULL;
	}
	n = groups ?: lsw_placement_max_groups(g, c, 1);
	n = n > 1 ? n - 1 : 1;
	for (i = 0; i < t->nr; i++)
		k += t->rec[i].op == 'w' || t->rec[i].op == 'z';
	memset(next, 0xff, (t->max_slot + 1) * sizeof(u64));
	for (i = t->nr; i--; ) {
		const struct sim_rec *x = &t->rec[i];
		u64 life, bound;
		u32 b = 0;

		if (x->op == 'd') {
			next[x->arg] = k;
			continue;
		}
		if (x->op != 'w' && x->op != 'z')
			continue;
		k--;
		life = next[x->arg] == U64_MAX ? U64_MAX : next[x->arg] - k;
		next[x->arg] = k;
		bound = n >= 2 ? (2 * c->nr_slots) >> (2 * (n - 2)) : U64_MAX;
		while (b < n - 1 && life >= bound) {
			b++;
			bound <<= 2;
		}
		h[i] = b + 1;
	}
	free(next);
	return h;
}

static int cmd_run(const char *path, struct sim_opts *o)
{
	struct sim_trace t;
	struct sim_result r;
	struct lsw_geometry g;
	struct lsw_config c;
	struct sim_log_params lp;
	u64 raw, i, stores = 0;
	double util;
	char extra[128];
	int fails = 0, ret;

	if (sim_trace_load(path, &t))
		return 1;
	resolve(&t, o, &g, &c);
	if (!c.nr_slots)
		c.nr_slots = lsw_max_slots(&g, &c);
	raw = (u64)g.nr_eus * g.eu_blocks;
	for (i = 0; i < t.nr; i++)
		stores += t.rec[i].op == 'w' || t.rec[i].op == 'z';
	/* utilisation: mean live pages / logical size (tools/sim/README.md) */
	util = trace_util(&t, c.nr_slots);
	if (!o->json)
		printf("# trace %s: %llu records, %llu stores, logical %llu slots, raw flash %llu blocks, utilisation %.4f of the logical size (%.4f of raw flash)\n",
		       path, (unsigned long long)t.nr, (unsigned long long)stores,
		       (unsigned long long)c.nr_slots, (unsigned long long)raw,
		       util, util * c.nr_slots / raw);

	{
		static const struct {
			const char *name, *key;
			enum lsw_gc_policy pol;
			enum lsw_placement place;
			bool oracle;
		} v[] = {
			{ "logswap-greedy", "greedy", LSW_GC_GREEDY,
			  LSW_PLACE_HOTCOLD, false },
			{ "logswap-cost-benefit", "cost-benefit",
			  LSW_GC_COST_BENEFIT, LSW_PLACE_HOTCOLD, false },
			{ "logswap-stream", "stream", LSW_GC_GREEDY,
			  LSW_PLACE_STREAM, false },
			{ "logswap-lifetime", "lifetime", LSW_GC_GREEDY,
			  LSW_PLACE_LIFETIME, false },
			{ "logswap-oracle", "oracle", LSW_GC_GREEDY,
			  LSW_PLACE_STREAM, true },
		};
		long long wl_on = o->wl_threshold > 0 ? o->wl_threshold : c.wl_threshold;
		u32 *oracle = NULL, wl;

		for (wl = 0; wl < 2; wl++) {
			for (i = 0; i < ARRAY_SIZE(v); i++) {
				struct sim_opts oo = *o;
				struct lsw_stats st;
				u32 groups;

				if (o->systems && !sim_list_has(o->systems, v[i].key))
					continue;
				if (v[i].oracle && !oracle) {
					oracle = oracle_hints(&t, &g, &c, o->groups);
					if (!oracle)
						return 1;
				}
				oo.policy = v[i].pol;
				oo.placement = v[i].place;
				oo.place_set = true;
				oo.hints = v[i].oracle ? oracle : NULL;
				oo.wl_threshold = !wl ? wl_on : 0x7fffffff;
				ret = run_logswap(&t, &oo, v[i].name, &r, &st, NULL);
				groups = v[i].place == LSW_PLACE_HOTCOLD ? 1 :
					 o->groups ?: lsw_placement_max_groups(&g, &c, o->cold);
				snprintf(extra, sizeof(extra),
					 ", \"wl_threshold\": %lld, \"placement\": \"%s\", \"groups\": %u, \"ram_dropped\": %llu",
					 oo.wl_threshold, v[i].oracle ? "oracle" :
					 lsw_placement_name(v[i].place), groups,
					 (unsigned long long)st.ram_dropped);
				print_result(&r, util, !wl, o, extra);
				fails += ret || r.check;
			}
		}
		free(oracle);
	}
	/* eMMC-like FTL: same raw flash, 7% over-provisioning, no discard */
	lp = (struct sim_log_params){
		.name = "ftl-plain-swap", .nr_eus = g.nr_eus,
		.eu_blocks = g.eu_blocks, .nr_logical = raw * 100 / 107,
		.reserve = 1, .trim = false,
	};
	if (lp.nr_logical < t.max_slot) {
		fprintf(stderr, "lsw_sim: trace slots exceed the FTL's logical size\n");
		return 1;
	}
	ret = sim_log_run(&t, &lp, &r, o->verbose);
	{
		struct sim_result rt;

		lp.trim = true;
		ret |= sim_log_run(&t, &lp, &rt, o->verbose);
		snprintf(extra, sizeof(extra),
			 ", \"discard\": false, \"waf_with_discard\": %.4f",
			 waf(&rt));
		fails += rt.check != 0;
	}
	print_result(&r, util, false, o, extra);
	fails += ret || r.check;
	/* ZNSwap-style: one stream, greedy, logswap's logical size and OP */
	lp = (struct sim_log_params){
		.name = "znswap-greedy", .nr_eus = g.nr_eus,
		.eu_blocks = g.eu_blocks, .nr_logical = c.nr_slots,
		.reserve = c.gc_reserve, .trim = true,
	};
	ret = sim_log_run(&t, &lp, &r, o->verbose);
	print_result(&r, util, false, o, ", \"discard\": true");
	fails += ret || r.check;
	sim_trace_free(&t);
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sim_opts o;
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "gen"))
		return sim_gen_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "replay") && strcmp(cmd, "run")) {
		usage(stderr);
		return 2;
	}
	if (parse_opts(argc - 1, argv + 1, &o))
		return 2;
	if (optind >= argc - 1) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "replay"))
		return cmd_replay(argv[optind + 1], &o);
	return cmd_run(argv[optind + 1], &o);
}
