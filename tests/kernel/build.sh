#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the logswap test kernel: Debian's linux-source-6.1 + mm-patches/series.
#
#   tests/kernel/build.sh [debug] [--no-patches] [--check-each]
#
# Tree:   build/kernel/src   (git repo: commit "base", then the series via git am)
# Output: build/kernel/obj   (O= build dir; arch/x86/boot/bzImage, Module.symvers)
# debug:  the same tree built into build/kernel/obj-debug with debug.fragment
#         (KASAN, lockdep, kmemleak) on top of config.fragment.
# --check-each builds every commit of the series in turn (bisectability).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KB=$ROOT/build/kernel
SRC=$KB/src
OBJ=$KB/obj
PATCHES=$ROOT/mm-patches
FRAG=$ROOT/tests/kernel/config.fragment
DFRAG=
STAMP=$KB/config.stamp
TARBALL=${KERNEL_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
JOBS=${JOBS:-2}
NO_PATCHES=0
CHECK_EACH=0
for a in "$@"; do
	case $a in
	--no-patches) NO_PATCHES=1 ;;
	--check-each) CHECK_EACH=1 ;;
	debug) OBJ=$KB/obj-debug DFRAG=$ROOT/tests/kernel/debug.fragment STAMP=$KB/config-debug.stamp ;;
	*) echo "usage: $0 [debug] [--no-patches] [--check-each]" >&2; exit 2 ;;
	esac
done

log() { echo "kernel: $*"; }

[ -r "$TARBALL" ] || { echo "kernel: $TARBALL missing: run make deps (linux-source-6.1)" >&2; exit 1; }

mkdir -p "$KB"
base_ver=$(sed -n 's/^version: *//p' "$PATCHES/BASE" 2>/dev/null || true)
have_ver=$(dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null || echo unknown)

# 0. The pinned linux-source-6.1 when the archive still serves it, else the
#    newest it serves (the notice below says so).  KERNEL_FETCH=0: skip.
if [ "${KERNEL_FETCH:-1}" = 1 ] && [ -n "$base_ver" ] && [ "$have_ver" != "$base_ver" ] &&
	[ -z "${KERNEL_TARBALL:-}" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt_in() { apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }
	log "installing linux-source-6.1=$base_ver (pinned in mm-patches/BASE)"
	apt_in "linux-source-6.1=$base_ver" ||
		{ apt-get update -qq >/dev/null 2>&1; apt_in "linux-source-6.1=$base_ver"; } ||
		apt_in linux-source-6.1 ||
		echo "kernel: apt-get could not install linux-source-6.1" >&2
	have_ver=$(dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null || echo unknown)
fi
if [ -n "$base_ver" ] && [ "$base_ver" != "$have_ver" ]; then
	echo "kernel: ********************************************************" >&2
	echo "kernel: NOTICE: series pinned on linux-source-6.1 $base_ver," >&2
	echo "kernel: NOTICE: building on installed $have_ver instead" >&2
	echo "kernel: ********************************************************" >&2
fi

# 1. Extract once and commit the pristine tree as "base" (again when the
#    installed source package changed).
if [ "$(cat "$KB/src.version" 2>/dev/null || true)" != "$have_ver" ]; then
	rm -rf "$SRC" "$KB/obj" "$KB/obj-debug" "$KB/applied" "$KB/config.stamp" "$KB/config-debug.stamp"
fi
if [ ! -e "$SRC/.git/refs/tags/base" ]; then
	log "extracting $TARBALL ($have_ver)"
	rm -rf "$KB/src.tmp"
	mkdir -p "$KB/src.tmp"
	tar -C "$KB/src.tmp" --strip-components=1 -xf "$TARBALL"
	(
		cd "$KB/src.tmp"
		git init -q
		git config user.name "logswap build"
		git config user.email "build@logswap.invalid"
		git config gc.auto 0
		git add -A -f .
		git commit -q -m "linux-source-6.1 $have_ver"
		git tag base
	)
	rm -rf "$SRC"
	mv "$KB/src.tmp" "$SRC"
fi
echo "$have_ver" > "$KB/src.version"

# 2. Apply the series with git am (only when the series changed).
cd "$SRC"
want=$( (cat "$PATCHES/series" 2>/dev/null; cd "$PATCHES" && cat $(grep -v '^#' series 2>/dev/null) 2>/dev/null) | sha1sum | cut -c1-40)
[ "$NO_PATCHES" = 1 ] && want=none
have=$(cat "$KB/applied" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
	git am --abort >/dev/null 2>&1 || true
	git checkout -q -B series base
	if [ "$NO_PATCHES" = 0 ] && [ -s "$PATCHES/series" ]; then
		for p in $(grep -v '^#' "$PATCHES/series"); do
			log "git am $p"
			git am -q --whitespace=error-all "$PATCHES/$p"
		done
	fi
	echo "$want" > "$KB/applied"
fi

# 3. Configure: tinyconfig + committed fragment(s) (only when they changed).
#    An option of debug.fragment that olddefconfig drops is an error.
mkcfg() {
	make -s O="$OBJ" tinyconfig >/dev/null
	scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" "$FRAG" $DFRAG >/dev/null
	make -s O="$OBJ" olddefconfig
	for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y.*/\1/p' "$FRAG"); do
		grep -q "^$opt=y" "$OBJ/.config" || echo "kernel: WARNING: $opt not set after olddefconfig" >&2
	done
	missing=
	for opt in $([ -z "$DFRAG" ] || sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y.*/\1/p' "$DFRAG"); do
		grep -q "^$opt=y" "$OBJ/.config" || missing="$missing $opt"
	done
	[ -z "$missing" ] || { echo "kernel: ERROR: not set after olddefconfig:$missing" >&2; exit 1; }
}
mkdir -p "$OBJ"
fsum=$(cat "$FRAG" $DFRAG | sha1sum | cut -c1-40)
if [ "$fsum" != "$(cat "$STAMP" 2>/dev/null || true)" ] || [ ! -f "$OBJ/.config" ]; then
	log "configuring (tinyconfig + $(basename "$FRAG")${DFRAG:+ + $(basename "$DFRAG")})"
	mkcfg
	echo "$fsum" > "$STAMP"
fi

kmake() {
	nice -n 5 make -s O="$OBJ" -j"$JOBS" CC="ccache gcc" \
		KBUILD_BUILD_USER=logswap KBUILD_BUILD_HOST=logswap "$@"
}

if [ "$CHECK_EACH" = 1 ]; then
	n=0
	for c in $(git rev-list --reverse base..HEAD); do
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
