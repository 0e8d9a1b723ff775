// SPDX-License-Identifier: GPL-2.0
/*
 * lsw_sim gen: a seeded synthetic Android-style swap trace.  The model is
 * described in gen_help() below and in tools/sim/README.md.  Same options
 * and seed => byte-identical trace (one PRNG, no time, no addresses).
 */
#include <getopt.h>
#include <math.h>
#include "sim.h"

/* xorshift64*: small, fast, and the same on every platform. */
static u64 rng_state;

static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static double rndf(void)
{
	return (rnd() >> 11) * (1.0 / 9007199254740992.0);
}

static u64 rndn(u64 n)
{
	return n ? rnd() % n : 0;
}

struct app {
	u32 *swapped;		/* slots holding this app's swapped pages */
	u32 nr_swapped, cap;
	u32 ws;			/* working set, pages */
	u32 resident;		/* pages in RAM */
	double weight;		/* popularity (Zipf) */
	u64 last_used;
	bool alive;
};

struct gen {
	FILE *out;
	u64 nr_slots, live, stores, now;
	u32 cluster;
	/* swap slot allocator (6.1 SSD path, one CPU) */
	u8 *used;
	u32 *slot_app, *slot_pos, *slot_gen;
	u32 *cl_count;		/* used slots per cluster */
	u32 *freeq, fq_head, fq_len, nr_clusters;	/* free clusters FIFO */
	s64 cur;		/* current cluster, -1 none */
	u32 next;		/* next offset in it */
	u64 scan;		/* fallback scan cursor */
	/* refaults: min-heap of (due, slot, gen) */
	struct rf { u64 due; u32 slot, gen; } *heap;
	u32 nr_heap, heap_cap;
	struct app *apps;
	u32 nr_apps;
	bool hints;		/* trace v2: stores carry the app's cgroup */
};

/* A store record: v2 adds the owner's stream hint (cgroup id, app + 1). */
static void emit_store(struct gen *g, bool zero, u64 s, u32 app)
{
	if (g->hints)
		fprintf(g->out, "%c %llu %u\n", zero ? 'z' : 'w',
			(unsigned long long)s, app + 1);
	else
		fprintf(g->out, "%c %llu\n", zero ? 'z' : 'w',
			(unsigned long long)s);
}

static void fq_push(struct gen *g, u32 c)
{
	g->freeq[(g->fq_head + g->fq_len++) % g->nr_clusters] = c;
}

static s64 fq_pop(struct gen *g)
{
	u32 c;

	if (!g->fq_len)
		return -1;
	c = g->freeq[g->fq_head];
	g->fq_head = (g->fq_head + 1) % g->nr_clusters;
	g->fq_len--;
	return c;
}

/* Allocate a free slot the way 6.1's scan_swap_map_slots does on SSDs. */
static s64 slot_alloc(struct gen *g)
{
	u64 s, i;

	for (;;) {
		if (g->cur >= 0) {
			u64 base = (u64)g->cur * g->cluster;

			while (g->next < g->cluster) {
				s = base + g->next++;
				if (s < g->nr_slots && s && !g->used[s])
					goto found;
			}
		}
		g->cur = fq_pop(g);
		g->next = 0;
		if (g->cur < 0)
			break;
	}
	/* No free cluster: linear scan for any free slot. */
	for (i = 0; i < g->nr_slots; i++) {
		s = (g->scan + i) % g->nr_slots;
		if (s && !g->used[s]) {
			g->scan = s + 1;
			goto found;
		}
	}
	return -1;
found:
	g->used[s] = 1;
	g->cl_count[s / g->cluster]++;
	g->slot_gen[s]++;
	return s;
}

static void slot_free(struct gen *g, u32 s)
{
	u32 c = s / g->cluster;

	g->used[s] = 0;
	if (!--g->cl_count[c] && c != g->cur)
		fq_push(g, c);
	g->live--;
	fprintf(g->out, "d %u\n", s);
}

/* Free the @i-th swapped page of app @a (swap-in, death or kill). */
static void app_free_page(struct gen *g, u32 a, u32 i)
{
	struct app *p = &g->apps[a];
	u32 s = p->swapped[i], last = p->swapped[--p->nr_swapped];

	p->swapped[i] = last;
	g->slot_pos[last] = i;
	slot_free(g, s);
}

