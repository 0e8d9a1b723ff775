#!/bin/bash
# make bench-io: in one QEMU boot (with fio, 512 MiB guest), raw sequential
# write bandwidth and raw 4 KiB random read IOPS of the ZNS and the
# conventional namespace, against logswap on each: swap-out throughput
# under a memory hog and 4 KiB random reads through /dev/logswap0
# (tests/qemu/cases/bench-io.sh).  Writes bench/results/io.json and
# bench/results/io.png.
#
#   tools/bench/bench-io.sh LOGSWAP_KO
set -eu
cd "$(dirname "$0")/../.."
ko=${1:?usage: bench-io.sh path/to/logswap.ko}
out=bench/results
mkdir -p "$out" build/android
cp "$ko" build/android/bench-io-logswap.ko
# Debian's python3 (python3-matplotlib), not one first in PATH (pyenv).
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
rc=0
# The host's load, for io.json: the machine is shared.  Other work: any
# process above 10% CPU that is not this run (sampled before and after).
others() {
	ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 10 && $2 !~ /^(qemu-system|ps|awk|bench-io)/ { print $2 " " $1 "%" }'
}
BENCH_LOAD_BEFORE=$(cat /proc/loadavg)
o1=$(others)
nice -n 5 tests/qemu/run.sh --suite tests/qemu/suites/bench-io \
	--ko build/android/bench-io-logswap.ko --name bench-io --fio --mem 512M \
	--case-timeout 1200 --timeout 1500 || rc=$?
BENCH_LOAD_AFTER=$(cat /proc/loadavg)
BENCH_OTHERS=$(printf '%s\n%s\n' "$o1" "$(others)" | sed '/^$/d' | sort -u)
export BENCH_LOAD_BEFORE BENCH_LOAD_AFTER BENCH_OTHERS
echo "bench-io: host load before: $BENCH_LOAD_BEFORE; after: $BENCH_LOAD_AFTER"
"$PY" tools/plot/io.py build/qemu/runs/bench-io/console.clean "$out"
[ $rc = 0 ] || echo "bench-io: the guest run reported failures (see above)" >&2
exit $rc
