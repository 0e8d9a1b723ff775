# lsw-big-backing.sh: logswap0 on a conventional namespace of more than
# 2 TiB (issue 12).  A map entry addresses 2^29 blocks (2 TiB): logswap uses
# the first 2 TiB, says so, and works; it used to refuse the device.
. /tests/cases/lsw-lib.sh

LSW_BACKING=$(backing_dev conv) || exit 1
gib=$(($(cat "$(sysblk "$LSW_BACKING")/size") / 2097152))
log "$LSW_BACKING: $gib GiB"
[ "$gib" -gt 2048 ] || die "the namespace has only $gib GiB: run with --conv-size 3T"
lsw_start
klog_mark
lsw_set backing_dev "$LSW_BACKING"
# 1 GiB EUs: 2048 of them cover 2 TiB.
lsw_set erase_unit 1G
lsw_set disksize 256M
msg=$(klog_new | grep "using the first")
log "kernel: $msg"
echo "$msg" | grep -q "using the first 2048 GiB" || die "no notice of the 2 TiB used"
nr=$(lsw_stat nr_eus)
[ "$nr" = 2048 ] || die "nr_eus $nr, want 2048 (2 TiB of 1 GiB EUs)"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
run hog -m 480
run swapoff "$LSW_DEV"
[ "$(lsw_stat segments)" -gt 0 ] || die "no segment written"
lsw_show
lsw_check
lsw_finish
