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

[ -n "$KDIR" ] || KDIR=$("$ROOT/tools/kernels/kdir.sh" "$SERIES" | cut -d' ' -f1)
[ -f "$KDIR/Makefile" ] || { echo "module: no kernel tree at $KDIR" >&2; exit 1; }

OUT=$ROOT/build/module/$SERIES
mkdir -p "$OUT"
# Sources only: what a kbuild leaves beside them (BUILT) is never copied,
# nor taken for a source of the copy.  Unchanged files keep their times,
# so kbuild rebuilds only what changed.
BUILT='*.o *.ko *.mod *.mod.c .*.cmd *.symvers *.order .*.d *.a'
set -f
tar_excl= find_excl=
for p in $BUILT; do
	tar_excl="$tar_excl --exclude=$p"
	find_excl="$find_excl ! -name $p"
done
NEW=$OUT/src.new
rm -rf "$NEW"
mkdir -p "$NEW"
# shellcheck disable=SC2086
tar -C "$ROOT" -cf - $tar_excl drivers/block/logswap include/logswap |
	tar -C "$NEW" -xpf -
set +f
(cd "$NEW" && find . -type f) | while read -r f; do
	cmp -s "$NEW/$f" "$OUT/$f" 2>/dev/null && continue
	mkdir -p "$(dirname "$OUT/$f")"
	cp -p "$NEW/$f" "$OUT/$f"
done
# A file gone from the tree goes from the copy too.
set -f
# shellcheck disable=SC2086
(cd "$OUT" && find drivers/block/logswap include/logswap -type f $find_excl) |
	while read -r f; do [ -e "$NEW/$f" ] || rm -f "$OUT/$f"; done
set +f
rm -rf "$NEW"

make -C "$KDIR" M="$OUT/drivers/block/logswap" W=1 modules
ko=$OUT/drivers/block/logswap/logswap.ko
echo "module: $SERIES ($(modinfo -F vermagic "$ko" | cut -d" " -f1)): $ko"
