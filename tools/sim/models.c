// SPDX-License-Identifier: GPL-2.0
/*
 * Baseline models fed the same trace as logswap:
 *  - ftl-plain-swap: an eMMC-like page-mapped FTL under plain swap.  The
 *    kernel writes every swapped-out page (zero-filled ones included) as a
 *    4 KiB write at the slot its allocator chose; the FTL maps logical page
 *    -> physical page, appends at one write frontier, keeps 7% of the raw
 *    flash as over-provisioning and runs greedy GC whose copies are flash
 *    writes too.  Swap frees reach it only if swap discard is on (trim).
 *  - znswap-greedy: a ZNSwap-style host log over the same zones: one stream
 *    (fresh writes and GC copies share the frontier, no hot/cold split),
 *    greedy victims, frees invalidate at once, logswap's logical size.
 * Both allocate the least-worn free erase unit (dynamic wear leveling only).
 */
#include "sim.h"

#define NONE	(~0U)

struct lm {
	const struct sim_log_params *p;
	u32 *l2p, *p2l, *valid, *erase, *wp;
	u8 *state;		/* 0 free, 1 open, 2 sealed */
	u32 nr_free;
	s32 open;
	u64 flash, copies, erases;
	int err;
};

static s32 lm_take_free(struct lm *m)
{
	u32 i, best = NONE;

	for (i = 0; i < m->p->nr_eus; i++)
		if (!m->state[i] && (best == NONE || m->erase[i] < m->erase[best]))
			best = i;
	if (best == NONE)
		return -1;
	m->state[best] = 1;
	m->wp[best] = 0;
	m->nr_free--;
	return best;
}

/* Append logical page @lpn at the frontier. */
static int lm_append(struct lm *m, u32 lpn)
{
	u32 blk, old;

	if (m->open < 0 || m->wp[m->open] == m->p->eu_blocks) {
		if (m->open >= 0)
			m->state[m->open] = 2;
		m->open = lm_take_free(m);
		if (m->open < 0)
			return -ENOSPC;
	}
	blk = m->open * m->p->eu_blocks + m->wp[m->open]++;
	old = m->l2p[lpn];
	if (old != NONE) {
		m->valid[old / m->p->eu_blocks]--;
		m->p2l[old] = NONE;
	}
	m->l2p[lpn] = blk;
	m->p2l[blk] = lpn;
	m->valid[m->open]++;
	m->flash++;
	return 0;
}

/* Greedy GC of one victim: copy its valid pages to the frontier, erase. */
static int lm_gc_one(struct lm *m)
{
	u32 i, b, v = NONE, n = m->p->eu_blocks;
	int ret;

	for (i = 0; i < m->p->nr_eus; i++)
		if (m->state[i] == 2 && (v == NONE || m->valid[i] < m->valid[v]))
			v = i;
	if (v == NONE || m->valid[v] == n)
		return -ENOSPC;		/* nothing to gain: full */
	m->state[v] = 3;		/* victim: not allocatable, not a victim */
	for (b = v * n; b < (v + 1) * n && m->valid[v]; b++) {
		if (m->p2l[b] == NONE)
			continue;
		ret = lm_append(m, m->p2l[b]);
		if (ret)
			return ret;
		m->copies++;
	}
	m->state[v] = 0;
	m->erase[v]++;
	m->erases++;
	m->nr_free++;
	return 0;
}

static int lm_host_write(struct lm *m, u32 lpn)
{
	int ret;

	/* Host writes leave @reserve free EUs to GC (plus the one it fills). */
	while (m->nr_free <= m->p->reserve &&
	       (m->open < 0 || m->wp[m->open] == m->p->eu_blocks)) {
		ret = lm_gc_one(m);
		if (ret)
			return ret;
	}
	return lm_append(m, lpn);
}

int sim_log_run(const struct sim_trace *t, const struct sim_log_params *p,
		struct sim_result *r, bool verbose)
{
	u64 raw = (u64)p->nr_eus * p->eu_blocks, i, mapped = 0, vsum = 0;
	unsigned long *live = bitmap_zalloc(p->nr_logical, 0);
	struct lm m = { .p = p, .open = -1 };
	int ret = 0;

