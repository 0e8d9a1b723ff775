# lsw-deb-setup.sh KIND: swap on through the config file with what the
# Debian packages installed (tests/ctl/test-deb.sh, issue 16 item 5).
# run.sh --file ships, at their packaged paths, logswapctl and
# logswap-generator of the installed logswap-tools, its example
# logswap.conf, and the logswap.ko dkms built from the installed
# logswap-dkms source for this kernel, where `dkms install` puts it
# (/lib/modules/KVER/updates/dkms).  The case makes /etc/logswap.conf from
# the example (uncommented, backing-device = the KIND namespace: the
# guest has no /dev/disk/by-id), runs the generator as systemd does (no
# LOGSWAP_CONFIG: /etc/logswap.conf), then the service's ExecStartPre
# (modprobe, after the depmod dkms install runs) and ExecStart, swapon as
# the .swap unit says, and a hog that swaps; then the stop path.
# Nothing comes from /tests/bin but the test programs (lsw-swapon, hog).
. /tests/cases/lsw-lib.sh

kind=${1:-zns}
dev=$(backing_dev "$kind") || exit 1
model=conventional
[ "$kind" = conv ] || model=zoned
kver=$(uname -r)
ko=/lib/modules/$kver/updates/dkms/logswap.ko
ctl=/usr/sbin/logswapctl
gen=/usr/lib/systemd/system-generators/logswap-generator
example=/usr/share/doc/logswap-tools/examples/logswap.conf
for f in "$ko" $ctl $gen $example; do
	[ -f "$f" ] || die "not shipped: $f (run.sh --file)"
done
[ -x $ctl ] && [ -x $gen ] || die "the packaged programs are not executable"
[ ! -e /tests/bin/logswapctl ] && [ ! -e /tests/bin/logswap-generator ] ||
	die "a logswapctl in /tests/bin: not the packaged one"
[ "$(command -v logswapctl)" = $ctl ] || die "logswapctl is $(command -v logswapctl)"
[ ! -d /sys/module/logswap ] || die "logswap is loaded before the setup"
trap 'rc=$?; lsw_cleanup; exit $rc' EXIT
# The host checks this sum against the logswap.ko dkms built.
echo "# logswap.ko md5 $(md5sum < "$ko" | cut -d' ' -f1)"
# modprobe can load only that one: no other logswap.ko in the guest.
kos=$(find / -xdev -name 'logswap.ko*' 2>/dev/null)
[ "$kos" = "$ko" ] || die "logswap modules in the guest: $kos"

# dkms install ends with depmod: modprobe finds updates/dkms/logswap.ko.
run depmod
grep -q "^updates/dkms/logswap.ko:" "/lib/modules/$kver/modules.dep" ||
	die "depmod: no updates/dkms/logswap.ko in modules.dep"

# /etc/logswap.conf: the example, every setting of it but the device.
sed -e 's/^#\([a-z[]\)/\1/' -e "s|^backing-device = .*|backing-device = $dev|" \
	$example > /etc/logswap.conf
cat /etc/logswap.conf
sed 's/^#\([a-z[]\)/\1/' $example | grep -v '^backing-device = ' > /tmp/ex.rest
grep -v '^backing-device = ' /etc/logswap.conf > /tmp/conf.rest
cmp -s /tmp/ex.rest /tmp/conf.rest || die "the config differs from the example beyond backing-device"
grep -qx "backing-device = $dev" /etc/logswap.conf || die "backing-device not set to $dev"
grep -qx '\[logswap0\]' /etc/logswap.conf || die "the example has no [logswap0] section"

# The generator, as systemd runs it at boot.
G=/run/systemd/generator
rm -rf $G $G.early $G.late
mkdir -p $G $G.early $G.late
run $gen $G $G.early $G.late
gen_units $G logswap0
[ "$pre" = "-/sbin/modprobe logswap" ] || die "ExecStartPre=$pre"
[ "$start" = "$ctl --setup-from-config logswap0 --config /etc/logswap.conf" ] ||
	die "ExecStart=$start"
[ "$stop" = "$ctl --reset /dev/logswap0" ] || die "ExecStop=$stop"
[ "$what" = /dev/logswap0 ] && [ "$prio" = 100 ] || die "What=$what Priority=$prio"

# The service: ExecStartPre ('-': systemd ignores its failure; here the
# module must come from it), then ExecStart.
run ${pre#-}
[ -d /sys/module/logswap ] || die "modprobe logswap loaded nothing"
[ -e /sys/class/logswap-control ] || die "no /sys/class/logswap-control after modprobe"
echo "+ $start"
msg=$(eval "$start") || die "ExecStart failed"
echo "$msg"
case $msg in
"/dev/logswap0: "*" on $dev ($model), swap signature written") ;;
*) die "setup said: $msg" ;;
esac
s=/sys/block/logswap0
[ "$(cat $s/backing_dev)" = "$dev" ] || die "backing_dev $(cat $s/backing_dev)"
[ "$(cat $s/segment_size)" = 1048576 ] || die "segment_size $(cat $s/segment_size)"
[ "$(cat $s/gc_policy)" = "greedy [cost-benefit]" ] || die "gc_policy $(cat $s/gc_policy)"
[ "$(cat $s/disksize)" -gt 0 ] || die "disksize $(cat $s/disksize)"
sig=$(dd if=/dev/logswap0 bs=4096 count=1 2>/dev/null | tail -c 10)
[ "$sig" = SWAPSPACE2 ] || die "no swap signature on /dev/logswap0: '$sig'"

# The .swap unit: swapon What= with Priority= (busybox swapon has no -p).
run lsw-swapon "$what" "$prio"
cat /proc/swaps
awk -v d="$what" '$1 == d { print $5 }' /proc/swaps | grep -qx 100 ||
	die "/dev/logswap0 not in /proc/swaps with priority 100"
field() { $ctl --raw --bytes --noheadings -o "$1" /dev/logswap0 || die "logswapctl -o $1 failed"; }
[ "$(field SWAP)" = yes ] || die "logswapctl: SWAP not yes"
out0=$(vmstat pswpout)
# 16 MiB more than the memory available: some of it goes to swap.
avail=$(awk '$1 == "MemAvailable:" { print int($2 / 1024) }' /proc/meminfo)
run hog -m $((avail + 16)) -p 1 -s 3
out1=$(vmstat pswpout)
[ "$out1" -gt "$out0" ] || die "nothing was swapped out"
stored=$(field STORED)
[ "$stored" -gt 0 ] || die "logswapctl: STORED $stored after swapping"
echo "# pswpout $out0 -> $out1, STORED $stored bytes"
$ctl || die "logswapctl failed"

# Stop: swapoff (the .swap unit), the service's ExecStop, rmmod.
run swapoff "$what"
run eval "$stop"
[ "$(cat $s/disksize)" = 0 ] || die "disksize after ExecStop: $(cat $s/disksize)"
run rmmod logswap
trap - EXIT
