#!/bin/sh
# Build the gzip'd cpio initramfs for the QEMU tests.
#
#   tests/qemu/mkinitramfs.sh [-b BUILDDIR] [-o OUTFILE] [--fio] [--suite FILE]
#
#   -b BUILDDIR  build and cache directory (default: build/qemu at repo top)
#   -o OUTFILE   initramfs to write (default: BUILDDIR/initrd.cpio.gz)
#   --fio        also include fio and its libraries (about 80 MB)
#   --suite FILE the suite baked in as /tests/suite (default: empty suite)
#   env LSW_KO   logswap.ko to ship as /lib/modules/logswap.ko (if it exists),
#                with its dependency list as /lib/modules/logswap.deps
#   env LSW_BINS programs (static, space separated) to ship in /tests/bin
#   env LSW_FILES SRC=DEST words (space separated): SRC at the guest path
#                DEST, mode kept; a dynamic program with its libraries
#
# The result is two concatenated gzip'd cpio archives, which the kernel
# unpacks in order:
#   base  (cached under BUILDDIR/initramfs/): busybox and its applet links,
#         the guest kernel's modules, nvme-cli (and fio) with their libraries;
#   extra (rebuilt each time): /init, /tests/{lib.sh,cases,suite,bin/*},
#         /lib/modules/logswap.ko and its dependency list, LSW_FILES.
# Prints the path of OUTFILE on stdout.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
BUILD=$TOP/build/qemu
OUTFILE=
FIO=0
SUITE=

while [ $# -gt 0 ]; do
	case $1 in
	-b) BUILD=$2; shift 2 ;;
	-o) OUTFILE=$2; shift 2 ;;
	--fio) FIO=1; shift ;;
	--suite) SUITE=$2; shift 2 ;;
	*) echo "usage: $0 [-b BUILDDIR] [-o OUTFILE] [--fio] [--suite FILE]" >&2
	   exit 2 ;;
	esac
done
mkdir -p "$BUILD/initramfs"
BUILD=$(cd "$BUILD" && pwd)
: "${OUTFILE:=$BUILD/initrd.cpio.gz}"

say() { echo "mkinitramfs: $*" >&2; }
die() { say "error: $*"; exit 1; }

for t in busybox cpio gzip gcc ldd nvme modinfo flock; do
	command -v $t >/dev/null 2>&1 || die "$t not found (make deps)"
done
[ $FIO = 0 ] || command -v fio >/dev/null 2>&1 || die "fio not found (make deps)"
! ldd "$(command -v busybox)" >/dev/null 2>&1 || die "busybox is not static (busybox-static)"

eval "$("$HERE/fetch-kernel.sh" "$BUILD")"

# Modules wanted in the guest; their dependencies are added from modules.dep.
# nvme pulls crc64 crc64-rocksoft crct10dif_common crc-t10dif t10-pi nvme-core.
MODULES="nvme crc64_rocksoft_generic crct10dif_generic
	zram zsmalloc lz4 lz4hc zstd libcrc32c crc32c_generic null_blk"
LSW_DEPS=
if [ -n "${LSW_KO:-}" ] && [ ! -f "$LSW_KO" ]; then
	say "LSW_KO=$LSW_KO does not exist: no logswap.ko in the initramfs"
	LSW_KO=
fi
if [ -n "${LSW_KO:-}" ]; then
	LSW_DEPS=$(modinfo -F depends "$LSW_KO" | tr ',' ' ')
	MODULES="$MODULES $LSW_DEPS"
fi
MODULES=$(echo $MODULES | tr ' ' '\n' | tr - _ | sort -u | tr '\n' ' ')

