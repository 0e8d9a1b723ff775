#!/bin/bash
# make test-deb: install the two packages of `make deb` into a clean root
# (dpkg --root: an empty dpkg database, nothing from the host) and check
# what lands; then build the packaged DKMS source with dkms, in a
# throw-away DKMS tree, for the kernel whose headers are installed and
# for the guest kernel (the 7.2 test kernel), and boot a QEMU guest on
# that kernel which swaps on through the config file with the installed
# programs and the dkms-built module (tests/qemu/suites/deb).
#
#   tests/ctl/test-deb.sh DEBDIR
#
# logswap-tools is installed and configured.  logswap-dkms is unpacked
# only: configuring it runs dkms' common.postinst inside the root, and a
# root that has dkms is a whole Debian system; the dkms build below runs
# what that postinst would, on the unpacked /usr/src tree; the guest case
# runs the depmod and modprobe of dkms install and the unit.
# Ends with "N passed, N failed"; exit 0 only if nothing failed.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DEBS=$(cd "${1:?usage: $0 DEBDIR}" && pwd)
R=$(mktemp -d)
D=$(mktemp -d)
trap 'rm -rf "$R" "$D"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }

VER=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/drivers/block/logswap/dkms.conf")
tools=$(ls "$DEBS"/logswap-tools_*_amd64.deb 2>/dev/null | head -n 1)
dkmsdeb=$(ls "$DEBS"/logswap-dkms_*_all.deb 2>/dev/null | head -n 1)
if [ -z "$tools" ] || [ -z "$dkmsdeb" ]; then
	bad "both packages built in $DEBS" "$(ls "$DEBS")"
	echo "$pass passed, $fail failed"
	exit 1
fi
ok "both packages built: ${tools##*/} ${dkmsdeb##*/}"

mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: > "$R/var/lib/dpkg/status"
# The root has no libc, util-linux, kmod or dkms: their dependencies are
# forced, the files are what is checked.
if out=$(dpkg --root="$R" --force-depends -i "$tools" 2>&1); then ok "dpkg --root -i logswap-tools"; else bad "dpkg -i logswap-tools" "$out"; fi
if out=$(dpkg --root="$R" --force-depends --unpack "$dkmsdeb" 2>&1); then ok "dpkg --root --unpack logswap-dkms"; else bad "dpkg --unpack logswap-dkms" "$out"; fi
st=$(dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Package} ${db:Status-Abbrev}\n' | tr -s ' ' | sed 's/ $//')
if grep -qx "logswap-tools ii" <<<"$st" && grep -qx "logswap-dkms iU" <<<"$st"; then ok "status: logswap-tools ii, logswap-dkms iU"; else bad "package status" "$st"; fi

# Files of logswap-tools, each in dpkg's list and in the root.
for f in /usr/sbin/logswapctl /usr/lib/systemd/system-generators/logswap-generator \
	/usr/share/man/man8/logswapctl.8.gz /usr/share/man/man5/logswap.conf.5.gz \
	/usr/share/doc/logswap-tools/examples/logswap.conf /usr/share/doc/logswap-tools/copyright; do
	if dpkg --root="$R" -L logswap-tools | grep -qx "$f" && [ -f "$R$f" ]; then
		ok "logswap-tools: $f"
	else
		bad "logswap-tools: $f missing"
	fi
done
for f in /usr/sbin/logswapctl /usr/lib/systemd/system-generators/logswap-generator; do
	if [ -x "$R$f" ]; then ok "executable: $f"; else bad "not executable: $f"; fi
done

# The DKMS source tree: the repository's driver files at their paths.
S=$R/usr/src/logswap-$VER
want=$(cd "$TOP" && git ls-files -co --exclude-standard -- drivers/block/logswap include/logswap |
	grep -E '(\.[ch]|/Kbuild)$' | sort)
have=$(cd "$S" && find drivers include -type f | sort)
if [ -n "$want" ] && [ "$want" = "$have" ]; then
	ok "logswap-dkms: /usr/src/logswap-$VER has the driver's $(echo "$want" | wc -l) source files"
