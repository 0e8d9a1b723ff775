#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-kernel: build logswap.ko against the mm-patches kernel of
# `make kernel` (build/kernel/obj) - the Kbuild compat probe then turns on
# vswap mode - and boot that kernel in QEMU with tests/qemu/suites/kernel-vswap.
# Ends with run.sh's "N passed, N failed".
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KB=$ROOT/build/kernel
OBJ=$KB/obj
MOD=$KB/mod
IMG=$OBJ/arch/x86/boot/bzImage

[ -f "$IMG" ] && [ -f "$OBJ/Module.symvers" ] ||
	{ echo "test-kernel: no kernel in $OBJ: run make kernel" >&2; exit 1; }

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

exec "$ROOT/tests/qemu/run.sh" --kernel "$IMG" --ko "$KO" \
	--suite "$ROOT/tests/qemu/suites/kernel-vswap" --name kernel-vswap \
	--timeout 1500 "$@"
