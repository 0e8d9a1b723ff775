# lsw-hostile-geo.sh: backing devices logswap must refuse, each with EINVAL,
# exactly one logswap line in the kernel log naming the reason, and
# flash_stat, disksize and size unchanged.  Boot with
#   run.sh --zns-size 4M --zone-size 4M --zone-cap 3M --conv-size 6M
# ZNS: one zone (fewer than the GC reserve of 2; logswap needs 6 EUs), its
# capacity 3M, not a multiple of a 2M segment.  Conventional: 6M, one
# default 4M EU (less than two), 3 EUs of 2M; 6 EUs of 1M are taken (the
# positive control: data written reads back).  null_blk: a zoned device
# with a conventional zone, and one allowing 1 open zone (2 needed).
. /tests/cases/lsw-lib.sh

zns=$(backing_dev zns) || exit 1
conv=$(backing_dev conv) || exit 1
[ "$(dev_bytes "$zns")" = 4194304 ] || skip "needs --zns-size 4M (is $(dev_bytes "$zns"))"
[ "$(dev_bytes "$conv")" = 6291456 ] || skip "needs --conv-size 6M (is $(dev_bytes "$conv"))"
lsw_start

snap() { cat "$LSW_SYS/flash_stat" "$LSW_SYS/disksize" "$LSW_SYS/size"; }
n=0
# refuse ATTR VALUE ERRNO PATTERN: the write fails with ERRNO, logs one
# line matching PATTERN, changes nothing.
refuse() {
	before=$(snap)
	klog_mark
	r=$(lsw-wr "$LSW_SYS/$1" "$2")
	[ "$r" = "$3" ] || die "'$2' > $1: $r, want $3"
	[ "$(snap)" = "$before" ] || die "'$2' > $1 changed flash_stat, disksize or size"
	new=$(klog_new | grep logswap)
	echo "    $1 $2: $r: $new"
	[ "$(printf '%s\n' "$new" | grep -c .)" = 1 ] || die "'$2' > $1 logged not one logswap line: $new"
	printf '%s\n' "$new" | grep -q "logswap: .*$4" || die "'$2' > $1: no '$4' in: $new"
	n=$((n + 1))
}

# --- ZNS: one zone of capacity 3M -------------------------------------------
lsw_set segment_size 2M			# nothing known yet: taken
lsw_set backing_dev "$zns"
refuse disksize max EINVAL "zone capacity of 3072 KiB is not a multiple of the 2048 KiB segment"
refuse segment_size 2M EINVAL "segment_size 2048K does not divide the 3072K erase unit"
lsw_set segment_size 1M			# divides 3M
refuse disksize max EINVAL "1 erase units: at least 6 are needed"
refuse disksize 1M EINVAL "1 erase units: at least 6 are needed"

# --- conventional, 6M ----------------------------------------------------------
lsw_set backing_dev "$conv"
lsw_set segment_size 64K
refuse disksize max EINVAL "1 erase units: at least 6 are needed"	# default 4M EU
lsw_set erase_unit 8M
refuse disksize 1M EINVAL "0 erase units: at least 6 are needed"
lsw_set erase_unit 2M
refuse disksize max EINVAL "3 erase units: at least 6 are needed"
lsw_set erase_unit 1M
refuse disksize 8M EINVAL "exceeds the"
lsw_set disksize max
log "6 EUs of 1M: $(lsw_get disksize) bytes"
lsw_pattern /tmp/d 1
bytes=$(lsw_get disksize)
head -c "$bytes" /tmp/d > /tmp/e
run dd if=/tmp/e of="$LSW_DEV" bs=4096 oflag=direct conv=fsync
lsw_drop_caches
read_range "$LSW_DEV" 0 "$bytes" | cmp - /tmp/e || die "data read back wrong"
lsw_check
lsw_set reset 1
lsw_start		# afresh: erase_unit stays set, zoned devices refuse it

# --- null_blk: zoned with a conventional zone; 1 open zone ------------------
nb() {
	modprobe null_blk nr_devices=1 zoned=1 zone_size=4 gb=1 "$@" ||
		die "modprobe null_blk $*"
	[ -b /dev/nullb0 ] || die "no /dev/nullb0"
}
nb zone_nr_conv=1
before=$(snap)
klog_mark
r=$(lsw-wr "$LSW_SYS/backing_dev" /dev/nullb0)
[ "$r" = EINVAL ] || die "zoned null_blk with a conventional zone: $r, want EINVAL"
klog_new | grep -q 'logswap: nullb0: 1 conventional zones mixed in' ||
	die "no message for the conventional zone"
[ "$(snap)" = "$before" ] || die "backing_dev nullb0 changed the device"
n=$((n + 1))
run rmmod null_blk
nb zone_nr_conv=0 zone_max_open=1
lsw_set backing_dev /dev/nullb0
refuse disksize max EINVAL "allows 1 open zones, logswap needs 2"
lsw_set backing_dev "$conv"		# let go of nullb0
run rmmod null_blk

log "$n geometries refused, each with EINVAL and one line, nothing changed"
lsw_finish
