# lsw-ctl-tool.sh: logswapctl against live devices (64M namespaces of 1M
# zones/EUs, make qemu-ctl): the table (--raw, --bytes, --output, --json)
# checked against sysfs and debugfs, --find on a free device and by
# hot_add, --reset, --stats, --gc with and without --wait, and the
# refusals, each with its errno text, the kernel's reason and a hint.
# The JSON goes to the console between LSWCTL-JSON markers for the host
# (tests/ctl/check-guest.sh).
. /tests/cases/lsw-ctl-lib.sh

zns=$(backing_dev zns) || exit 1
conv=$(backing_dev conv) || exit 1
lsw_start

# One device, not initialised.
hdr=$(logswapctl --raw | head -n 1)
[ "$hdr" = "NAME BACKING MODEL SEGMENT DISKSIZE STORED ZERO FLASH WAF FREE-EU GC SWAP" ] ||
	die "table header: $hdr"
row=$(logswapctl --raw --noheadings)
[ "$row" = "/dev/logswap0 - - 0B 0B 0B 0B 0B - 0 0 no" ] || die "idle row: $row"

# --find takes the free logswap0, then hot_adds logswap1.
n=$(logswapctl --find --backing "$zns" --segment-size 256K --gc-policy cost-benefit --size 24M) ||
	die "--find on zns failed"
[ "$n" = /dev/logswap0 ] || die "--find printed '$n', want /dev/logswap0"
[ "$(lsw_get segment_size)" = 262144 ] && [ "$(lsw_get disksize)" = 25165824 ] &&
	[ "$(lsw_get gc_policy)" = "greedy [cost-benefit]" ] || die "logswap0 not configured as asked"
n=$(logswapctl --find --backing "$conv") || die "--find on conv failed"
[ "$n" = /dev/logswap1 ] || die "--find printed '$n', want /dev/logswap1 (hot_add)"
[ "$(cat /sys/block/logswap1/disksize)" -gt 0 ] || die "logswap1 not initialised (--size max)"

# Data on logswap0: 24M, then the first half of every MiB written over:
# erase units half dead, work for GC (whole dead units are erased at once).
lsw_pattern /tmp/d 24
run dd if=/tmp/d of=/dev/logswap0 bs=1M oflag=direct 2>/dev/null
# over BS N I: write over piece I (of BS bytes) of the N pieces of every MiB.
over() {
	k=0
	while [ $k -lt 24 ]; do
		o=$(($2 * k + $3))
		dd if=/tmp/d of=/dev/logswap0 bs=$1 count=1 seek=$o skip=$o oflag=direct 2>/dev/null ||
			die "dd at $o"
		k=$((k + 1))
	done
}
over 512K 2 0
sync
lsw_settle