static void heap_push(struct gen *g, u64 due, u32 slot)
{
	u32 i = g->nr_heap++;

	if (g->nr_heap > g->heap_cap) {
		g->heap_cap = g->heap_cap ? 2 * g->heap_cap : 1024;
		g->heap = realloc(g->heap, g->heap_cap * sizeof(*g->heap));
		if (!g->heap)
			exit(1);
	}
	while (i && g->heap[(i - 1) / 2].due > due) {
		g->heap[i] = g->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	g->heap[i] = (struct rf){ due, slot, g->slot_gen[slot] };
}

static struct rf heap_pop(struct gen *g)
{
	struct rf top = g->heap[0], x = g->heap[--g->nr_heap];
	u32 i = 0, c;

	while ((c = 2 * i + 1) < g->nr_heap) {
		if (c + 1 < g->nr_heap && g->heap[c + 1].due < g->heap[c].due)
			c++;
		if (g->heap[c].due >= x.due)
			break;
		g->heap[i] = g->heap[c];
		i = c;
	}
	if (g->nr_heap)
		g->heap[i] = x;
	return top;
}

/*
 * thp: free the 2 MiB unit (the allocator cluster, 512 slots, that a THP
 * run is stored in) holding app @a's @i-th swapped page: every page of @a
 * in that cluster.  Returns the pages freed.
 */
static u32 app_free_unit(struct gen *g, u32 a, u32 i)
{
	u32 base = g->apps[a].swapped[i] / g->cluster * g->cluster, s, n = 0;

	for (s = base; s < base + g->cluster && s < g->nr_slots; s++) {
		if (g->used[s] && g->slot_app[s] == a) {
			app_free_page(g, a, g->slot_pos[s]);
			n++;
		}
	}
	return n;
}

/*
 * server: one process (one cgroup) of P pages, @ram of them resident, the
 * rest swapped (P - resident = the live target).  Each access picks a page
 * by Zipf(@zipf) popularity (ranks shuffled over the pages); a swapped page
 * is swapped in, its slot freed; while more than the resident limit are
 * in RAM, the least recently used of 8 resident pages sampled at random is
 * swapped out (stored at a new slot): popular pages come back and are
 * re-swapped, cold ones stay out.
 */
static int gen_server(struct gen *g, u64 target, u64 total, double ram,
		      double zipf, double zero)
{
	u32 np = (u32)(target / (1 - ram)), nres = np - (u32)target;
	u32 *perm = malloc(np * sizeof(u32)), *slot = malloc(np * sizeof(u32));
	u32 *res = malloc(np * sizeof(u32)), *rpos = malloc(np * sizeof(u32));
	u64 *last = calloc(np, sizeof(u64)), now = 0;
	double *cdf = malloc(np * sizeof(double)), sum = 0;
	u32 i, nr = 0;

	if (!perm || !slot || !res || !rpos || !last || !cdf)
		return 1;
	for (i = 0; i < np; i++) {
		u32 j = rndn(i + 1);

		perm[i] = perm[j];
		perm[j] = i;
		sum += 1.0 / pow(i + 1, zipf);
		cdf[i] = sum;
		slot[i] = U32_MAX;
		res[nr] = i;
		rpos[i] = nr++;
	}
	while (g->stores < total) {
		double x = rndf() * sum;
		u32 lo = 0, hi = np - 1, pg;

		while (lo < hi) {
			u32 mid = (lo + hi) / 2;

			if (cdf[mid] < x)
				lo = mid + 1;
			else
				hi = mid;
		}
		pg = perm[lo];
		last[pg] = ++now;
		if (slot[pg] != U32_MAX) {
			/* Swap-in: the slot is freed (no swap cache kept). */
			slot_free(g, slot[pg]);
			slot[pg] = U32_MAX;
			res[nr] = pg;
			rpos[pg] = nr++;
		}
		while (nr > nres && g->stores < total) {
			u32 k, v = res[rndn(nr)], w;
			s64 s;

			for (k = 1; k < 8; k++) {
				w = res[rndn(nr)];
				if (last[w] < last[v])
					v = w;
			}
			s = slot_alloc(g);
			if (s < 0)
				break;
			g->slot_app[s] = 0;
			slot[v] = s;
			w = res[--nr];
			res[rpos[v]] = w;
			rpos[w] = rpos[v];
			g->live++;
			g->stores++;
			emit_store(g, rndf() < zero, s, 0);
		}
	}
	free(perm); free(slot); free(res); free(rpos); free(last); free(cdf);
	return 0;
}

static void gen_help(FILE *f)
{
	fprintf(f,
"usage: lsw_sim gen [options] [-o FILE]\n"
"Synthetic Android-style swap trace (logswap trace format v1), reproducible:\n"
"the same options and seed give the same bytes.\n"
"Geometry (written as header lines; the logical size is the largest logswap\n"
"accepts on it unless --slots):\n"
"  --eus N (128) --eu-blocks N (1024) --eu-stride N (= eu-blocks; zoned:\n"
"  zone size above the capacity --eu-blocks) --zoned 0|1 (0) --max-open N (0)\n"
"  --slots N        logical size (swap slots)\n"
"  --policy P       gc_policy written in the config line (greedy)\n"
"  --wl-threshold N wl_threshold written in the config line (256)\n"
"Workload:\n"
"  --kind K         android (default), appkill, thp or server (below)\n"
"  --v2             trace format v2: stores carry the stream hint, the\n"
"                   owner's cgroup (app + 1; server: 1)\n"
"  --seed N         PRNG seed (1)\n"
"  --util U         target live pages / logical size (0.75)\n"
"  --writes F       stop after F x logical size stores (6)\n"
"  --apps N         number of apps (48)\n"
"  --zero F         fraction of swapped-out pages that are zero-filled (0.10)\n"
"  --batch N        pages per reclaim batch (32)\n"
"  --swapin F       fraction of an app's swapped pages read back (and their\n"
"                   slots freed) when it comes to the foreground (0.30)\n"
"  --short F        fraction of swapped-out pages that refault soon (0.15)\n"
"  --short-life N   their lifetime: uniform in 1..N stores (4096)\n"
"  --churn F        per store, probability that a random swapped page of a\n"
"                   random app dies (freed memory, memoryless lifetime) (0.05)\n"
"  --session N      mean stores between foreground switches (2048)\n"
"  --cluster N      swap allocator cluster, slots (256, as in 6.1)\n"
"Model: apps have log-uniform working sets (1/64 .. 1/6 of the live target)\n"
"and Zipf(0.8) popularity.  A foreground switch picks an app by popularity:\n"
"a dead app is launched (its working set resident), a live one swaps in\n"
"--swapin of its swapped pages (those slots are freed).  Memory pressure\n"
"reclaims --batch pages at a time from the least recently used background\n"
"apps (one of the 3 oldest with resident pages); each page is stored at a\n"
"slot from the kernel allocator model (per-cluster next free slot, free\n"
"clusters reused FIFO, linear scan for a free slot when no cluster is free,\n"
"slot 0 = swap header never used).  Some pages refault soon (--short) and\n"
"some die at random (--churn).  When the live pages exceed the target, the\n"
"low-memory killer kills the least recently used background app and all of\n"
"its swapped slots are freed.\n"
"Kinds (each sets the defaults of the options above; given options win):\n"
"  android  the model above.\n"
"  appkill  pages die with their app: --swapin 0 --churn 0 --short 0.02;\n"
"           the low-memory killer frees whole working sets (cgroups).\n"
"  thp      appkill with THP: --batch 512 --cluster 512, each reclaim a\n"
"           2 MiB run in one cluster; --swapin 0.3 of an app's runs come\n"
"           back as units (every page of the run freed together).\n"
"  server   one large process: --ram F (0.5) of its pages resident, the\n"
"           rest swapped (the --util target); accesses by --zipf S (0.99)\n"
"           popularity; a swap-in frees its slot, an access beyond the\n"
"           resident limit swaps out the least recently used of 8 sampled\n"
"           resident pages (re-swap-out of popular pages).\n");
}

int sim_gen_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "eus", 1, 0, 'e' }, { "eu-blocks", 1, 0, 'b' },
		{ "zoned", 1, 0, 'Z' }, { "max-open", 1, 0, 'm' },
		{ "slots", 1, 0, 'S' }, { "policy", 1, 0, 'P' },
		{ "wl-threshold", 1, 0, 'W' }, { "seed", 1, 0, 's' },
		{ "util", 1, 0, 'u' }, { "writes", 1, 0, 'w' },
		{ "apps", 1, 0, 'a' }, { "zero", 1, 0, 'z' },
		{ "batch", 1, 0, 'B' }, { "swapin", 1, 0, 'i' },
		{ "short", 1, 0, 'r' }, { "short-life", 1, 0, 'l' },
		{ "churn", 1, 0, 'c' }, { "session", 1, 0, 'n' },
		{ "cluster", 1, 0, 'C' }, { "eu-stride", 1, 0, 'T' },
		{ "kind", 1, 0, 'K' }, { "v2", 0, 0, 'V' },
		{ "ram", 1, 0, 'R' }, { "zipf", 1, 0, 'Y' },
		{ "help", 0, 0, 'h' }, { 0 }
	};
	struct lsw_geometry geo = { .nr_eus = 128, .eu_blocks = 1024 };
	struct lsw_config cfg;
	enum lsw_gc_policy pol = LSW_GC_GREEDY;
	u64 seed = 1, slots = 0, target, kill_at, total, i;
	double util = 0.75, writes = 6, zero = 0.10, swapin = 0.30;
	double shortf = 0.15, churn = 0.05, wsum = 0;
	u32 apps = 48, batch = 32, short_life = 4096, session = 2048;
	u32 cluster = 256, wl = 256, fg = 0, stride = 0;
	u64 session_left = 0;
	const char *outp = NULL, *kind = "android";
	double ram = 0.5, zipf = 0.99;
	bool v2 = false, thp;
	struct gen g;
	int c;

	/* First the kind, whose defaults the other options override. */
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1)
		if (c == 'K')
			kind = optarg;
	opterr = 1;
	if (!strcmp(kind, "appkill") || !strcmp(kind, "thp")) {
		swapin = 0;
		churn = 0;
		shortf = 0.02;
	}
	if (!strcmp(kind, "thp")) {
		batch = 512;
		cluster = 512;
		swapin = 0.3;
	}
	if (strcmp(kind, "android") && strcmp(kind, "appkill") &&
	    strcmp(kind, "thp") && strcmp(kind, "server")) {
		fprintf(stderr, "gen: unknown kind %s\n", kind);
		return 2;
	}
	thp = !strcmp(kind, "thp");
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
		switch (c) {
		case 'e': geo.nr_eus = strtoul(optarg, NULL, 0); break;
		case 'b': geo.eu_blocks = strtoul(optarg, NULL, 0); break;
		case 'T': stride = strtoul(optarg, NULL, 0); break;
		case 'Z': geo.zoned = atoi(optarg); break;
		case 'm': geo.max_open = strtoul(optarg, NULL, 0); break;
		case 'S': slots = strtoull(optarg, NULL, 0); break;
		case 'P':
			if (lsw_gc_policy_parse(optarg, &pol)) {
				fprintf(stderr, "gen: bad policy %s\n", optarg);
				return 2;
			}
			break;
		case 'W': wl = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'u': util = atof(optarg); break;
		case 'w': writes = atof(optarg); break;
		case 'a': apps = strtoul(optarg, NULL, 0); break;
		case 'z': zero = atof(optarg); break;
		case 'B': batch = strtoul(optarg, NULL, 0); break;
		case 'i': swapin = atof(optarg); break;
		case 'r': shortf = atof(optarg); break;
		case 'l': short_life = strtoul(optarg, NULL, 0); break;
		case 'c': churn = atof(optarg); break;
		case 'n': session = strtoul(optarg, NULL, 0); break;
		case 'C': cluster = strtoul(optarg, NULL, 0); break;
		case 'o': outp = optarg; break;
		case 'K': break;
		case 'V': v2 = true; break;
		case 'R': ram = atof(optarg); break;
		case 'Y': zipf = atof(optarg); break;
		case 'h': gen_help(stdout); return 0;
		default: gen_help(stderr); return 2;
		}
	}
	geo.eu_stride = max(stride, geo.eu_blocks);
	lsw_default_config(&geo, &cfg);
	cfg.gc_policy = pol;
	cfg.wl_threshold = wl;
	cfg.nr_slots = slots ? slots : lsw_max_slots(&geo, &cfg);
	if (lsw_check_config(&geo, &cfg) || util <= 0 || util >= 1 ||
	    !apps || !batch || !cluster || !session || !short_life) {
		fprintf(stderr, "gen: bad geometry or options\n");
		return 2;
	}
	memset(&g, 0, sizeof(g));
	g.out = outp ? fopen(outp, "w") : stdout;
	if (!g.out) {
		perror(outp);
		return 1;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	if (!rng_state)
		rng_state = 1;
	g.nr_slots = cfg.nr_slots;
	g.cluster = cluster;
	g.nr_clusters = DIV_ROUND_UP(g.nr_slots, cluster);
	g.used = calloc(g.nr_slots, 1);
	g.slot_app = calloc(g.nr_slots, sizeof(u32));
	g.slot_pos = calloc(g.nr_slots, sizeof(u32));
	g.slot_gen = calloc(g.nr_slots, sizeof(u32));
	g.cl_count = calloc(g.nr_clusters, sizeof(u32));
	g.freeq = calloc(g.nr_clusters, sizeof(u32));
	g.apps = calloc(apps, sizeof(*g.apps));
	g.nr_apps = apps;
	if (!g.used || !g.slot_app || !g.slot_pos || !g.slot_gen ||
	    !g.cl_count || !g.freeq || !g.apps)
		return 1;
	for (i = 0; i < g.nr_clusters; i++)
		fq_push(&g, i);
	g.cur = -1;
	target = (u64)(util * g.nr_slots);
	for (i = 0; i < apps; i++) {
		double lo = target / 64.0, hi = target / 6.0;
		struct app *p = &g.apps[i];

		p->ws = (u32)(lo * pow(hi / lo, rndf())) + batch;
		p->weight = 1.0 / pow(i + 1, 0.8);
		wsum += p->weight;
		p->cap = p->ws;
		p->swapped = malloc(p->cap * sizeof(u32));
		if (!p->swapped)
			return 1;
	}
	/* Kill above the target by half a mean working set: average ~ target. */
	kill_at = min_t(u64, target + target / 40, g.nr_slots - 2 * batch);
	total = (u64)(writes * g.nr_slots);

	g.hints = v2;
	fprintf(g.out, "# logswap-trace v%d\n", v2 ? 2 : 1);
	if (strcmp(kind, "android"))
		fprintf(g.out, "# lsw_sim gen kind=%s ram=%.2f zipf=%.2f\n",
			kind, ram, zipf);
	fprintf(g.out, "# lsw_sim gen seed=%llu util=%.3f writes=%.2f apps=%u zero=%.3f batch=%u swapin=%.2f short=%.2f short_life=%u churn=%.3f session=%u cluster=%u\n",
		(unsigned long long)seed, util, writes, apps, zero, batch,
		swapin, shortf, short_life, churn, session, cluster);
	fprintf(g.out, "geometry nr_eus=%u eu_stride=%u eu_blocks=%u max_open=%u zoned=%d\n",
		geo.nr_eus, geo.eu_stride, geo.eu_blocks, geo.max_open,
		geo.zoned);
	fprintf(g.out, "config seg_blocks=%u nr_buffers=%u nr_slots=%llu gc_reserve=%u gc_low=%u gc_high=%u wl_threshold=%u gc_policy=%s\n",
		cfg.seg_blocks, cfg.nr_buffers,
		(unsigned long long)cfg.nr_slots, cfg.gc_reserve, cfg.gc_low,
		cfg.gc_high, cfg.wl_threshold, lsw_gc_policy_name(pol));

	if (!strcmp(kind, "server")) {
		if (ram <= 0 || ram >= 1 || zipf <= 0) {
			fprintf(stderr, "gen: bad --ram or --zipf\n");
			return 2;
		}
		if (gen_server(&g, target, total, ram, zipf, zero))
			return 1;
		total = 0;	/* done: skip the app model */
	}
	while (g.stores < total) {
		struct app *p;
		u32 a, k, cand[3], nc = 0;

		g.now++;
		/* Foreground switch. */
		if (!session_left) {
			double x = rndf() * wsum;

			for (a = 0; a < apps - 1 && x >= g.apps[a].weight; a++)
				x -= g.apps[a].weight;
			fg = a;
			p = &g.apps[fg];
			if (!p->alive) {
				p->alive = true;
				p->resident = p->ws;
			} else {
				u32 n = (u32)(p->nr_swapped * swapin), got = 0;

				/* thp: whole 2 MiB runs come back as units. */
				while (thp && got < n && p->nr_swapped)
					got += app_free_unit(&g, fg,
							     rndn(p->nr_swapped));
				for (k = 0; !thp && k < n; k++)
					app_free_page(&g, fg, rndn(p->nr_swapped));
				n = thp ? got : n;
				p->resident += n;
			}
			p->last_used = g.now;
			session_left = 1 + (u64)(-log(1 - rndf()) * session / batch);
		}
		session_left--;
		g.apps[fg].last_used = g.now;

		/* Low-memory killer. */
		while (g.live + batch > kill_at) {
			s64 v = -1;

			for (a = 0; a < apps; a++)
				if (a != fg && g.apps[a].alive &&
				    g.apps[a].nr_swapped &&
				    (v < 0 || g.apps[a].last_used < g.apps[v].last_used))
					v = a;
			if (v < 0)
				break;
			p = &g.apps[v];
			while (p->nr_swapped)
				app_free_page(&g, v, p->nr_swapped - 1);
			p->alive = false;
			p->resident = 0;
		}

		/* Reclaim a batch from one of the 3 least recently used. */
		for (a = 0; a < apps; a++) {
			p = &g.apps[a];
			if (a == fg || !p->alive || !p->resident)
				continue;
			if (nc < 3) {
				cand[nc++] = a;
			} else {
				u32 j, newest = 0;

				for (j = 1; j < 3; j++)
					if (g.apps[cand[j]].last_used >
					    g.apps[cand[newest]].last_used)
						newest = j;
				if (p->last_used < g.apps[cand[newest]].last_used)
					cand[newest] = a;
			}
		}
		if (!nc) {
			session_left = 0;	/* nothing to reclaim: switch */
			continue;
		}
		a = cand[rndn(nc)];
		p = &g.apps[a];
		for (k = 0; k < batch && p->resident && g.stores < total; k++) {
			s64 s = slot_alloc(&g);

			if (s < 0)
				break;
			if (p->nr_swapped == p->cap) {
				p->cap *= 2;
				p->swapped = realloc(p->swapped, p->cap * sizeof(u32));
				if (!p->swapped)
					return 1;
			}
			g.slot_app[s] = a;
			g.slot_pos[s] = p->nr_swapped;
			p->swapped[p->nr_swapped++] = s;
			p->resident--;
			g.live++;
			g.stores++;
			emit_store(&g, rndf() < zero, s, a);
			if (rndf() < shortf)
				heap_push(&g, g.stores + 1 + rndn(short_life), s);
			/* Random deaths. */
			if (rndf() < churn) {
				u32 b = rndn(apps);

				if (g.apps[b].nr_swapped && b != fg) {
					app_free_page(&g, b, rndn(g.apps[b].nr_swapped));
					g.apps[b].resident++;	/* re-faulted, reused */
				}
			}
			/* Refaults that are due: swap-in frees the slot. */
			while (g.nr_heap && g.heap[0].due <= g.stores) {
				struct rf r = heap_pop(&g);

				if (g.used[r.slot] && g.slot_gen[r.slot] == r.gen) {
					u32 o = g.slot_app[r.slot];

					app_free_page(&g, o, g.slot_pos[r.slot]);
					g.apps[o].resident++;
				}
			}
		}
	}
	if (outp)
		fclose(g.out);
	for (i = 0; i < apps; i++)
		free(g.apps[i].swapped);
	free(g.apps); free(g.used); free(g.slot_app); free(g.slot_pos);
	free(g.slot_gen); free(g.cl_count); free(g.freeq); free(g.heap);
	return 0;
}
