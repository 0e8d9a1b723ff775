#!/bin/bash
# make bench-android: tools/mempressure's Android-style scenario, same VM
# and seed, on logswap over ZNS, logswap over the conventional namespace,
# plain swap on the conventional namespace and zram, in one QEMU boot
# (tests/qemu/suites/bench-android).  Writes bench/results/android.json
# and the plots android-latency-cdf.png, android-flash-bytes.png.
#
#   tools/bench/bench-android.sh LOGSWAP_KO
set -eu
cd "$(dirname "$0")/../.."
ko=${1:?usage: bench-android.sh path/to/logswap.ko}
out=bench/results
mkdir -p "$out" build/android
# A private copy: the module may be rebuilt while the guest boots.
cp "$ko" build/android/bench-logswap.ko
# Debian's python3 (python3-matplotlib), not one first in PATH (pyenv).
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
rc=0
nice -n 5 tests/qemu/run.sh --suite tests/qemu/suites/bench-android \
	--ko build/android/bench-logswap.ko --name bench-android \
	--case-timeout 900 --timeout 3000 || rc=$?
"$PY" tools/plot/android.py build/qemu/runs/bench-android/console.clean "$out"
[ $rc = 0 ] || echo "bench-android: the guest run reported failures (see above)" >&2
exit $rc
