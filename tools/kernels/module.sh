#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build logswap.ko with W=1 for one supported kernel series.
#
#   tools/kernels/module.sh SERIES [KDIR]
#
# 6.1 builds against Debian 12's installed headers (the kernel that
# linux-headers-amd64 names); 6.12 and 7.2 against the test kernel trees of
# tools/kernels/build.sh (built first when missing).  KDIR overrides the
# tree.  The sources are copied to build/module/SERIES with their repository
# layout (as DKMS does), so modules for several kernels coexist; the last
# line of output says where the module is.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERIES=${1:-}
KDIR=${2:-}
grep -q "^$SERIES " "$ROOT/tools/kernels/pins" 2>/dev/null ||
	{ echo "usage: $0 SERIES [KDIR] (SERIES: $(awk '!/^#/ {printf "%s ", $1}' "$ROOT/tools/kernels/pins"))" >&2; exit 2; }

if [ -z "$KDIR" ]; then
	if [ "$SERIES" = 6.1 ]; then
		kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
			sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p')
		KDIR=/usr/src/linux-headers-$kver
	else
		KDIR=$ROOT/build/kernels/$SERIES/obj
		[ -f "$KDIR/Module.symvers" ] || "$ROOT/tools/kernels/build.sh" "$SERIES" >/dev/null
	fi
fi
[ -f "$KDIR/Makefile" ] || { echo "module: no kernel tree at $KDIR" >&2; exit 1; }

OUT=$ROOT/build/module/$SERIES
mkdir -p "$OUT"
# Sources only (no objects of another kernel's build); unchanged files keep
# their times, so kbuild rebuilds only what changed.
NEW=$OUT/src.new
rm -rf "$NEW"
mkdir -p "$NEW"
tar -C "$ROOT" -cf - --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.symvers' \
	--exclude='*.order' --exclude='.*.d' --exclude='*.a' \
	drivers/block/logswap include/logswap | tar -C "$NEW" -xpf -
(cd "$NEW" && find . -type f) | while read -r f; do
	cmp -s "$NEW/$f" "$OUT/$f" 2>/dev/null && continue
	mkdir -p "$(dirname "$OUT/$f")"
	cp -p "$NEW/$f" "$OUT/$f"
done
# A file gone from the tree goes from the copy too.
(cd "$OUT" && find drivers/block/logswap include/logswap -type f \
	! -name '*.o' ! -name '*.ko' ! -name '*.mod' ! -name '*.mod.c' \
	! -name '.*.cmd' ! -name '*.symvers' ! -name '*.order' ! -name '.*.d' ! -name '*.a') |
	while read -r f; do [ -e "$NEW/$f" ] || rm -f "$OUT/$f"; done
rm -rf "$NEW"

make -C "$KDIR" M="$OUT/drivers/block/logswap" W=1 modules
ko=$OUT/drivers/block/logswap/logswap.ko
echo "module: $SERIES ($(modinfo -F vermagic "$ko" | cut -d" " -f1)): $ko"
