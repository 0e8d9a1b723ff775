#!/bin/bash
# make deb: stage the package sources in OUTDIR/src/logswap-VERSION (the
# files git knows under drivers/block/logswap, include/logswap,
# tools/logswapctl, tests/ctl; packaging/debian as debian/), build
# logswap-dkms and logswap-tools there with dpkg-buildpackage, and put the
# .debs in OUTDIR.
#
#   tests/ctl/mkdeb.sh OUTDIR
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: $0 OUTDIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
VER=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/drivers/block/logswap/dkms.conf")
DEBVER=$(dpkg-parsechangelog -l "$TOP/packaging/debian/changelog" -S Version)
[ "${DEBVER%-*}" = "$VER" ] ||
	{ echo "mkdeb: debian/changelog is $DEBVER, dkms.conf $VER" >&2; exit 1; }
SRC=$OUT/src/logswap-$VER
rm -rf "$OUT/src" "$OUT"/*.deb "$OUT"/*.buildinfo "$OUT"/*.changes
mkdir -p "$SRC"
# Tracked and new (not ignored) files: no build products of the worktree.
(cd "$TOP" && git ls-files -co --exclude-standard -- drivers/block/logswap \
	include/logswap tools/logswapctl tests/ctl) |
	(cd "$TOP" && cpio -pdm --quiet "$SRC")
cp -r "$TOP/packaging/debian" "$SRC/debian"
(cd "$SRC" && dpkg-buildpackage -us -uc -b) > "$OUT/build.log" 2>&1 ||
	{ tail -n 40 "$OUT/build.log" >&2; echo "mkdeb: dpkg-buildpackage failed (log $OUT/build.log)" >&2; exit 1; }
mv "$OUT"/src/*.deb "$OUT"/
ls -1 "$OUT"/*.deb
