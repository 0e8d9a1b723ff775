#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DKMS test (issue 12 item 6): install the module source as DKMS would
# (drivers/block/logswap/dkms.conf), build it with dkms for each supported
# kernel tree, and load the 6.12 build in a QEMU guest where it swaps.
#
#   tests/dkms/run.sh
#
# Everything dkms writes stays under build/dkms (--sourcetree, --dkmstree,
# --installtree): the machine's /usr/src and /var/lib/dkms are not touched.
# Ends with "N passed, N failed".
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=$ROOT/build/dkms
pass=0 fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
notok() { echo "not ok - $*"; fail=$((fail + 1)); }

command -v dkms >/dev/null || { echo "dkms: not installed (make deps)"; echo "0 passed, 1 failed"; exit 1; }
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$ROOT/drivers/block/logswap/dkms.conf")
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$ROOT/drivers/block/logswap/dkms.conf")

# The source as a package would install it: /usr/src/NAME-VERSION.
rm -rf "$D"
src=$D/src/$name-$ver
mkdir -p "$src/drivers/block" "$src/include" "$D/tree" "$D/install"
tar -C "$ROOT" -cf - --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.symvers' \
	--exclude='*.order' drivers/block/logswap include/logswap | tar -C "$src" -xf -
cp "$ROOT/drivers/block/logswap/dkms.conf" "$src/dkms.conf"
DK="dkms --sourcetree $D/src --dkmstree $D/tree --installtree $D/install"
if $DK add -m "$name" -v "$ver" > "$D/add.log" 2>&1; then
	ok "dkms add $name/$ver"
else
	cat "$D/add.log"
	notok "dkms add $name/$ver"
fi

# kdir SERIES: the kernel tree a module of that series builds against,
# and its release.
kdir() { "$ROOT/tools/kernels/kdir.sh" "$1"; }

for s in 6.1 6.12 7.2; do
	set -- $(kdir "$s")
	k=$1 kv=$2
	if $DK build -m "$name" -v "$ver" -k "$kv" --kernelsourcedir "$k" > "$D/build-$s.log" 2>&1; then
		ko=$(find "$D/tree/$name/$ver/$kv" -name logswap.ko | head -n 1)
		vm=$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)
		if [ "$vm" = "$kv" ]; then
			ok "dkms build for $s ($kv): $ko"
		else
			notok "dkms build for $s: vermagic '$vm', want '$kv'"
		fi
	else
		tail -n 30 "$D/build-$s.log"
		[ -f "$D/tree/$name/$ver/build/make.log" ] && tail -n 30 "$D/tree/$name/$ver/build/make.log"
		notok "dkms build for $s ($kv)"
	fi
done

# Load the DKMS build for 6.12 in a guest and swap on it.
set -- $(kdir 6.12)
ko=$(find "$D/tree/$name/$ver/$2" -name logswap.ko 2>/dev/null | head -n 1)
if [ -n "$ko" ]; then
	# Its own summary line is reworded: the tier counts this test once.
	if "$ROOT/tests/qemu/run.sh" --suite "$ROOT/tests/qemu/suites/dkms" \
		--kernel "$ROOT/build/kernels/6.12/obj/arch/x86/boot/bzImage" \
		--ko "$ko" --name dkms-6.12 > "$D/guest.out"; then
		sed 's/ passed, / passed in the guest, /' "$D/guest.out"
		ok "the dkms-built module swaps in a 6.12 guest"
	else
		sed 's/ passed, / passed in the guest, /' "$D/guest.out"
		notok "the dkms-built module swaps in a 6.12 guest"
	fi
else
	notok "no dkms-built module for 6.12 to boot"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