else
	bad "logswap-dkms source tree" "$(diff <(echo "$want") <(echo "$have"))"
fi
if cmp -s "$S/dkms.conf" "$TOP/drivers/block/logswap/dkms.conf"; then ok "logswap-dkms: dkms.conf at the top of the tree"; else bad "dkms.conf differs or is missing"; fi
f=$(cd "$TOP" && git ls-files -co --exclude-standard -- drivers/block/logswap | grep '\.c$' | head -n 1)
if cmp -s "$S/$f" "$TOP/$f"; then ok "logswap-dkms: $f is the repository's"; else bad "logswap-dkms: $f differs"; fi
dep=$(dpkg-deb -f "$dkmsdeb" Depends)
if grep -q 'dkms' <<<"$dep"; then ok "logswap-dkms depends on dkms ($dep)"; else bad "logswap-dkms Depends: $dep"; fi
post=$R/var/lib/dpkg/info/logswap-dkms.postinst
if [ -f "$post" ] && grep -q '^DKMS_NAME=logswap$' "$post" && grep -q "^DKMS_VERSION=$VER\$" "$post" &&
   grep -q common.postinst "$post"; then
	ok "logswap-dkms postinst runs dkms' common.postinst for logswap $VER"
else
	bad "logswap-dkms postinst" "$(cat "$post" 2>&1 | head -n 20)"
fi

# The installed programs run; the generator works on the sample config.
v=$("$R/usr/sbin/logswapctl" --version 2>&1)
if [ "$v" = "logswapctl $VER" ]; then ok "installed logswapctl --version: $v"; else bad "logswapctl --version: $v"; fi
sed 's/^#\([a-z[]\)/\1/' "$R/usr/share/doc/logswap-tools/examples/logswap.conf" > "$D/logswap.conf"
mkdir -p "$D/units"
if out=$(LOGSWAP_CONFIG=$D/logswap.conf "$R/usr/lib/systemd/system-generators/logswap-generator" "$D/units" 2>&1) &&
   grep -qx "ExecStart=/usr/sbin/logswapctl --setup-from-config logswap0 --config $D/logswap.conf" \
	"$D/units/logswap-setup-logswap0.service" &&
   grep -qx 'Priority=100' "$D/units/dev-logswap0.swap"; then
	ok "installed generator: the sample config, uncommented, gives the units"
else
	bad "installed generator on the sample config" "$out" "$(ls "$D/units")"
fi
for m in man8/logswapctl.8.gz man5/logswap.conf.5.gz; do
	w=$(man --warnings -l "$R/usr/share/man/$m" 2>&1 >/dev/null)
	if [ -z "$w" ]; then ok "man $m renders without warnings"; else bad "man $m" "$w"; fi
done

# dkms builds the packaged source (the root's /usr/src/logswap-VERSION,
# where common.postinst would run it) in a throw-away DKMS tree, unsigned:
# nothing on the host.  dkms_build KVER KDIR: build for that kernel, check
# the vermagic; sets KO to the module, empty when it failed.
DK="dkms --sourcetree $R/usr/src --dkmstree $D/dkms"
mkdir -p "$D/dkms"
if command -v dkms >/dev/null && out=$(sign_file=/nonexistent $DK add -m logswap -v "$VER" 2>&1); then
	ok "dkms add of /usr/src/logswap-$VER (the installed logswap-dkms)"
else
	bad "dkms add of /usr/src/logswap-$VER" "$(command -v dkms || echo 'no dkms (make deps)')" "$(tail -n 20 <<<"${out:-}")"
