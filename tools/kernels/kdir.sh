#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel tree a module of one supported series builds against, and that
# kernel's release, on one line: "KDIR RELEASE".
#
#   tools/kernels/kdir.sh SERIES
#
# 6.1: Debian 12's installed headers of the kernel linux-headers-amd64
# names; 6.12 and 7.2: the test kernel tree of tools/kernels/build.sh,
# built first when it is missing.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERIES=${1:-}
grep -q "^$SERIES " "$ROOT/tools/kernels/pins" 2>/dev/null ||
	{ echo "usage: $0 SERIES (SERIES: $(awk '!/^#/ {printf "%s ", $1}' "$ROOT/tools/kernels/pins"))" >&2; exit 2; }

if [ "$SERIES" = 6.1 ]; then
	kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p')
	echo "/usr/src/linux-headers-$kver $kver"
else
	kdir=$ROOT/build/kernels/$SERIES/obj
	[ -f "$kdir/Module.symvers" ] || "$ROOT/tools/kernels/build.sh" "$SERIES" >/dev/null
	echo "$kdir $(make -s -C "$kdir" kernelrelease)"
fi