logswapctl
logswapctl --output-all
logswapctl --json -o NAME,MODEL,WAF,FREE-EU,SWAP /dev/logswap0 | tee /tmp/j
[ "$(grep -c '"' /tmp/j)" = 6 ] && grep -qx '         "model": "zoned",' /tmp/j &&
	grep -qx "         \"free-eu\": $(lsw_stat free_eus)," /tmp/j || die "--json -o: $(cat /tmp/j)"
# Every column against sysfs and debugfs.
set -- $(logswapctl --raw --bytes --noheadings /dev/logswap0)
[ $# = 12 ] || die "row has $# fields: $*"
[ "$1" = /dev/logswap0 ] && [ "$2" = "$zns" ] && [ "$3" = zoned ] || die "NAME BACKING MODEL: $1 $2 $3"
[ "$4" = 262144 ] && [ "$5" = 25165824 ] || die "SEGMENT DISKSIZE: $4 $5"
[ "$6" = "$(lsw_stat host_bytes)" ] && [ "$6" = 37748736 ] || die "STORED $6, host_bytes $(lsw_stat host_bytes)"
[ "$7" = $(( $(lsw_stat zero_pages) * 4096 )) ] || die "ZERO $7"
[ "$8" = "$(lsw_stat flash_bytes)" ] || die "FLASH $8"
[ "$9" = "$(lsw_gc waf)" ] || die "WAF $9, debugfs waf $(lsw_gc waf)"
shift 9
[ "$1" = "$(lsw_stat free_eus)" ] && [ "$2" = "$(lsw_stat gc_runs)" ] && [ "$3" = no ] ||
	die "FREE-EU GC SWAP: $*"
[ "$(ctl_field /dev/logswap1 MODEL)" = conventional ] || die "logswap1 MODEL"
nreu=$(lsw_stat nr_eus)
target=$((nreu / 2))
[ "$(logswapctl --raw -n -o NAME,NR-EU,LIVE,POLICY,BUFFERS /dev/logswap0)" = \
	"/dev/logswap0 $nreu 24M cost-benefit 4" ] ||
	die "-o NAME,NR-EU,LIVE,POLICY,BUFFERS: $(logswapctl --raw -n -o NAME,NR-EU,LIVE,POLICY,BUFFERS /dev/logswap0)"
# Human sizes: 24M, 36M stored.
[ "$(logswapctl --raw -n -o DISKSIZE,STORED /dev/logswap0)" = "24M 36M" ] ||
	die "human sizes: $(logswapctl --raw -n -o DISKSIZE,STORED /dev/logswap0)"

# swapped on: the SWAP column and the JSON.
run mkswap /dev/logswap1 >/dev/null
run swapon /dev/logswap1
[ "$(ctl_field /dev/logswap1 SWAP)" = yes ] || die "SWAP column of a swapped-on device"
echo LSWCTL-JSON-BEGIN table
logswapctl --json
echo LSWCTL-JSON-END
echo LSWCTL-JSON-BEGIN bytes
logswapctl --json --bytes
echo LSWCTL-JSON-END
echo "LSWCTL-SYSFS logswap0 $(lsw_get disksize) $(lsw_stat host_bytes) $(lsw_stat flash_bytes) $(lsw_stat free_eus)"
logswapctl --json --bytes | grep -q '"swap": true' || die "--json: no swap true"

# --reset of a swapped-on device: refused, with what to do.
ctl_expect 1 "logswapctl: /dev/logswap1: cannot set reset to '1': Device or resource busy (EBUSY)" logswapctl --reset /dev/logswap1
ctl_expect 1 "hint: /dev/logswap1 is open (swapped on, mounted or held by a program): swapoff /dev/logswap1 first" logswapctl --reset /dev/logswap1
grep -qF "kernel: logswap: logswap1: reset: the device is open (swapon, mount?)" /tmp/ctl.err ||
	die "--reset: the kernel's reason is not shown"
run swapoff /dev/logswap1
run logswapctl --reset /dev/logswap1
[ "$(cat /sys/block/logswap1/disksize)" = 0 ] || die "disksize after --reset"
# --find now takes the reset logswap1 again, no hot_add.
n=$(logswapctl --find --backing "$conv" --size 16M) || die "--find of a reset device"
[ "$n" = /dev/logswap1 ] && [ "$(lsw_nr_devs)" = 2 ] || die "--find gave $n with $(lsw_nr_devs) devices"
run logswapctl -r logswap1

# --stats: every debugfs figure, named, with its unit.
logswapctl --stats /dev/logswap0 | tee /tmp/stats
grep -qx "  host_bytes *$(lsw_gc host_bytes) bytes *(36M) *stored by the host (zero pages included)" /tmp/stats ||
	die "--stats host_bytes line"
grep -qx "  waf *$(lsw_gc waf) ratio .*write amplification, flash_bytes / host_bytes" /tmp/stats || die "--stats waf"
grep -qx "  free_eus *$(lsw_gc free_eus) EUs .*erase units free now" /tmp/stats || die "--stats free_eus"
[ "$(grep -c '^  ' /tmp/stats)" = "$(grep -vc '^version:' $LSW_DBG/gc)" ] || die "--stats left figures out"
! grep -q 'not known to this logswapctl' /tmp/stats || die "--stats: a key without a unit"
echo LSWCTL-JSON-BEGIN stats
logswapctl --stats --json /dev/logswap0
echo LSWCTL-JSON-END

# --gc --wait, with a writer going (GC runs when an EU is allocated).
low=$(lsw_get gc_low)
high=$(lsw_get gc_high)
free0=$(lsw_stat free_eus)
[ "$free0" -lt $target ] || die "free EUs $free0: no garbage to collect for the test"
rm -f /tmp/stop
( i=0; while [ ! -e /tmp/stop ]; do
	dd if=/tmp/d of=/dev/logswap0 bs=1M count=1 seek=$((i % 4)) skip=$((i % 4)) oflag=direct 2>/dev/null
	i=$((i + 1)); done ) &
wpid=$!
logswapctl --gc /dev/logswap0 --wait --timeout 120 > /tmp/gc.out 2>&1
r=$?
touch /tmp/stop
wait $wpid
cat /tmp/gc.out
[ "$r" = 0 ] || die "--gc --wait exited $r"
grep -q "^/dev/logswap0: free erase units $free0 -> [0-9]* of $nreu (target $target); [1-9][0-9]* GC runs, [0-9]* blocks moved, [1-9][0-9]* erases$" /tmp/gc.out ||
	die "--gc --wait report"
[ "$(lsw_get gc_low)" = "$low" ] && [ "$(lsw_get gc_high)" = "$high" ] ||
	die "--gc left gc_low $(lsw_get gc_low) gc_high $(lsw_get gc_high), was $low $high"
lsw_settle
# Now enough is free.
out=$(logswapctl --gc /dev/logswap0) || die "--gc with enough free"
echo "$out"
echo "$out" | grep -q "^/dev/logswap0: [0-9]* of $nreu erase units free: nothing to collect (target $target)$" ||
	die "--gc with enough free: $out"

# --gc without --wait: the thresholds go up at once and come back after.
# The first and the third quarter of every MiB: half of the units written
# above (first halves) and half of the first ones (second halves) die.
over 256K 4 0
over 256K 4 2
sync
lsw_settle
[ "$(lsw_stat free_eus)" -lt $target ] || die "free EUs $(lsw_stat free_eus) after rewriting"
runs0=$(lsw_stat gc_runs)
run logswapctl --gc /dev/logswap0
[ "$(lsw_get gc_low)" = $target ] && [ "$(lsw_get gc_high)" = $target ] || die "--gc: gc_low/high $(lsw_get gc_low) $(lsw_get gc_high)"
ctl_expect 1 "logswapctl: /dev/logswap0: another logswapctl --gc runs on it" logswapctl --gc /dev/logswap0
run dd if=/tmp/d of=/dev/logswap0 bs=1M count=4 oflag=direct
t=0
while [ "$(lsw_get gc_low)" != "$low" ] && [ $t -lt 90 ]; do sleep 1; t=$((t + 1)); done
[ "$(lsw_get gc_low)" = "$low" ] && [ "$(lsw_get gc_high)" = "$high" ] ||
	die "--gc (no wait) did not restore gc_low/gc_high after ${t}s"
[ "$(lsw_stat gc_runs)" -gt "$runs0" ] || die "--gc (no wait): no GC run"
log "--gc without --wait: thresholds back after ${t}s, gc_runs $runs0 -> $(lsw_stat gc_runs)"
lsw_check

# Refusals, each with errno text and what to do.
nd=$(lsw_nr_devs)
ctl_expect 1 "logswapctl: /dev/logswap1: cannot set backing_dev to '$zns': Device or resource busy (EBUSY)" logswapctl --find --backing "$zns"
grep -qF "hint: $zns is in use (swapped on, mounted, or backing another logswap device)" /tmp/ctl.err || die "EBUSY hint"
[ "$(lsw_nr_devs)" = "$nd" ] || die "a refused --find left a hot_added device"
ctl_expect 1 "logswapctl: /dev/logswap1: cannot set disksize to '107374182400': Invalid argument (EINVAL)" logswapctl --find --backing "$conv" --size 100G
grep -qF "kernel: logswap: " /tmp/ctl.err || die "disksize refusal: no kernel reason"
grep -qF "hint: the size is above what the backing device holds" /tmp/ctl.err || die "disksize hint"
ctl_expect 1 "logswapctl: /dev/logswap1: cannot set backing_dev to '/dev/logswap0': Invalid argument (EINVAL)" logswapctl --find --backing /dev/logswap0
grep -qF "hint: logswap cannot use /dev/logswap0" /tmp/ctl.err || die "EINVAL backing hint"
ctl_expect 2 "logswapctl: backing device /dev/null: not a block device" logswapctl --find --backing /dev/null
ctl_expect 2 "logswapctl: backing device /dev/nvme9n9: No such file or directory (ENOENT)" logswapctl --find --backing /dev/nvme9n9
ctl_expect 4 "logswapctl: /dev/logswap9: no such logswap device (logswapctl lists them; logswapctl --find creates one)" logswapctl --reset /dev/logswap9
ctl_expect 4 "no such logswap device" logswapctl --stats logswap9
ctl_expect 1 "logswapctl: /dev/logswap1 is not initialised: nothing to collect" logswapctl --gc /dev/logswap1
ctl_expect 2 "logswapctl: --size 'x': not a size" logswapctl --find --backing "$conv" --size x
[ "$(lsw_nr_devs)" = "$nd" ] || die "refusals changed the devices"

run logswapctl --reset /dev/logswap0
[ "$(lsw-wr $LSW_CTL/hot_remove 1)" = ok ] || die "hot_remove 1"
lsw_finish
# Without the module.
ctl_expect 4 "logswapctl: the logswap module is not loaded (no /sys/class/logswap-control): run modprobe logswap" logswapctl --find --backing "$conv"
[ -z "$(logswapctl)" ] || die "a table without the module"
