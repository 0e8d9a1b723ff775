#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make test-kernel-7.2: build logswap.ko against the patched 7.2 kernel of
# tests/kernel-7.2/build.sh (build/kernel-7.2/obj) - the Kbuild probe then
# builds the swap backend half of vswap.c - and boot that kernel in QEMU
# (2 vCPUs) with tests/qemu/suites/kernel-7.2.  Ends with run.sh's
# "N passed, N failed".
#
#   tests/kernel-7.2/test.sh [run.sh options]
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KB=$ROOT/build/kernel-7.2
OBJ=${KERNEL72_OBJ:-$KB/obj}
MOD=$KB/mod
IMG=$OBJ/arch/x86/boot/bzImage

[ -f "$IMG" ] && [ -f "$OBJ/Module.symvers" ] ||
	{ echo "test-kernel-7.2: no kernel in $OBJ: run make kernel-7.2-backend" >&2; exit 1; }

# A private copy of the driver: the tree's own objects belong to `make module`.
rm -rf "$MOD"
mkdir -p "$MOD/drivers/block" "$MOD/include"
cp -r "$ROOT/drivers/block/logswap" "$MOD/drivers/block/"
cp -r "$ROOT/include/logswap" "$MOD/include/"
find "$MOD" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \
	-o -name 'Module.symvers' -o -name 'modules.order' \) -delete
nice -n 10 make -s -C "$OBJ" M="$MOD/drivers/block/logswap" CC="ccache gcc" W=1 modules
KO=$MOD/drivers/block/logswap/logswap.ko
grep -q LSW_HAVE_SWAP_BACKEND "$MOD/drivers/block/logswap/.main.o.cmd" ||
	{ echo "test-kernel-7.2: the Kbuild probe did not enable the swap backend" >&2; exit 1; }
echo "test-kernel-7.2: $KO built with the swap backend"

# One QEMU guest at a time on the machine.
exec flock /tmp/lsw-qemu.lock "$ROOT/tests/qemu/run.sh" --kernel "$IMG" --ko "$KO" \
	--suite "$ROOT/tests/qemu/suites/kernel-7.2" --name kernel-7.2 \
	--append MIN_FREE_KBYTES=8192 --timeout 1500 "$@"
