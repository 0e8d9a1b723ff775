// SPDX-License-Identifier: GPL-2.0
/*
 * mempressure - Android-style app switching under memory pressure.
 *
 * A controller process starts N "app" processes.  Each app owns an
 * anonymous heap whose pages are, by a seeded hash of the page index, zero
 * pages, compressible pages or random pages, every non-zero page stamped
 * with (app, page, generation).  The controller then follows a seeded
 * foreground/background script: at each switch it brings one app to the
 * foreground ("relaunch"), which touches its working set again; the time
 * that takes, seen from the controller, is the relaunch latency.  While in
 * the foreground an app rewrites part of its working set (next
 * generation).  An optional low-memory killer watches PSI
 * (/proc/pressure/memory trigger) and free swap, and kills the least
 * recently used background app; a killed app is cold-started when the script comes back
 * to it.  At the end every surviving app verifies every page.
 *
 * Output (stdout): "relaunch SEQ app=A ms=X" per warm relaunch (unless -q),
 * then key=value summary lines.  Exit status: 0 no integrity failure,
 * 1 some page came back wrong (or an app died unexpectedly), 2 usage or
 * setup error.  See --help.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PSI_FILE	"/proc/pressure/memory"
#define MAX_APPS	256

enum page_kind { PAGE_ZERO, PAGE_COMP, PAGE_RAND };
enum op { OP_RELAUNCH = 1, OP_VERIFY, OP_QUIT };

struct cmd {
	int op;
	unsigned int gen_step;	/* OP_RELAUNCH: seed of this foreground visit;
				 * OP_VERIFY: pages to corrupt first (--corrupt) */
};

struct reply {
	uint64_t bad;		/* pages that came back wrong */
	uint64_t pages;		/* pages touched or checked */
};

struct app {
	pid_t pid;		/* 0 when not running */
	int cmd_fd;		/* controller -> app */
	int rep_fd;		/* app -> controller */
	uint64_t last_used;	/* switch number of the last foreground visit */
	int launched;
};

/* Options. */
static unsigned int n_apps = 8;
static unsigned int app_mib = 32;
static unsigned int ws_pct = 50;
static unsigned int dirty_pct = 10;
static unsigned int zero_pct = 20;
static unsigned int comp_pct = 50;
static unsigned int n_switches = 60;
static uint64_t seed = 1;
static unsigned int think_ms = 20;
static int lmk;
static unsigned int psi_stall_us = 150000;
static unsigned int psi_window_us = 1000000;
static unsigned int lmk_cooldown_ms = 500;
static unsigned int swap_low_pct = 10;
static unsigned int min_apps = 2;
static int quiet;
static unsigned int corrupt;
static const char *cg_dir;

static size_t page_size;
static size_t page_words;

