#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-kernel: build logswap.ko against the mm-patches kernel of
# `make kernel` (build/kernel/obj) - the Kbuild compat probe then turns on
# vswap mode - and boot that kernel in QEMU with tests/qemu/suites/kernel-vswap.
# Ends with run.sh's "N passed, N failed".
#
#   tests/kernel/test.sh [debug] [run.sh options]
#
# debug (make test-debug): the same against the debug kernel of
# `make kernel-debug` (build/kernel/obj-debug: KASAN, lockdep, kmemleak),
# booted twice: suites/debug (default geometry) and suites/debug-churn (GC
# churn on 64 MiB namespaces of 1 MiB EUs); each ends with a kmemleak check.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KB=$ROOT/build/kernel
FLAVOUR=
[ "${1:-}" != debug ] || { FLAVOUR=-debug; shift; }
OBJ=$KB/obj$FLAVOUR
MOD=$KB/mod$FLAVOUR
IMG=$OBJ/arch/x86/boot/bzImage

[ -f "$IMG" ] && [ -f "$OBJ/Module.symvers" ] ||
	{ echo "test-kernel: no kernel in $OBJ: run make kernel$FLAVOUR" >&2; exit 1; }

# A private copy of the driver: the tree's own objects belong to `make module`.
rm -rf "$MOD"
mkdir -p "$MOD/drivers/block" "$MOD/include"
cp -r "$ROOT/drivers/block/logswap" "$MOD/drivers/block/"
cp -r "$ROOT/include/logswap" "$MOD/include/"
find "$MOD" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \
	-o -name 'Module.symvers' -o -name 'modules.order' \) -delete
nice -n 5 make -s -C "$OBJ" M="$MOD/drivers/block/logswap" CC="ccache gcc" W=1 modules
KO=$MOD/drivers/block/logswap/logswap.ko
grep -q LSW_HAVE_VSWAP "$MOD/drivers/block/logswap/.main.o.cmd" ||
	{ echo "test-kernel: the compat probe did not enable vswap mode" >&2; exit 1; }
echo "test-kernel: $KO built in vswap mode"

if [ -n "$FLAVOUR" ]; then
	# KASAN under TCG: 2-4x slower, so long limits.  The guest memory keeps
	# the vswap cases' 250 MiB working sets larger than RAM.  tsc=reliable:
	# no clocksource watchdog, whose "TSC unstable" lines (TCG is slow)
	# land amid the dmesg lines lsw-badinput checks.
	rc=0
	set -- --append tsc=reliable "$@"
	# dboot SUITE TIMEOUT [run.sh options]: one boot of suites/SUITE.
	dboot() {
		suite=$1 timeout=$2
		shift 2
		"$ROOT/tests/qemu/run.sh" --kernel "$IMG" --ko "$KO" \
			--suite "$ROOT/tests/qemu/suites/$suite" --name "$suite" \
			--mem "${DEBUG_MEM:-352M}" --timeout "$timeout" \
			--case-timeout 1200 "$@" || rc=1
	}
	geo1m="--zns-size 64M --zone-size 1M --conv-size 64M"	# split on purpose
	dboot debug 3600 "$@"
	dboot debug-churn 2400 $geo1m "$@"
	dboot debug-hostile 2400 "$@"
	dboot debug-faults 2400 $geo1m \
		--blkdebug-zns "$ROOT/tests/qemu/suites/faults.zns.rules" \
		--blkdebug-conv "$ROOT/tests/qemu/suites/faults.conv.rules" "$@"
	dboot debug-life 3000 --conv-size 256M "$@"
	exit $rc
fi
exec "$ROOT/tests/qemu/run.sh" --kernel "$IMG" --ko "$KO" \
	--suite "$ROOT/tests/qemu/suites/kernel-vswap" --name kernel-vswap \
	--timeout 1500 "$@"
