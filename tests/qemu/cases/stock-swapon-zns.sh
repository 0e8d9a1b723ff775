# Negative control: the stock kernel refuses swap on a zoned device.
# mkswap must work (it writes only the first page, at zone 0's write
# pointer), swapon must fail with EINVAL.  This is why logswap exists.
# Afterwards every zone is reset again, for the cases that follow.
. /tests/lib.sh

dev=$(backing_dev zns) || exit 1
is_zoned "$dev" || die "$dev is not host-managed zoned"

run mkswap "$dev"
sig=$(dd if="$dev" bs=4096 count=1 2>/dev/null | tail -c 10)
[ "$sig" = SWAPSPACE2 ] || die "no swap signature on $dev after mkswap"

if out=$(swapon "$dev" 2>&1); then
	swapoff "$dev"
	die "swapon on zoned $dev succeeded"
fi
log "swapon: $out"
case $out in
*"Invalid argument"*) log "swapon on zoned $dev fails with EINVAL, as expected" ;;
*) die "swapon failed, but not with EINVAL" ;;
esac

run nvme zns reset-zone "$dev" -a
run blockdev --flushbufs "$dev"
check_zeros "$dev" 0 4096