static uint64_t mix64(uint64_t x)
{
	/* splitmix64 finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static unsigned long vmstat(const char *key)
{
	char name[64];
	unsigned long v, ret = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return 0;
	while (fscanf(f, "%63s %lu", name, &v) == 2)
		if (!strcmp(name, key)) {
			ret = v;
			break;
		}
	fclose(f);
	return ret;
}

/* ------------------------------------------------------------------ app */

static enum page_kind kind_of(unsigned int app, size_t idx)
{
	unsigned int r = mix64(seed ^ ((uint64_t)app << 40) ^ idx) % 100;

	if (r < zero_pct)
		return PAGE_ZERO;
	if (r < zero_pct + comp_pct)
		return PAGE_COMP;
	return PAGE_RAND;
}

static uint64_t stamp_of(unsigned int app, size_t idx, uint32_t gen)
{
	return mix64(seed * 0x100000001b3ULL ^ ((uint64_t)app << 48) ^
		     ((uint64_t)gen << 32) ^ idx) | 1;
}

/*
 * Content of a non-zero page: words 0-2 are the stamp, (app << 32 | page)
 * and the generation.  A random page continues with a pseudo-random
 * stream; a compressible page has its first half made of 64-byte chunks
 * taken from four chunks derived from the stamp (an LZ compressor keeps
 * about four chunks of it) and its second half random: about 2:1.
 */
static void fill_page(uint64_t *w, unsigned int app, size_t idx,
		      enum page_kind kind, uint32_t gen)
{
	uint64_t s = stamp_of(app, idx, gen);
	size_t j;

	w[0] = s;
	w[1] = (uint64_t)app << 32 | (uint32_t)idx;
	w[2] = gen;
	if (kind == PAGE_RAND) {
		for (j = 3; j < page_words; j++)
			w[j] = mix64(s + j);
		return;
	}
	for (j = 3; j < page_words / 2; j++)
		w[j] = mix64(s ^ ((mix64(s + (j >> 3)) & 3) << 8 | (j & 7)));
	for (; j < page_words; j++)
		w[j] = mix64(s + j);
}

static int page_ok(const uint64_t *w, uint64_t *scratch, unsigned int app,
		   size_t idx, enum page_kind kind, uint32_t gen, int full)
{
	size_t j;

	if (kind == PAGE_ZERO) {
		if (!full)
			return w[0] == 0 && w[page_words - 1] == 0;
		for (j = 0; j < page_words; j++)
			if (w[j])
				return 0;
		return 1;
	}
	if (w[0] != stamp_of(app, idx, gen) ||
	    w[1] != ((uint64_t)app << 32 | (uint32_t)idx) || w[2] != gen)
		return 0;
	if (!full)
		return 1;
	fill_page(scratch, app, idx, kind, gen);
	return !memcmp(w, scratch, page_size);
}

static void report_bad(unsigned int app, size_t idx, const uint64_t *w,
		       uint32_t gen, uint64_t *nbad)
{
	if (++*nbad <= 5)
		fprintf(stderr,
			"mempressure: app %u page %zu bad (gen %u): %016llx %016llx %016llx\n",
			app, idx, gen, (unsigned long long)w[0],
			(unsigned long long)w[1], (unsigned long long)w[2]);
}

static int read_full(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/*
 * The app process: fill the heap (launch), then serve commands.  The
 * working set is the first ws_pct of the heap's pages: what an app
 * touches to draw its first frame again.
 */
static void app_main(unsigned int app, int cmd_fd, int rep_fd)
{
	size_t npages = (size_t)app_mib * 1048576 / page_size;
	size_t ws = npages * ws_pct / 100, i;
	uint32_t *gens = calloc(npages, sizeof(*gens));
	uint64_t *scratch = malloc(page_size);
	char *heap = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct reply rep;
	struct cmd c;

	if (!gens || !scratch || heap == MAP_FAILED) {
		perror("mempressure: app setup");
		_exit(2);
	}
	if (ws == 0)
		ws = 1;
	/* Launch: every page written, zero pages included (real zero pages). */
	for (i = 0; i < npages; i++) {
		uint64_t *w = (uint64_t *)(heap + i * page_size);
		enum page_kind k = kind_of(app, i);

		if (k == PAGE_ZERO)
			memset(w, 0, page_size);
		else
			fill_page(w, app, i, k, 0);
	}
	rep.bad = 0;
	rep.pages = npages;
	if (write_full(rep_fd, &rep, sizeof(rep)))
		_exit(2);

	while (!read_full(cmd_fd, &c, sizeof(c))) {
		memset(&rep, 0, sizeof(rep));
		switch (c.op) {
		case OP_RELAUNCH:
			/* Touch the working set (the relaunch proper). */
			for (i = 0; i < ws; i++) {
				uint64_t *w = (uint64_t *)(heap + i * page_size);
				enum page_kind k = kind_of(app, i);

				if (!page_ok(w, scratch, app, i, k, gens[i], 0))
					report_bad(app, i, w, gens[i], &rep.bad);
				rep.pages++;
			}
			if (write_full(rep_fd, &rep, sizeof(rep)))
				_exit(2);
			/* In the foreground: rewrite dirty_pct of the set. */
			for (i = 0; i < ws; i++) {
				uint64_t *w = (uint64_t *)(heap + i * page_size);
				enum page_kind k = kind_of(app, i);

				if (mix64(c.gen_step ^ (uint64_t)i << 20) % 100 >= dirty_pct)
					continue;
				if (k == PAGE_ZERO) {
					memset(w, 0, page_size);
				} else {
					gens[i]++;
					fill_page(w, app, i, k, gens[i]);
				}
			}
			break;
		case OP_VERIFY:
			/* --corrupt: flip one bit in gen_step spread pages. */
			for (i = 0; i < c.gen_step && i < npages; i++)
				heap[(i * npages / c.gen_step) * page_size +
				     page_size / 2 + i % 64] ^= 0x10;
			for (i = 0; i < npages; i++) {
				uint64_t *w = (uint64_t *)(heap + i * page_size);

				if (!page_ok(w, scratch, app, i, kind_of(app, i),
					     gens[i], 1))
					report_bad(app, i, w, gens[i], &rep.bad);
				rep.pages++;
			}
			if (write_full(rep_fd, &rep, sizeof(rep)))
				_exit(2);
			break;
		default:
			_exit(0);
		}
	}
	_exit(0);
}

/* ----------------------------------------------------------- controller */

static struct app apps[MAX_APPS];
static int psi_fd = -1;
static double last_kill_ms;
static unsigned long kills, cold_starts, app_deaths, psi_events;
static uint64_t integrity_failures;
static unsigned long nswitch;

/*
 * --cgroup DIR: app A runs in the cgroup DIR/appA (made when missing; a
 * cold start after a kill comes back to the same one, as an Android app
 * keeps its UID's cgroup).  Called in the child, before its heap exists.
 */
static int cg_join(unsigned int a)
{
	char path[4096];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/app%u", cg_dir, a);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	snprintf(path, sizeof(path), "%s/app%u/cgroup.procs", cg_dir, a);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ret = fprintf(f, "%d\n", (int)getpid()) < 0;
	return fclose(f) || ret ? -1 : 0;
}

static int spawn(unsigned int a)
{
	int cp[2], rp[2];
	pid_t pid;

	if (pipe(cp) || pipe(rp)) {
		perror("mempressure: pipe");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		perror("mempressure: fork");
		return -1;
	}
	if (pid == 0) {
		FILE *f = fopen("/proc/self/oom_score_adj", "w");

		/* Apps, not the controller, are what the OOM killer takes. */
		if (f) {
			fprintf(f, "500\n");
			fclose(f);
		}
		if (cg_dir && cg_join(a)) {
			perror("mempressure: --cgroup");
			_exit(2);
		}
		close(cp[1]);
		close(rp[0]);
		if (psi_fd >= 0)
			close(psi_fd);
		for (unsigned int i = 0; i < n_apps; i++)
			if (apps[i].pid) {
				close(apps[i].cmd_fd);
				close(apps[i].rep_fd);
			}
		app_main(a, cp[0], rp[1]);
	}
	close(cp[0]);
	close(rp[1]);
	apps[a].pid = pid;
	apps[a].cmd_fd = cp[1];
	apps[a].rep_fd = rp[0];
	return 0;
}

static void reap(unsigned int a)
{
	close(apps[a].cmd_fd);
	close(apps[a].rep_fd);
	waitpid(apps[a].pid, NULL, 0);
	apps[a].pid = 0;
}

static unsigned int alive(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < n_apps; i++)
		n += apps[i].pid != 0;
	return n;
}

/* The low-memory killer: kill the least recently used background app. */
static void lmk_kill(int fg)
{
	int victim = -1;
	unsigned int i;

	if (now_ms() - last_kill_ms < lmk_cooldown_ms || alive() <= min_apps)
		return;
	for (i = 0; i < n_apps; i++) {
		if (!apps[i].pid || (int)i == fg)
			continue;
		if (victim < 0 || apps[i].last_used < apps[victim].last_used)
			victim = i;
	}
	if (victim < 0)
		return;
	kill(apps[victim].pid, SIGKILL);
	reap(victim);
	kills++;
	last_kill_ms = now_ms();
	if (!quiet)
		printf("lmk kill app=%d switch=%lu\n", victim, nswitch);
}

/* SwapFree below swap_low_pct of SwapTotal (lmkd's swap_free_low). */
static int swap_low(void)
{
	unsigned long total = 0, free = 0, v;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "SwapTotal: %lu", &v) == 1)
			total = v;
		else if (sscanf(line, "SwapFree: %lu", &v) == 1)
			free = v;
	}
	fclose(f);
	return total && free * 100 < total * swap_low_pct;
}

