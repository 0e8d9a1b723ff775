#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build a test kernel of a supported series from Debian's linux-source-X
# (version pinned in tools/kernels/pins) with tools/kernels/guest.fragment.
#
#   tools/kernels/build.sh [--fetch] SERIES        (6.12 or 7.2)
#
# --fetch: only download and unpack the source (make deps does this).
#
# Source: build/kernels/SERIES/src; output: build/kernels/SERIES/obj
# (arch/x86/boot/bzImage, Module.symvers: a KDIR for logswap.ko).
# The 6.1 kernel of the mm-patches tier is tests/kernel/build.sh.
# Prints the bzImage path on stdout.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/tools/kernels
FETCH_ONLY=0
[ "${1:-}" != --fetch ] || { FETCH_ONLY=1; shift; }
SERIES=${1:-}
JOBS=${JOBS:-2}
log() { echo "kernels[$SERIES]: $*" >&2; }

line=$(awk -v s="$SERIES" '$1 == s && $4 != "system"' "$HERE/pins")
[ -n "$line" ] || { echo "usage: $0 SERIES (one of: $(awk '!/^#/ && $4 != "system" {printf "%s ", $1}' "$HERE/pins"))" >&2; exit 2; }
set -- $line
PKG=$2 PIN=$3
KB=$ROOT/build/kernels/$SERIES
SRC=$KB/src
OBJ=$KB/obj
mkdir -p "$KB/deb"
# Nothing to fetch: done without waiting for a build of the tree.
if [ "$FETCH_ONLY" = 1 ] && [ "$(cat "$KB/src.version" 2>/dev/null || true)" = "$PIN" ] &&
	[ -f "$SRC/Makefile" ]; then
	log "source $PIN in $SRC"
	exit 0
fi
# One build of a tree at a time: a second one waits (two makes in one
# object tree corrupt it).
exec 9>"$KB/.lock"
flock 9

# 1. The pinned source package, or the newest served, loudly.
have=$(cat "$KB/src.version" 2>/dev/null || true)
if [ "$have" != "$PIN" ] || [ ! -f "$SRC/Makefile" ]; then
	ver=$PIN
	if ! ls "$KB/deb/${PKG}_${ver}_"*.deb >/dev/null 2>&1; then
		"$HERE/apt.sh" update
		if ! (cd "$KB/deb" && "$HERE/apt.sh" get download "$PKG=$PIN" >/dev/null 2>&1); then
			ver=$("$HERE/apt.sh" cache policy "$PKG" | sed -n 's/^ *Candidate: *//p')
			[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
				{ echo "kernels[$SERIES]: the archive serves no $PKG" >&2; exit 1; }
			log "********************************************************"
			log "NOTICE: $PKG $PIN (pinned in tools/kernels/pins) is no"
			log "NOTICE: longer served: building the newest, $ver, instead"
			log "********************************************************"
			(cd "$KB/deb" && "$HERE/apt.sh" get download "$PKG=$ver" >/dev/null)
		fi
	fi
	if [ "$(cat "$KB/src.version" 2>/dev/null || true)" != "$ver" ] || [ ! -f "$SRC/Makefile" ]; then
		deb=$(ls "$KB/deb/${PKG}_${ver}_"*.deb | head -n 1)
		log "extracting $(basename "$deb")"
		rm -rf "$KB/pkg" "$SRC.tmp" "$OBJ" "$KB/config.stamp"
		dpkg-deb -x "$deb" "$KB/pkg"
		tarball=$(ls "$KB"/pkg/usr/src/linux-source-*.tar.xz | head -n 1)
		mkdir -p "$SRC.tmp"
		tar -C "$SRC.tmp" --strip-components=1 -xf "$tarball"
		rm -rf "$KB/pkg" "$SRC"
		mv "$SRC.tmp" "$SRC"
		echo "$ver" > "$KB/src.version"
	fi
fi

[ "$FETCH_ONLY" = 0 ] || { log "source $(cat "$KB/src.version") in $SRC"; exit 0; }

# 2. tinyconfig + the guest fragment (again only when the fragment changed).
FRAG=$HERE/guest.fragment
fsum=$(sha1sum < "$FRAG" | cut -c1-40)
mkdir -p "$OBJ"
cd "$SRC"
if [ "$fsum" != "$(cat "$KB/config.stamp" 2>/dev/null || true)" ] || [ ! -f "$OBJ/.config" ]; then
	log "configuring (tinyconfig + guest.fragment)"
	make -s O="$OBJ" tinyconfig >/dev/null
	scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" "$FRAG" >/dev/null
	make -s O="$OBJ" olddefconfig >/dev/null
	missing=
	for opt in $(grep -v 'where present' "$FRAG" | sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y.*/\1/p'); do
		grep -q "^$opt=y" "$OBJ/.config" || missing="$missing $opt"
	done
	[ -z "$missing" ] || { echo "kernels[$SERIES]: not set after olddefconfig:$missing" >&2; exit 1; }
	echo "$fsum" > "$KB/config.stamp"
fi

# 3. bzImage, and modules once (writes Module.symvers for out-of-tree builds).
log "building bzImage + modules ($(cat "$KB/src.version"))"
nice -n 5 make -s O="$OBJ" -j"$JOBS" CC="ccache gcc" \
	KBUILD_BUILD_USER=logswap KBUILD_BUILD_HOST=logswap bzImage modules >&2
log "done: $OBJ/arch/x86/boot/bzImage ($(make -s O="$OBJ" kernelrelease))"
echo "$OBJ/arch/x86/boot/bzImage"
