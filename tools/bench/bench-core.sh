#!/bin/bash
# make bench-core (issue 14 item 5, core part): not a test.
#  - store_ns_1t: ns per stored page, 1.5x overwrite of a 75% full device
#    with GC, one thread (bench_core's own median of 5 runs);
#  - store_instr_excl_copy: callgrind instructions per lsw_store with the
#    page copies (memcpy) subtracted;
#  - store_speedup_2t: store throughput of 2 threads over 1 thread (--mt),
#    median of RUNS alternated runs; memcpy_speedup_2t the same for bare
#    page copies sharing nothing (--memcpy): what this machine allows;
#  - seg_cost_ns: ns per flushed segment in steady-state GC at 1k..256k
#    EUs (--seg-cost), greedy, median of RUNS runs; the same with
#    cost-benefit in seg_cost_ns_cost_benefit (CB_RUNS runs).
# Writes $OUT/core.json and $OUT/core.png (OUT=bench/results) and the raw
# lines to build/bench/core.log.  The load average is recorded: the
# machine is shared, the 2-thread figure needs both cores.
set -eu
bin=$1
RUNS=${RUNS:-5}
out=${BUILD:-build}/bench
res=${OUT:-bench/results}
mkdir -p "$out" "$res"
log=$out/core.log
: >"$log"
load0=$(cut -d' ' -f1 /proc/loadavg)

"$bin" | tee -a "$log"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
	--toggle-collect=lsw_store "$bin" --callgrind >"$out/callgrind.log" 2>&1
stores=$(sed -n 's/^stored //p' "$out/callgrind.log")
# Self cost per function: the page copies are libc's memcpy (the bench is
# built with -fno-builtin-memcpy, see the Makefile).
callgrind_annotate "$out/callgrind.out" >"$out/callgrind.txt" 2>/dev/null
total=$(awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1; exit}' "$out/callgrind.txt")
copy=$(awk '/^ *[0-9,]+ \(.*%\)  .*:__mem(cpy|move)[a-z_0-9]* \[/ {gsub(",","",$1); s+=$1} END {print s+0}' "$out/callgrind.txt")
echo "callgrind_instr_per_store: $(( total / stores ))" | tee -a "$log"
echo "callgrind_instr_per_store_excl_copy: $(( (total - copy) / stores ))" | tee -a "$log"

for r in $(seq "$RUNS"); do
	"$bin" --mt 1 | tee -a "$log"
	"$bin" --mt 2 | tee -a "$log"
	"$bin" --memcpy 1 | tee -a "$log"
	"$bin" --memcpy 2 | tee -a "$log"
done
for n in 1024 16384 65536 262144; do
	for r in $(seq "$RUNS"); do
		"$bin" --seg-cost "$n" | tee -a "$log"
	done
	for r in $(seq "${CB_RUNS:-3}"); do
		"$bin" --seg-cost "$n" cb | tee -a "$log"
	done
done
load1=$(cut -d' ' -f1 /proc/loadavg)
echo "loadavg: $load0 $load1" | tee -a "$log"
# Debian's python3 has python3-matplotlib (make deps), not a python3 in PATH.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" tools/plot/core.py "$log" "$res" "$(nproc)"