/*
 * Free swap below swap_low_pct: kill LRU background apps, without the
 * cooldown, until it is not (or min_apps are left).  Swap running out ends
 * in the kernel's OOM killer, which is what the killer is there to avoid.
 */
static void swap_guard(int fg)
{
	while (psi_fd >= 0 && swap_low() && alive() > min_apps) {
		unsigned long k = kills;

		last_kill_ms = 0;
		lmk_kill(fg);
		if (kills == k)
			break;
	}
}

/*
 * Serve the killer for up to @timeout_ms: a PSI event kills, and so does
 * swap running out (checked every 100 ms), as Android's lmkd does.
 */
static void psi_check(int fg, int timeout_ms)
{
	double end = now_ms() + timeout_ms;

	if (psi_fd < 0) {
		if (timeout_ms > 0)
			poll(NULL, 0, timeout_ms);
		return;
	}
	do {
		struct pollfd p = { .fd = psi_fd, .events = POLLPRI };
		int t = end - now_ms();

		if (t > 50)
			t = 50;
		if (t < 0)
			t = 0;
		if (poll(&p, 1, t) > 0 && (p.revents & POLLPRI)) {
			psi_events++;
			lmk_kill(fg);
		}
		swap_guard(fg);
	} while (now_ms() < end);
}

