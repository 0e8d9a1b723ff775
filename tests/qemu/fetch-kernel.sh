#!/bin/sh
# Fetch Debian's kernel image matching the installed linux-headers-amd64 and
# unpack it under OUTDIR (never into /boot).
#
#   tests/qemu/fetch-kernel.sh OUTDIR
#
# Idempotent.  Progress goes to stderr; stdout gets shell assignments that
# callers can eval:
#   KVER=6.1.0-56-amd64
#   KERNEL_DIR=OUTDIR/kernel-$KVER
#   VMLINUZ=$KERNEL_DIR/boot/vmlinuz-$KVER
#   MODULES_DIR=$KERNEL_DIR/lib/modules/$KVER
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
OUT=$(cd "$1" && pwd)

# The metapackage depends on exactly one linux-headers-<KVER> package.
dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) || {
	echo "fetch-kernel: linux-headers-amd64 is not installed (make deps)" >&2
	exit 1
}
KVER=$(echo "$dep" | tr ',' '\n' | sed -n 's/^ *linux-headers-\([^ ]*-amd64\).*/\1/p' | head -n 1)
[ -n "$KVER" ] || { echo "fetch-kernel: cannot parse KVER from '$dep'" >&2; exit 1; }
[ -d "/usr/src/linux-headers-$KVER" ] ||
	echo "fetch-kernel: warning: /usr/src/linux-headers-$KVER missing" >&2

KDIR=$OUT/kernel-$KVER
VMLINUZ=$KDIR/boot/vmlinuz-$KVER
MODDIR=$KDIR/lib/modules/$KVER

if [ ! -e "$KDIR/.done" ]; then
	mkdir -p "$OUT/cache"
	deb=$(ls "$OUT/cache/linux-image-${KVER}_"*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		echo "fetch-kernel: apt-get download linux-image-$KVER" >&2
		# A fresh machine may have no package lists yet: update once, retry.
		# (Sandbox user root: _apt may not be able to write into OUTDIR.)
		get="apt-get download -q -o APT::Sandbox::User=root linux-image-$KVER"
		(cd "$OUT/cache" && $get >&2) ||
		(apt-get update -q >&2 && cd "$OUT/cache" && $get >&2)
		deb=$(ls "$OUT/cache/linux-image-${KVER}_"*.deb | head -n 1)
	fi
	echo "fetch-kernel: unpacking $deb" >&2
	rm -rf "$KDIR"
	dpkg-deb -x "$deb" "$KDIR"
	[ -f "$VMLINUZ" ] || { echo "fetch-kernel: no $VMLINUZ in $deb" >&2; exit 1; }
	# The package ships no modules.dep.
	busybox depmod -b "$KDIR" "$KVER"
	touch "$KDIR/.done"
fi

echo "KVER=$KVER"
echo "KERNEL_DIR=$KDIR"
echo "VMLINUZ=$VMLINUZ"
echo "MODULES_DIR=$MODDIR"