	memset(r, 0, sizeof(*r));
	r->system = p->name;
	m.l2p = malloc(p->nr_logical * sizeof(u32));
	m.p2l = malloc(raw * sizeof(u32));
	m.valid = calloc(p->nr_eus, sizeof(u32));
	m.erase = calloc(p->nr_eus, sizeof(u32));
	m.wp = calloc(p->nr_eus, sizeof(u32));
	m.state = calloc(p->nr_eus, 1);
	if (!live || !m.l2p || !m.p2l || !m.valid || !m.erase || !m.wp ||
	    !m.state || t->max_slot > p->nr_logical) {
		ret = -ENOMEM;
		goto out;
	}
	memset(m.l2p, 0xff, p->nr_logical * sizeof(u32));
	memset(m.p2l, 0xff, raw * sizeof(u32));
	m.nr_free = p->nr_eus;
	for (i = 0; i < t->nr && !ret; i++) {
		const struct sim_rec *x = &t->rec[i];

		switch (x->op) {
		case 'w':
		case 'z':
			r->host_writes++;
			r->zero_writes += x->op == 'z';
			set_bit(x->arg, live);
			ret = lm_host_write(&m, x->arg);
			break;
		case 'd':
			clear_bit(x->arg, live);
			if (p->trim && m.l2p[x->arg] != NONE) {
				u32 old = m.l2p[x->arg];

				m.valid[old / p->eu_blocks]--;
				m.p2l[old] = NONE;
				m.l2p[x->arg] = NONE;
			}
			break;
		default:	/* flush and GC calls are logswap's */
			break;
		}
	}
	if (ret)
		fprintf(stderr, "lsw_sim: %s: out of space at record %llu (%d)\n",
			p->name, (unsigned long long)i, ret);
	r->flash_blocks = m.flash;
	r->copies = m.copies;
	r->erases = m.erases;
	/* Invariants: accounting exact, no live page lost. */
	if (m.flash != r->host_writes + m.copies) {
		fprintf(stderr, "%s: flash %llu != host %llu + copies %llu\n",
			p->name, (unsigned long long)m.flash,
			(unsigned long long)r->host_writes,
			(unsigned long long)m.copies);
		r->check = 1;
	}
	for (i = 0; i < p->nr_logical; i++) {
		u32 b = m.l2p[i];

		if (b == NONE) {
			if (test_bit(i, live)) {
				fprintf(stderr, "%s: live slot %llu lost\n",
					p->name, (unsigned long long)i);
				r->check = 1;
			}
			continue;
		}
		mapped++;
		if (b >= raw || m.p2l[b] != i) {
			fprintf(stderr, "%s: slot %llu maps to block %u owned by %u\n",
				p->name, (unsigned long long)i, b,
				b < raw ? m.p2l[b] : NONE);
			r->check = 1;
		}
		if (p->trim && !test_bit(i, live)) {
			fprintf(stderr, "%s: freed slot %llu still mapped\n",
				p->name, (unsigned long long)i);
			r->check = 1;
		}
	}
	for (i = 0; i < p->nr_eus; i++)
		vsum += m.valid[i];
	if (vsum != mapped) {
		fprintf(stderr, "%s: %llu valid pages, %llu mapped slots\n",
			p->name, (unsigned long long)vsum,
			(unsigned long long)mapped);
		r->check = 1;
	}
	r->live_end = mapped;
	r->erase_min = ~0U;
	for (i = 0; i < p->nr_eus; i++) {
		r->erase_min = min(r->erase_min, m.erase[i]);
		r->erase_max = max(r->erase_max, m.erase[i]);
	}
	if (verbose)
		fprintf(stderr, "%s: host %llu flash %llu copies %llu erases %llu mapped %llu\n",
			p->name, (unsigned long long)r->host_writes,
			(unsigned long long)m.flash, (unsigned long long)m.copies,
			(unsigned long long)m.erases, (unsigned long long)mapped);
out:
	if (ret)
		r->check = 3;
	bitmap_free(live);
	free(m.l2p);
	free(m.p2l);
	free(m.valid);
	free(m.erase);
	free(m.wp);
	free(m.state);
	return ret;
}