/*
 * Wait for app @a's reply while serving PSI events.  Returns 0, or -1 when
 * the app died (the kernel's OOM killer, or a crash).
 */
static int wait_reply(unsigned int a, struct reply *rep)
{
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = apps[a].rep_fd, .events = POLLIN },
			{ .fd = psi_fd, .events = POLLPRI },
		};
		int n = poll(p, psi_fd >= 0 ? 2 : 1, psi_fd >= 0 ? 50 : -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (psi_fd >= 0 && (p[1].revents & POLLPRI)) {
			psi_events++;
			lmk_kill(a);
		}
		swap_guard(a);
		if (p[0].revents)
			return read_full(apps[a].rep_fd, rep, sizeof(*rep));
	}
}

static int psi_open(void)
{
	char trig[64];
	int fd = open(PSI_FILE, O_RDWR | O_NONBLOCK);

	if (fd < 0) {
		fprintf(stderr, "mempressure: %s: %s (boot with psi=1?)\n",
			PSI_FILE, strerror(errno));
		return -1;
	}
	snprintf(trig, sizeof(trig), "some %u %u", psi_stall_us, psi_window_us);
	if (write(fd, trig, strlen(trig) + 1) < 0) {
		fprintf(stderr, "mempressure: PSI trigger '%s': %s\n", trig,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted @v. */
static double pct(const double *v, size_t n, double p)
{
	size_t r;

	if (!n)
		return 0;
	r = (size_t)(p / 100.0 * n + 0.999999);
	if (r < 1)
		r = 1;
	if (r > n)
		r = n;
	return v[r - 1];
}

/* Next foreground app: geometric over recency (recent apps are likelier). */
static unsigned int next_app(unsigned int fg, uint64_t *rng)
{
	unsigned int order[MAX_APPS], n = 0, i, j, k;

	for (i = 0; i < n_apps; i++)
		if (i != fg)
			order[n++] = i;
	for (i = 1; i < n; i++)		/* most recently used first */
		for (j = i; j > 0 && apps[order[j]].last_used >
				      apps[order[j - 1]].last_used; j--) {
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
	for (k = 0; k + 1 < n; k++) {
		*rng = mix64(*rng);
		if (*rng % 100 < 45)
			break;
	}
	return order[k];
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: mempressure [options]\n"
"Android-style app switching under memory pressure (see the source head).\n"
"  -n, --apps N            app processes (default 8, at most 256)\n"
"  -m, --app-mib MIB       anonymous heap of each app (default 32)\n"
"  -w, --working-set PCT   share of the heap touched at each relaunch (50)\n"
"  -d, --dirty PCT         share of the working set rewritten while in the\n"
"                          foreground (10)\n"
"  -z, --zero PCT          share of zero pages (20)\n"
"  -c, --compressible PCT  share of ~2:1 compressible pages (50); the rest\n"
"                          are random (incompressible)\n"
"  -s, --switches N        foreground switches after all apps launched (60)\n"
"  -S, --seed N            seed of page contents and of the script (1)\n"
"  -t, --think MS          time each app stays in the foreground (20)\n"
"  -k, --lmk               low-memory killer: on a PSI memory trigger, kill\n"
"                          the least recently used background app\n"
"  -T, --psi-stall US      trigger: 'some' stall of US microseconds ...\n"
"                          (150000)\n"
"  -W, --psi-window US     ... within a window of US microseconds (1000000)\n"
"  -L, --swap-low PCT      the killer also kills (checked every 50 ms and at\n"
"                          each switch, no cooldown) while free swap is below\n"
"                          PCT of the swap space (10; 0: never)\n"
"  -C, --lmk-cooldown MS   at most one kill per MS milliseconds (500)\n"
"  -a, --min-apps N        the killer leaves at least N apps alive (2)\n"
"  -q, --quiet             no per-relaunch / per-kill lines\n"
"  -G, --cgroup DIR        run app A in the cgroup DIR/appA (cgroup v2; made\n"
"                          when missing, kept for its cold starts)\n"
"  -X, --corrupt N         self-test of the checker: flip a bit in N pages of\n"
"                          the first surviving app before the final check\n"
"                          (it must then report integrity_failures=N)\n"
"  -h, --help              this text\n"
"Output: 'relaunch SEQ app=A ms=X' per warm relaunch, 'lmk kill ...' per\n"
"kill, then key=value lines: relaunches, relaunch_p50_ms, relaunch_p95_ms,\n"
"relaunch_p99_ms, relaunch_max_ms, kills, psi_events, cold_starts,\n"
"app_deaths (killed by the kernel), pswpin, pswpout (deltas), pages_checked,\n"
"integrity_failures, elapsed_s.\n"
"Exit: 0 no integrity failure, 1 bad pages, 2 usage or setup error.\n");
}

static unsigned long num(const char *s, const char *opt)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end) {
		fprintf(stderr, "mempressure: bad number '%s' for %s\n", s, opt);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "apps", 1, NULL, 'n' }, { "app-mib", 1, NULL, 'm' },
		{ "working-set", 1, NULL, 'w' }, { "dirty", 1, NULL, 'd' },
		{ "zero", 1, NULL, 'z' }, { "compressible", 1, NULL, 'c' },
		{ "switches", 1, NULL, 's' }, { "seed", 1, NULL, 'S' },
		{ "think", 1, NULL, 't' }, { "lmk", 0, NULL, 'k' },
		{ "psi-stall", 1, NULL, 'T' }, { "psi-window", 1, NULL, 'W' },
		{ "lmk-cooldown", 1, NULL, 'C' }, { "min-apps", 1, NULL, 'a' },
		{ "quiet", 0, NULL, 'q' }, { "corrupt", 1, NULL, 'X' },
		{ "swap-low", 1, NULL, 'L' }, { "cgroup", 1, NULL, 'G' },
		{ "help", 0, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long in0, out0;
	double t0, *lat;
	size_t nlat = 0;
	uint64_t rng, checked = 0;
	unsigned int i, fg;
	int opt;

	while ((opt = getopt_long(argc, argv, "n:m:w:d:z:c:s:S:t:kT:W:C:a:qX:L:G:h",
				  lo, NULL)) != -1) {
		switch (opt) {
		case 'n': n_apps = num(optarg, "--apps"); break;
		case 'm': app_mib = num(optarg, "--app-mib"); break;
		case 'w': ws_pct = num(optarg, "--working-set"); break;
		case 'd': dirty_pct = num(optarg, "--dirty"); break;
		case 'z': zero_pct = num(optarg, "--zero"); break;
		case 'c': comp_pct = num(optarg, "--compressible"); break;
		case 's': n_switches = num(optarg, "--switches"); break;
		case 'S': seed = num(optarg, "--seed"); break;
		case 't': think_ms = num(optarg, "--think"); break;
		case 'k': lmk = 1; break;
		case 'T': psi_stall_us = num(optarg, "--psi-stall"); break;
		case 'W': psi_window_us = num(optarg, "--psi-window"); break;
		case 'C': lmk_cooldown_ms = num(optarg, "--lmk-cooldown"); break;
		case 'a': min_apps = num(optarg, "--min-apps"); break;
		case 'q': quiet = 1; break;
		case 'L': swap_low_pct = num(optarg, "--swap-low"); break;
		case 'X': corrupt = num(optarg, "--corrupt"); break;
		case 'G': cg_dir = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || n_apps < 2 || n_apps > MAX_APPS || !app_mib ||
	    ws_pct > 100 || !ws_pct || dirty_pct > 100 ||
	    zero_pct + comp_pct > 100) {
		fprintf(stderr, "mempressure: bad arguments (2 <= apps <= %d, "
			"0 < working-set <= 100, zero + compressible <= 100)\n",
			MAX_APPS);
		usage(stderr);
		return 2;
	}
	page_size = sysconf(_SC_PAGESIZE);
	page_words = page_size / sizeof(uint64_t);
	/* An app the kernel killed shows as EPIPE, not as our death. */
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	{
		/* The kernel's OOM killer takes apps, never the controller. */
		FILE *f = fopen("/proc/self/oom_score_adj", "w");

		if (f) {
			fprintf(f, "-1000\n");
			fclose(f);
		}
	}
	if (lmk) {
		psi_fd = psi_open();
		if (psi_fd < 0)
			return 2;
	}
	lat = calloc(n_switches + 1, sizeof(*lat));
	if (!lat)
		return 2;
	printf("mempressure: apps=%u app_mib=%u working_set=%u%% dirty=%u%% zero=%u%% compressible=%u%% switches=%u seed=%llu think_ms=%u lmk=%d\n",
	       n_apps, app_mib, ws_pct, dirty_pct, zero_pct, comp_pct,
	       n_switches, (unsigned long long)seed, think_ms, lmk);
	in0 = vmstat("pswpin");
	out0 = vmstat("pswpout");
	t0 = now_ms();
	rng = mix64(seed ^ 0x5eed);

	/* Launch every app in turn: each one is foreground while it starts. */
	fg = 0;
	for (i = 0; i <= n_apps + n_switches - 1; i++) {
		struct reply rep;
		struct cmd c;
		unsigned int a;
		double t;

		nswitch = i;
		a = i < n_apps ? i : next_app(fg, &rng);
		swap_guard(a);
		t = now_ms();
		if (!apps[a].pid) {
			/* Launch, or cold start of an app the killer took. */
			if (apps[a].launched)
				cold_starts++;
			if (spawn(a))
				return 2;
			if (wait_reply(a, &rep)) {
				fprintf(stderr, "mempressure: app %u died while launching\n", a);
				app_deaths++;
				reap(a);
				continue;
			}
			apps[a].launched = 1;
		} else {
			c.op = OP_RELAUNCH;
			c.gen_step = mix64(seed ^ i);
			if (write_full(apps[a].cmd_fd, &c, sizeof(c)) ||
			    wait_reply(a, &rep)) {
				fprintf(stderr, "mempressure: app %u died (OOM killer?)\n", a);
				app_deaths++;
				reap(a);
				continue;
			}
			lat[nlat++] = now_ms() - t;
			integrity_failures += rep.bad;
			checked += rep.pages;
			if (!quiet)
				printf("relaunch %zu app=%u ms=%.3f\n", nlat,
				       a, lat[nlat - 1]);
		}
		apps[a].last_used = i + 1;
		fg = a;
		psi_check(fg, think_ms);
	}

	/* Final integrity check of every surviving app, then quit them. */
	for (i = 0; i < n_apps; i++) {
		struct cmd c = { .op = OP_VERIFY };
		struct reply rep;

		if (!apps[i].pid)
			continue;
		c.gen_step = corrupt;
		corrupt = 0;	/* only the first surviving app */
		if (write_full(apps[i].cmd_fd, &c, sizeof(c)) ||
		    read_full(apps[i].rep_fd, &rep, sizeof(rep))) {
			fprintf(stderr, "mempressure: app %u died before its check\n", i);
			app_deaths++;
		} else {
			integrity_failures += rep.bad;
			checked += rep.pages;
		}
		c.op = OP_QUIT;
		write_full(apps[i].cmd_fd, &c, sizeof(c));
		reap(i);
	}

	qsort(lat, nlat, sizeof(*lat), cmp_double);
	printf("relaunches=%zu\n", nlat);
	printf("relaunch_p50_ms=%.3f\n", pct(lat, nlat, 50));
	printf("relaunch_p95_ms=%.3f\n", pct(lat, nlat, 95));
	printf("relaunch_p99_ms=%.3f\n", pct(lat, nlat, 99));
	printf("relaunch_max_ms=%.3f\n", nlat ? lat[nlat - 1] : 0.0);
	printf("kills=%lu\n", kills);
	printf("psi_events=%lu\n", psi_events);
	printf("cold_starts=%lu\n", cold_starts);
	printf("app_deaths=%lu\n", app_deaths);
	printf("pswpin=%lu\n", vmstat("pswpin") - in0);
	printf("pswpout=%lu\n", vmstat("pswpout") - out0);
	printf("pages_checked=%llu\n", (unsigned long long)checked);
	printf("integrity_failures=%llu\n", (unsigned long long)integrity_failures);
	printf("elapsed_s=%.1f\n", (now_ms() - t0) / 1e3);
	return integrity_failures || app_deaths ? 1 : 0;
}
