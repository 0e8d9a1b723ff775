#!/bin/bash
# `make test-sim`: the trace simulator's real behaviour.  Each case prints
# ok/not ok; the last line is `N passed, N failed`.
set -u
cd "$(dirname "$0")/../.."
SIM=${1:-build/sim/lsw_sim}
T=build/sim/test
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
mkdir -p "$T"
pass=0
fail=0
ok()  { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
# value of `key: N` in file $1
val() { sed -n "s/^$2: //p" "$1"; }

GEO="--eus 32 --eu-blocks 256"	# 32 MiB: small and fast

# 1. gen is reproducible for a seed and differs for another seed.
"$SIM" gen $GEO --seed 7 --util 0.8 --writes 4 -o "$T/a.trace"
"$SIM" gen $GEO --seed 7 --util 0.8 --writes 4 -o "$T/b.trace"
"$SIM" gen $GEO --seed 8 --util 0.8 --writes 4 -o "$T/c.trace"
check "gen: same seed, same bytes" cmp -s "$T/a.trace" "$T/b.trace"
check "gen: another seed, other bytes" bash -c "! cmp -s $T/a.trace $T/c.trace"
check "gen: trace has header, stores, frees and zero pages" bash -c "
	head -1 $T/a.trace | grep -qx '# logswap-trace v1' &&
	grep -q '^geometry nr_eus=32 ' $T/a.trace && grep -q '^config ' $T/a.trace &&
	grep -q '^w ' $T/a.trace && grep -q '^d ' $T/a.trace && grep -q '^z ' $T/a.trace"
# Slot discipline of the allocator model: never slot 0, never a store to a
# live slot, never a free of a free slot, all below nr_slots.
check "gen: allocator never reuses a live slot nor frees a free one" $PY - "$T/a.trace" <<'PYEOF'
import sys
live = set(); n = None
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == 'config':
        n = int(dict(x.split('=') for x in f[1:])['nr_slots'])
    if f[0] in ('w', 'z'):
        s = int(f[1])
        assert 0 < s < n and s not in live, line
        live.add(s)
    elif f[0] == 'd':
        live.remove(int(f[1]))
PYEOF
check "gen: --help documents the model" bash -c "$SIM gen --help | grep -q 'low-memory killer'"

# 2. A hand-written driven trace replays to the counters computed by hand.
"$SIM" replay tests/sim/hand-driven.trace > "$T/hand.out" 2>&1
check "replay hand trace: exit 0" test $? = 0
check "replay hand trace: flash_blocks 35" test "$(val "$T/hand.out" flash_blocks)" = 35
check "replay hand trace: host_writes 24, segments 9" \
	test "$(val "$T/hand.out" host_writes)/$(val "$T/hand.out" segments)" = 24/9
check "replay hand trace: gc_moved 3, erases 3" \
	test "$(val "$T/hand.out" gc_moved)/$(val "$T/hand.out" erases)" = 3/3
check "replay hand trace: end line matches, engine check ok" \
	test "$(val "$T/hand.out" end_match)/$(val "$T/hand.out" check)" = yes/ok

# 3. Bad input: clear message, non-zero exit.
printf '# logswap-trace v1\nw 1\nx 3\n' > "$T/bad.trace"
"$SIM" replay "$T/bad.trace" > /dev/null 2> "$T/bad.err"
check "replay: unknown record refused" bash -c "test $? != 0 && grep -q \"unknown record 'x'\" $T/bad.err"
printf '# logswap-trace v1\ngeometry nr_eus=8 eu_stride=16 eu_blocks=16 max_open=0 zoned=0\nw 5000\n' > "$T/far.trace"
"$SIM" replay "$T/far.trace" > "$T/far.out" 2> "$T/far.err"
check "replay: slot beyond the logical size refused" bash -c "test $? != 0 && grep -q 'beyond the logical size' $T/far.err && ! test -s $T/far.out"

# 4. Self-driven replay of a generated trace passes lsw_engine_check and
#    keeps exactly the trace's live set.
"$SIM" replay "$T/a.trace" > "$T/a.out" 2>&1
check "replay gen trace: exit 0 and lsw_engine_check ok" bash -c "test $? = 0 && grep -qx 'check: ok' $T/a.out"
live=$($PY - "$T/a.trace" <<'PYEOF'
import sys
nz = set(); z = set()
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == 'w': nz.add(int(f[1])); z.discard(int(f[1]))
    elif f[0] == 'z': z.add(int(f[1])); nz.discard(int(f[1]))
    elif f[0] == 'd': nz.discard(int(f[1])); z.discard(int(f[1]))
print(len(nz), len(z))
PYEOF
)
check "replay gen trace: live_slots/zero_slots = the trace's live set ($live)" \
	test "$(val "$T/a.out" live_slots) $(val "$T/a.out" zero_slots)" = "$live"
check "replay gen trace: GC ran and moved pages" bash -c "test $(val "$T/a.out" gc_moved) -gt 0"

# 5. Every system on the same trace: invariants of each model.
"$SIM" run "$T/a.trace" --json --wl-threshold 4 > "$T/run.json" 2> "$T/run.err"
check "run: exit 0 (every model's invariants held)" test $? = 0
check "run: accounting and live sets of all systems" $PY - "$T/run.json" "$T/a.trace" <<'PYEOF'
import json, sys
pts = [json.loads(l) for l in open(sys.argv[1])]
host = sum(1 for l in open(sys.argv[2]) if l[0] in 'wz')
zero = sum(1 for l in open(sys.argv[2]) if l[0] == 'z')
names = sorted({p['system'] for p in pts})
assert names == ['ftl-plain-swap', 'logswap-cost-benefit', 'logswap-greedy',
                 'logswap-lifetime', 'logswap-oracle', 'logswap-stream',
                 'znswap-greedy'], names
for p in pts:
    assert p['check_ok'], p
    assert p['host_writes'] == host and p['zero_writes'] == zero, p
    if p['system'] in ('ftl-plain-swap', 'znswap-greedy'):
        # baselines: every store (zero pages too) plus every copy hits flash
        assert p['flash_blocks'] == p['host_writes'] + p['copies'], p
    else:
        # logswap (flushed at the end): zero pages never reach flash, nor
        # pages freed while in a RAM buffer; each other store, each GC copy
        # and each segment's summary is a block
        assert p['flash_blocks'] == p['host_writes'] - p['zero_writes'] - p['ram_dropped'] + p['copies'] + p['summaries'], p
    assert abs(p['waf'] - p['flash_blocks'] / p['host_writes']) < 1e-3, p
PYEOF

# 6. The FTL model by hand: 8 EUs x 16 blocks (119 logical pages), slots
#    0..15 rewritten 10 times: each round fills one EU and kills the last;
#    GC starts when only the reserve EU is left (round 8) and always finds
#    an empty victim: 160 flash writes, 0 copies, 3 erases.
{ echo '# logswap-trace v1'
  echo 'geometry nr_eus=8 eu_stride=16 eu_blocks=16 max_open=0 zoned=0'
  echo 'config seg_blocks=4 nr_slots=36'
  for r in $(seq 10); do for s in $(seq 0 15); do echo "w $((s + 1))"; done; done
} > "$T/ftl.trace"
"$SIM" run "$T/ftl.trace" --json > "$T/ftl.json" 2>&1
check "ftl model by hand: 160 flash, 0 copies, 3 erases" bash -c \
	"grep '\"ftl-plain-swap\"' $T/ftl.json | grep -q '\"flash_blocks\": 160, \"copies\": 0, \"erases\": 3,'"

# 7. Wear leveling: with a tiny threshold, logswap greedy's spread is not
#    above the one with WL off, and stays within threshold + 1 + a victim.
check "wear leveling narrows or keeps the erase spread" $PY - "$T/run.json" <<'PYEOF'
import json, sys
pts = {(p['system'], p['wear_leveling']): p for p in map(json.loads, open(sys.argv[1]))}
on, off = pts[('logswap-greedy', True)], pts[('logswap-greedy', False)]
assert on['erase_spread'] <= off['erase_spread'], (on, off)
assert on['wl_threshold'] == 4 and off['wl_threshold'] > 10**6
PYEOF

# 8. A driven trace that stores more than the buffers hold without a flush:
#    the replayer flushes on -EAGAIN and counts the divergence.  Two buffers
#    of 3 data blocks: the 7th store finds both full -> one divergence, and
#    that flush writes every full buffer: two segments, 8 blocks.
{ echo '# logswap-trace v1'
  echo 'geometry nr_eus=8 eu_stride=16 eu_blocks=16 max_open=0 zoned=0'
  echo 'config seg_blocks=4 nr_buffers=2 nr_slots=36 gc_reserve=2 gc_low=3 gc_high=4 wl_threshold=256 gc_policy=greedy'
  for s in 1 2 3 4 5 6 7; do echo "w $s"; done
  echo g 4
} > "$T/div.trace"
"$SIM" replay "$T/div.trace" > "$T/div.out" 2>&1
check "driven replay: -EAGAIN flushed and counted as a divergence" \
	test "$(val "$T/div.out" divergences)/$(val "$T/div.out" flash_blocks)/$(val "$T/div.out" check)" = 1/8/ok

# 9. Zoned geometry with a zone capacity below the zone size and an open
#    zone limit: the strict RAM device accepts every write of the replay.
"$SIM" gen --eus 24 --eu-blocks 192 --eu-stride 256 --zoned 1 --max-open 4 \
	--util 0.85 --writes 4 -o "$T/zoned.trace"
"$SIM" replay "$T/zoned.trace" > "$T/zoned.out" 2> "$T/zoned.err"
check "zoned replay (cap 192 < stride 256, max_open 4): no flash-rule violation, check ok" \
	bash -c "test $? = 0 && grep -qx 'check: ok' $T/zoned.out && ! grep -q VIOLATION $T/zoned.err && test \$(sed -n 's/^gc_moved: //p' $T/zoned.out) -gt 0"

# 10. Trace v2 (issue 15): stores carry a stream hint.  A v1 trace replays
#     to the very counters of the same records as v2 with hints under the
#     default placement (hotcold ignores hints); the hand trace keeps its
#     hand-computed counters (section 2) and a golden v1 replay its output.
"$SIM" replay "$T/a.trace" | grep -v '^version:' > "$T/v1.out"
sed -e '1s/v1/v2/' -e 's/^\([wz] [0-9]*\)$/\1 3/' "$T/a.trace" > "$T/a2.trace"
"$SIM" replay "$T/a2.trace" > "$T/v2.out"
check "v2: hints parsed (version 2 header, one per store)" bash -c "
	grep -qx 'version: 2' $T/v2.out && test \$(grep -c '^[wz] [0-9]* 3\$' $T/a2.trace) = \$(grep -c '^[wz] ' $T/a.trace)"
grep -v '^version:' "$T/v2.out" > "$T/v2b.out"
check "v1 replay = the same records as v2 under hotcold (bit-identical counters)" cmp -s "$T/v1.out" "$T/v2b.out"
check "v1 golden: generated seed-7 trace replays to its recorded counters" bash -c "
	grep -qx 'flash_blocks: 29908' $T/v1.out && grep -qx 'gc_moved: 6213' $T/v1.out &&
	grep -qx 'ram_dropped: 313' $T/v1.out && grep -qx 'segments: 133' $T/v1.out"
printf '# logswap-trace v2\nw 1 x\n' > "$T/badhint.trace"
"$SIM" replay "$T/badhint.trace" > /dev/null 2> "$T/badhint.err"
check "v2: a malformed hint is refused" bash -c "test $? != 0 && grep -q 'bad hint' $T/badhint.err"
# 11. Placement replays exactly: per-cgroup streams on an appkill trace
#     (apps die whole) move fewer pages than hotcold, twice the same output.
"$SIM" gen --eus 128 --eu-blocks 64 --kind appkill --v2 --seed 3 --util 0.85 --writes 6 -o "$T/k.trace"
"$SIM" gen --eus 128 --eu-blocks 64 --kind appkill --v2 --seed 3 --util 0.85 --writes 6 -o "$T/k2.trace"
check "gen --kind appkill --v2: reproducible, v2 header, hints = cgroups" bash -c "
	cmp -s $T/k.trace $T/k2.trace && head -1 $T/k.trace | grep -qx '# logswap-trace v2' &&
	grep -q '^w [0-9]* [0-9]*\$' $T/k.trace"
"$SIM" replay "$T/k.trace" --nr-buffers 16 > "$T/k-hc.out"
"$SIM" replay "$T/k.trace" --nr-buffers 16 --placement stream > "$T/k-st.out"
"$SIM" replay "$T/k.trace" --nr-buffers 16 --placement stream > "$T/k-st2.out"
check "stream placement replays exactly (same output twice), check ok" bash -c "
	cmp -s $T/k-st.out $T/k-st2.out && grep -qx 'check: ok' $T/k-st.out && grep -qx 'placement: stream' $T/k-st.out"
check "stream placement moves fewer pages than hotcold on app kills" \
	test "$(val "$T/k-st.out" gc_moved)" -lt "$(val "$T/k-hc.out" gc_moved)"
"$SIM" replay "$T/k.trace" --nr-buffers 16 --placement lifetime --cold 2 > "$T/k-lt.out"
check "lifetime placement with 2 COLD groups: check ok" bash -c "grep -qx 'check: ok' $T/k-lt.out"
# 11b. The recorder's v2 header names the placement it ran with: a replay
#      takes it from there, as from --placement.
{ head -4 "$T/k.trace"; echo "placement policy=stream groups=0 cold=1"; tail -n +5 "$T/k.trace"; } > "$T/kp.trace"
"$SIM" replay "$T/kp.trace" --nr-buffers 16 > "$T/kp.out"
check "v2 placement header line: replayed as --placement stream" bash -c "
	grep -qx 'placement: stream' $T/kp.out && diff <(grep -v '^records:' $T/kp.out) <(grep -v '^records:' $T/k-st.out) >/dev/null"
# 12. run --json: each policy its own system, and the oracle bound.
"$SIM" run "$T/k.trace" --nr-buffers 16 --json > "$T/k.json"
check "run --json: logswap-<policy> systems, WL on and off, checks ok" $PY - "$T/k.json" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
names = {(r["system"], r["wear_leveling"]) for r in rows}
for s in ("greedy", "cost-benefit", "stream", "lifetime", "oracle"):
    assert ("logswap-" + s, True) in names and ("logswap-" + s, False) in names, s
assert all(r["check_ok"] for r in rows)
w = {r["system"]: r["waf"] for r in rows if r["wear_leveling"] == r["system"].startswith("logswap")}
assert w["logswap-stream"] < w["logswap-greedy"], w
PYEOF
# 13. The other kinds: reproducible, documented, the server one cgroup.
for k in thp server; do
	"$SIM" gen $GEO --kind $k --v2 --seed 5 --util 0.7 --writes 3 -o "$T/$k.trace"
	"$SIM" gen $GEO --kind $k --v2 --seed 5 --util 0.7 --writes 3 -o "$T/$k-2.trace"
	"$SIM" replay "$T/$k.trace" > "$T/$k.out" 2>&1
	check "gen --kind $k: reproducible, replays with check ok" bash -c "
		cmp -s $T/$k.trace $T/$k-2.trace && grep -qx 'check: ok' $T/$k.out"
done
check "gen --kind server: one cgroup, every free a swap-in or nothing else" bash -c "
	test \$(grep '^[wz] ' $T/server.trace | awk '{print \$3}' | sort -u) = 1"
check "gen --kind thp: stores come in 2 MiB runs of one cgroup" $PY - "$T/thp.trace" <<'PYEOF'
import sys
runs = []; last = None; n = 0
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] in ('w', 'z'):
        if f[2] == last: n += 1
        else:
            if n: runs.append(n)
            last, n = f[2], 1
runs.append(n)
assert max(runs) >= 512 and sum(r for r in runs if r >= 512) * 2 > sum(runs), runs[:20]
PYEOF
check "gen --help documents every kind" bash -c "$SIM gen --help | grep -q appkill && $SIM gen --help | grep -q 'Zipf\|zipf' && $SIM gen --help | grep -q 'thp'"

echo "${pass} passed, ${fail} failed"
[ "$fail" = 0 ]
