# lsw-ctl-setup.sh KIND: boot-time setup from a config file, as systemd
# would run it.  logswap-generator turns /tmp/logswap.conf into units; the
# case runs the service's ExecStart (logswapctl --setup-from-config: the
# device, hot_added, configured and mkswap'ed), then swapon as the .swap
# unit says (What=, Priority=), checks /proc/swaps and logswapctl's table,
# swaps through it, and stops with the service's ExecStop.  No systemd in
# the guest: the commands come from the written units.
. /tests/cases/lsw-ctl-lib.sh

kind=${1:-conv}
dev=$(backing_dev "$kind") || exit 1
model=conventional
[ "$kind" = conv ] || model=zoned
lsw_start
# The generated units name logswapctl's installed path.
ln -sf /tests/bin/logswapctl /usr/sbin/logswapctl
conf=/tmp/logswap.conf
units=/tmp/units
cat > $conf <<CONF
# /etc/logswap.conf: one section per device
[logswap2]
backing-device = $dev
segment-size = 256K
size = 40M
gc-policy = cost-benefit
swap-priority = 7
CONF
rm -rf $units
mkdir -p $units
LOGSWAP_CONFIG=$conf run logswap-generator $units $units.early $units.late
gen_units $units logswap2
[ "$start" = "/usr/sbin/logswapctl --setup-from-config logswap2 --config $conf" ] ||
	die "ExecStart=$start"
[ "$what" = /dev/logswap2 ] && [ "$prio" = 7 ] || die "What=$what Priority=$prio"
[ ! -e /sys/block/logswap2 ] || die "logswap2 exists before the setup"

# The service's start: logswap0 exists (num_devices=1), so logswap1 and
# logswap2 are hot_added and logswap1 is removed again.
echo "+ $start"
msg=$(eval "$start") || die "ExecStart failed"
echo "$msg"
[ "$msg" = "/dev/logswap2: 40M on $dev ($model), swap signature written" ] ||
	die "setup said: $msg"
s=/sys/block/logswap2
[ "$(cat $s/disksize)" = 41943040 ] || die "disksize $(cat $s/disksize)"
[ "$(cat $s/segment_size)" = 262144 ] || die "segment_size $(cat $s/segment_size)"
[ "$(cat $s/gc_policy)" = "greedy [cost-benefit]" ] || die "gc_policy $(cat $s/gc_policy)"
[ "$(cat $s/backing_dev)" = "$dev" ] || die "backing_dev $(cat $s/backing_dev)"
[ ! -e /sys/block/logswap1 ] || die "logswap1, hot_added on the way, was not removed"
# mkswap wrote its signature at the end of the first page.
sig=$(dd if=/dev/logswap2 bs=4096 count=1 2>/dev/null | tail -c 10)
[ "$sig" = SWAPSPACE2 ] || die "no swap signature on /dev/logswap2: '$sig'"

# The .swap unit: swapon What= with Priority= (busybox swapon has no -p).
run lsw-swapon "$what" "$prio"
cat /proc/swaps
awk -v d="$what" '$1 == d { print $5 }' /proc/swaps | grep -qx 7 ||
	die "/dev/logswap2 not in /proc/swaps with priority 7"
[ "$(ctl_field /dev/logswap2 SWAP)" = yes ] || die "logswapctl: SWAP not yes"
out0=$(vmstat pswpout)
# 16 MiB more than the memory available: some goes to the 40M of swap.
avail=$(awk '$1 == "MemAvailable:" { print int($2 / 1024) }' /proc/meminfo)
run hog -m $((avail + 16)) -p 1 -s 3
[ "$(vmstat pswpout)" -gt "$out0" ] || die "nothing was swapped out"
stored=$(ctl_field /dev/logswap2 STORED)
[ "$stored" -gt 0 ] || die "logswapctl: STORED $stored after swapping"
logswapctl
# A second start while it is in use is refused, clearly.
ctl_expect 1 "hint: logswapctl --reset /dev/logswap2 first (swapoff it before)" sh -c "$start"
ctl_expect 1 "logswapctl: /dev/logswap2 is initialised already (disksize 41943040)" sh -c "$start"

# A bad config: the generator writes nothing, the setup refuses.
printf '[logswap2]\nbacking-device = %s\nsize = lots\n' "$dev" > /tmp/bad.conf
rm -rf /tmp/units-bad
mkdir -p /tmp/units-bad
if LOGSWAP_CONFIG=/tmp/bad.conf logswap-generator /tmp/units-bad 2>/tmp/gen.err; then
	die "the generator took a bad config"
fi
cat /tmp/gen.err
grep -qxF "/tmp/bad.conf:3: size = 'lots': a size in bytes with an optional K, M, G or T suffix, or max" /tmp/gen.err ||
	die "generator message"
[ -z "$(ls -A /tmp/units-bad)" ] || die "units written for a bad config"
ctl_expect 3 "/tmp/bad.conf: 1 error: nothing was set up" logswapctl --setup-from-config logswap2 --config /tmp/bad.conf

# Stop: swapoff (the .swap unit), then the service's ExecStop.
run swapoff "$what"
[ "$stop" = "/usr/sbin/logswapctl --reset /dev/logswap2" ] || die "ExecStop=$stop"
run eval "$stop"
[ "$(cat $s/disksize)" = 0 ] || die "disksize after ExecStop: $(cat $s/disksize)"
[ "$(lsw-wr $LSW_CTL/hot_remove 2)" = ok ] || die "hot_remove 2"
lsw_finish
