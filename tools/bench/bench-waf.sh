#!/bin/bash
# make bench-waf: WAF and erase-count spread of every logswap placement
# policy (logswap-greedy = hotcold with greedy GC, logswap-cost-benefit,
# logswap-stream, logswap-lifetime; wear leveling on and off) and the
# simulator-only logswap-oracle bound, against ftl-plain-swap and
# znswap-greedy, on each synthetic workload kind (lsw_sim gen --kind:
# android, appkill, thp, server; trace v2, stores carry the cgroup hint) at
# 50%, 75% and 90% utilisation (mean live pages / logical size).  Writes
# bench/results/waf.json and waf.png.  Not a test: it measures.  Tunables
# via environment: SEED, WRITES, WL, EUS, EU_BLOCKS, NR_BUFFERS, KINDS,
# UTILS.
set -eu
cd "$(dirname "$0")/../.."
SIM=${1:-build/sim/lsw_sim}
SEED=${SEED:-1}
WRITES=${WRITES:-20}		# stores = WRITES x logical size per point
WL=${WL:-4}			# wl_threshold when wear leveling is on
EUS=${EUS:-128}
EU_BLOCKS=${EU_BLOCKS:-1024}	# 4 MiB erase units, 512 MiB of flash
NR_BUFFERS=${NR_BUFFERS:-16}	# HOT buffers: one per placement group
KINDS=${KINDS:-android appkill thp server}
UTILS=${UTILS:-0.50 0.75 0.90}
OUT=bench/results
TMP=build/sim/bench
mkdir -p "$OUT" "$TMP"
: > "$TMP/points.jsonl"
for k in $KINDS; do
	for u in $UTILS; do
		trace="$TMP/$k-u$u-s$SEED.trace"
		nice -n 5 "$SIM" gen --kind "$k" --v2 --seed "$SEED" --util "$u" \
			--writes "$WRITES" --eus "$EUS" --eu-blocks "$EU_BLOCKS" \
			--wl-threshold "$WL" -o "$trace"
		echo "== $k, utilisation $u: $(grep -c '^[wz]' "$trace") stores" >&2
		nice -n 5 "$SIM" run "$trace" --wl-threshold "$WL" \
			--nr-buffers "$NR_BUFFERS" --json |
			sed "s/^{/{\"workload\": \"$k\", \"point\": $u, /" |
			tee -a "$TMP/points.jsonl"
		rm -f "$trace"
	done
done
# Debian's python3 has python3-matplotlib (a pyenv python first in PATH may not).
PY=${PYTHON:-python3}
[ -x /usr/bin/python3 ] && [ -z "${PYTHON:-}" ] && PY=/usr/bin/python3
"$PY" tools/plot/plot_waf.py "$TMP/points.jsonl" "$OUT/waf.json" "$OUT/waf.png" \
	"seed=$SEED writes=$WRITES wl_threshold=$WL eus=$EUS eu_blocks=$EU_BLOCKS nr_buffers=$NR_BUFFERS"
