#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the patched 7.2 test kernel: Debian's linux-source-7.2 (version
# pinned in mm-patches-7.2/BASE) + mm-patches-7.2/series.
#
#   tests/kernel-7.2/build.sh [--check-each] [--no-patches]
#
# Source: a private git copy of the pristine tree make deps unpacked in
#         build/kernels/7.2/src (never built in nor modified):
#         build/kernel-7.2/src, commit "base" + the series via git am.
# Output: build/kernel-7.2/obj (O=; arch/x86/boot/bzImage, Module.symvers).
# Config: tinyconfig + tools/kernels/guest.fragment + config.fragment here.
# --check-each builds every commit of the series in turn (bisectability).
# One build at a time (flock build/kernel-7.2/.lock).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KB=$ROOT/build/kernel-7.2
SRC=$KB/src
OBJ=${KERNEL72_OBJ:-$KB/obj}
PRISTINE=$ROOT/build/kernels/7.2
PATCHES=$ROOT/mm-patches-7.2
FRAGS="$ROOT/tools/kernels/guest.fragment $ROOT/tests/kernel-7.2/config.fragment"
JOBS=${JOBS:-2}
CHECK_EACH=0
NO_PATCHES=0
for a in "$@"; do
	case $a in
	--check-each) CHECK_EACH=1 ;;
	--no-patches) NO_PATCHES=1 ;;
	*) echo "usage: $0 [--check-each] [--no-patches]" >&2; exit 2 ;;
	esac
done
log() { echo "kernel-7.2: $*"; }

mkdir -p "$KB"
exec 9>"$KB/.lock"
flock 9

base_ver=$(sed -n 's/^version: *//p' "$PATCHES/BASE")
have_ver=$(cat "$PRISTINE/src.version" 2>/dev/null || true)
[ -f "$PRISTINE/src/Makefile" ] ||
	{ echo "kernel-7.2: no source in $PRISTINE/src: run make deps" >&2; exit 1; }
if [ "$have_ver" != "$base_ver" ]; then
	echo "kernel-7.2: ********************************************************" >&2
	echo "kernel-7.2: NOTICE: series pinned on linux-source-7.2 $base_ver," >&2
	echo "kernel-7.2: NOTICE: building on unpacked $have_ver instead" >&2
	echo "kernel-7.2: ********************************************************" >&2
fi

# 1. A git copy of the pristine tree, commit "base" (again when the
#    unpacked version changed).
if [ "$(cat "$KB/src.version" 2>/dev/null || true)" != "$have_ver" ]; then
	rm -rf "$SRC" "$OBJ" "$KB/applied" "$KB/config.stamp"
fi
if [ ! -e "$SRC/.git/refs/tags/base" ]; then
	log "copying $PRISTINE/src ($have_ver)"
	rm -rf "$KB/src.tmp"
	cp -a "$PRISTINE/src" "$KB/src.tmp"
	(
		cd "$KB/src.tmp"
		git init -q
		git config user.name "logswap build"
		git config user.email "build@logswap.invalid"
		git config gc.auto 0
		git add -A -f .
		git commit -q -m "linux-source-7.2 $have_ver"
		git tag base
	)
	rm -rf "$SRC"
	mv "$KB/src.tmp" "$SRC"
fi
echo "$have_ver" > "$KB/src.version"

# 2. The series with git am (only when it changed).
cd "$SRC"
want=$( (cat "$PATCHES/series"; cd "$PATCHES" && for p in $(grep -v '^#' series); do cat "$p"; done) |
	sha1sum | cut -c1-40)
[ "$NO_PATCHES" = 0 ] || want=none
if [ "$want" != "$(cat "$KB/applied" 2>/dev/null || true)" ]; then
	git am --abort >/dev/null 2>&1 || true
	git checkout -q -f -B series base
	if [ "$NO_PATCHES" = 0 ]; then
		for p in $(grep -v '^#' "$PATCHES/series"); do
			log "git am $p"
			git am -q --whitespace=error-all "$PATCHES/$p"
		done
	fi
	echo "$want" > "$KB/applied"
fi

# 3. tinyconfig + the fragments (again only when they changed).
mkdir -p "$OBJ"
fsum=$( (cat $FRAGS; echo "$want") | sha1sum | cut -c1-40)
if [ "$fsum" != "$(cat "$OBJ/.config.stamp" 2>/dev/null || true)" ] || [ ! -f "$OBJ/.config" ]; then
	log "configuring (tinyconfig + guest.fragment + config.fragment)"
	make -s O="$OBJ" tinyconfig >/dev/null
	scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" $FRAGS >/dev/null
	make -s O="$OBJ" olddefconfig >/dev/null
	missing=
	for opt in $(cat $FRAGS | grep -v 'where present' | sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y.*/\1/p'); do
		grep -q "^$opt=y" "$OBJ/.config" || missing="$missing $opt"
	done
	# CONFIG_SWAP_BACKEND exists only with the series applied.
	[ "$NO_PATCHES" = 0 ] || missing=$(echo "$missing" | sed 's/ CONFIG_SWAP_BACKEND//')
	[ -z "$missing" ] || { echo "kernel-7.2: not set after olddefconfig:$missing" >&2; exit 1; }
	echo "$fsum" > "$OBJ/.config.stamp"
fi

kmake() {
	nice -n 10 make -s O="$OBJ" -j"$JOBS" CC="ccache gcc" \
		KBUILD_BUILD_USER=logswap KBUILD_BUILD_HOST=logswap "$@"
}

if [ "$CHECK_EACH" = 1 ]; then
	n=0
	for c in $(git rev-list --reverse base..series); do
		n=$((n + 1))
		git checkout -q "$c"
		log "build check $n: $(git log -1 --format=%s)"
		kmake bzImage modules
		log "build check $n: OK"
	done
	git checkout -q series
fi

log "building bzImage + modules ($(git log -1 --format=%s))"
kmake bzImage modules
log "done: $OBJ/arch/x86/boot/bzImage"