# Relative paths (kernel/...) of the modules and everything they depend on.
module_closure() {
	all=
	for m in "$@"; do
		line=$(awk -v m="$m" 'BEGIN { gsub(/-/, "_", m) }
			{ n = $1; sub(/:$/, "", n); sub(/.*\//, "", n);
			  sub(/\.ko$/, "", n); gsub(/-/, "_", n);
			  if (n == m) { sub(/:/, ""); print; exit } }' \
			"$MODULES_DIR/modules.dep")
		[ -n "$line" ] || die "module $m not found in $MODULES_DIR"
		all="$all $line"
	done
	echo $all | tr ' ' '\n' | sort -u
}

# Copy a dynamic executable, every library ldd names and the ELF interpreter.
copy_elf() {
	install -D -m 0755 "$1" "$2$1"
	ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
	while read -r lib; do
		[ -e "$2$lib" ] || install -D -m 0755 "$lib" "$2$lib"
	done
}

# ship_file SRC DEST ROOT: SRC as ROOT/DEST, its mode kept; when ldd calls
# it dynamic, also the libraries and interpreter (copy_elf's list) that
# ROOT does not hold yet.
ship_file() {
	install -D -m "$(stat -c %a "$1")" "$1" "$3$2"
	if ldd "$1" >/dev/null 2>&1; then
		ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
		while read -r lib; do
			[ -e "$3$lib" ] || install -D -m 0755 "$lib" "$3$lib"
		done
	fi
}

pack() { # DIR OUT: gzip'd newc cpio of DIR, all files owned by root
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$2.tmp"
	mv "$2.tmp" "$2"
}

# --- base archive (cached) -------------------------------------------------
versions=$(dpkg-query -W -f='${Package}=${Version} ' busybox-static nvme-cli \
	$([ $FIO = 0 ] || echo fio) 2>/dev/null || true)
key="kver=$KVER fio=$FIO modules=$MODULES $versions script=$(md5sum < "$0" | cut -c1-12)"
base=$BUILD/initramfs/base-fio$FIO.cpio.gz

exec 9>"$BUILD/initramfs/base.lock"
flock 9
if [ -f "$base" ] && [ "$(cat "$base.key" 2>/dev/null)" = "$key" ]; then
	say "base cached: $base"
else
	say "building base ($base)"
	st=$BUILD/initramfs/base-stage
	rm -rf "$st"
	mkdir -p "$st"
	for d in bin sbin usr/bin usr/sbin proc sys dev tmp run root etc; do
		mkdir -p "$st/$d"
	done
	cp "$(command -v busybox)" "$st/bin/busybox"
	# --list-full names bin/busybox too: never link over the binary itself.
	"$st/bin/busybox" --list-full | while read -r app; do
		[ "$app" = bin/busybox ] || ln -sf /bin/busybox "$st/$app"
	done
	echo 'root:x:0:0:root:/root:/bin/sh' > "$st/etc/passwd"
	echo 'root:x:0:' > "$st/etc/group"

	kos=$(module_closure $MODULES)
	for ko in $kos; do
		install -D -m 0644 "$MODULES_DIR/$ko" "$st/lib/modules/$KVER/$ko"
	done
	cp "$MODULES_DIR/modules.builtin" "$MODULES_DIR/modules.order" \
		"$st/lib/modules/$KVER/"
	busybox depmod -b "$st" "$KVER"

	copy_elf "$(command -v nvme)" "$st"
	[ $FIO = 0 ] || copy_elf "$(command -v fio)" "$st"

	pack "$st" "$base"
	echo "$key" > "$base.key"
	rm -rf "$st"
fi
flock -u 9

# --- extra archive (rebuilt every time) ------------------------------------
ex=$(mktemp -d "$BUILD/initramfs/extra.XXXXXX")
trap 'rm -rf "$ex"' EXIT
mkdir -p "$ex/tests/cases" "$ex/tests/bin" "$ex/lib/modules"
install -m 0755 "$HERE/guest/init" "$ex/init"
for f in "$HERE"/guest/*; do
	[ "${f##*/}" = init ] || install -m 0644 "$f" "$ex/tests/"
done
for f in "$HERE"/cases/*.sh; do
	if [ -e "$f" ]; then install -m 0644 "$f" "$ex/tests/cases/"; fi
done
if [ -n "$SUITE" ]; then
	cp "$SUITE" "$ex/tests/suite"
else
	: > "$ex/tests/suite"
fi
for c in "$HERE"/progs/*.c "$HERE"/../../tools/mempressure/*.c; do
	[ -e "$c" ] || continue
	p=${c##*/}
	gcc -static -O2 -Wall -Wextra -o "$ex/tests/bin/${p%.c}" "$c" ||
		die "cannot compile $c"
done
for b in ${LSW_BINS:-}; do
	install -m 0755 "$b" "$ex/tests/bin/" || die "cannot install $b"
done
for f in ${LSW_FILES:-}; do
	ship_file "${f%%=*}" "${f#*=}" "$ex" || die "cannot ship $f"
done
if [ -n "${LSW_KO:-}" ]; then
	install -m 0644 "$LSW_KO" "$ex/lib/modules/logswap.ko"
	echo "$LSW_DEPS" > "$ex/lib/modules/logswap.deps"
fi
pack "$ex" "$ex.cpio.gz"

cat "$base" "$ex.cpio.gz" > "$OUTFILE.tmp"
mv "$OUTFILE.tmp" "$OUTFILE"
rm -f "$ex.cpio.gz"
say "$(du -h "$OUTFILE" | cut -f1) $OUTFILE"
echo "$OUTFILE"