fi
dkms_build() {
	KO=
	if out=$(sign_file=/nonexistent $DK build -m logswap -v "$VER" -k "$1" --kernelsourcedir "$2" 2>&1); then
		local ko=$D/dkms/logswap/$VER/$1/x86_64/module/logswap.ko
		local vm
		vm=$(modinfo -F vermagic "$ko" 2>/dev/null)
		if [ -f "$ko" ] && [ "${vm%% *}" = "$1" ]; then
			ok "dkms build of /usr/src/logswap-$VER for $1: logswap.ko, vermagic $1"
			KO=$ko
		else
			bad "dkms build: no logswap.ko for $1" "$(find "$D/dkms" -name '*.ko*')" "vermagic $vm"
		fi
	else
		bad "dkms build for $1 ($2)" "$(tail -n 20 <<<"$out")" \
			"$(tail -n 20 "$D/dkms/logswap/$VER/build/make.log" 2>/dev/null)"
	fi
}

# Debian's kernel, the one whose headers are installed.
KVER=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
	sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p')
if [ -n "$KVER" ] && [ -d "/lib/modules/$KVER/build" ]; then
	dkms_build "$KVER" "/lib/modules/$KVER/build"
else
	echo "skip - dkms build: no headers for Debian's kernel '$KVER'"
fi

# The guest kernel: the 7.2 test kernel (tools/kernels, make kernel-7.2).
# dkms builds the installed source for it, and a guest on it swaps on
# through the config file with the installed programs and that module
# (tests/qemu/cases/lsw-deb-setup.sh).  The guest's boot counts as one test
# here: run.sh's summary line is reworded.
GK=$TOP/build/kernels/7.2/obj
if [ -f "$GK/Module.symvers" ] && [ -f "$GK/arch/x86/boot/bzImage" ]; then
	GKVER=$(make -s -C "$GK" kernelrelease)
	dkms_build "$GKVER" "$GK"
	ex=/usr/share/doc/logswap-tools/examples/logswap.conf
	if [ -n "$KO" ]; then
		kind=$(file -b "$R/usr/sbin/logswapctl" | grep -o 'dynamically linked\|statically linked')
		echo "# packaged logswapctl: ${kind:-?}; libraries: $(ldd "$R/usr/sbin/logswapctl" 2>/dev/null | awk '$3 ~ /^\// { printf "%s ", $3 }')"
		"$TOP/tests/qemu/run.sh" --suite "$TOP/tests/qemu/suites/deb" --name deb-7.2 \
			--kernel "$GK/arch/x86/boot/bzImage" --append MIN_FREE_KBYTES=8192 \
			--file "$R/usr/sbin/logswapctl=/usr/sbin/logswapctl" \
			--file "$R/usr/lib/systemd/system-generators/logswap-generator=/usr/lib/systemd/system-generators/logswap-generator" \
			--file "$R$ex=$ex" \
			--file "$KO=/lib/modules/$GKVER/updates/dkms/logswap.ko" > "$D/guest.out"
		grc=$?
		sed 's/ passed, / passed in the guest, /' "$D/guest.out"
		con=$TOP/build/qemu/runs/deb-7.2/console.clean
		gk=$(sed -n 's/^# kernel //p' "$con" 2>/dev/null | head -n 1)
		sum=$(sed -n 's/^ *# logswap.ko md5 //p' "$con" 2>/dev/null | head -n 1)
		why=
		[ "$grc" = 0 ] || why="run.sh exit $grc (console $con)"
		[ "$gk" = "$GKVER" ] || why="$why; guest kernel '$gk', want $GKVER"
		grep -qE '^ok 1 - lsw-deb-setup zns \([0-9.]+s\)$' "$con" 2>/dev/null ||
			why="$why; no plain 'ok 1 - lsw-deb-setup zns' (failed or skipped)"
		[ "$sum" = "$(md5sum < "$KO" | cut -d' ' -f1)" ] ||
			why="$why; the guest's logswap.ko (md5 '$sum') is not the dkms build"
		if [ -z "$why" ]; then
			ok "a $GKVER guest swaps on through /etc/logswap.conf with the installed logswap-tools and the dkms-built logswap.ko"
		else
			bad "the packages in a $GKVER guest" "${why#; }"
		fi
	else
		bad "no dkms-built logswap.ko for $GKVER: no guest boot"
	fi
else
	bad "no 7.2 test kernel in $GK (make kernel-7.2)"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
