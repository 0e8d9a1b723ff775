# lsw-swapon.sh KIND: logswap0 on the KIND (zns|conv) namespace: the queue
# limits the driver promises, mkswap, swapon (/proc/swaps shows the whole
# device), swapoff, reset, rmmod.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-swapon.sh zns|conv}
lsw_setup "$kind" 64M

q=$LSW_SYS/queue
[ "$(lsw_get disksize)" = 67108864 ] || die "disksize $(lsw_get disksize)"
[ "$(cat $LSW_SYS/size)" = 131072 ] || die "size $(cat $LSW_SYS/size) sectors"
[ "$(cat $q/logical_block_size)" = 4096 ] || die "logical_block_size"
[ "$(cat $q/physical_block_size)" = 4096 ] || die "physical_block_size"
[ "$(cat $q/minimum_io_size)" = "$(lsw_get segment_size)" ] ||
	die "minimum_io_size $(cat $q/minimum_io_size)"
[ "$(cat $q/optimal_io_size)" = "$(lsw_get segment_size)" ] ||
	die "optimal_io_size $(cat $q/optimal_io_size)"
[ "$(cat $q/discard_granularity)" = 4096 ] || die "discard_granularity"
[ "$(cat $q/discard_max_bytes)" -gt 0 ] || die "no discard"
[ "$(cat $q/write_zeroes_max_bytes)" -gt 0 ] || die "no write zeroes"
[ "$(cat $q/zoned)" = none ] || die "zoned $(cat $q/zoned)"
[ "$(cat $q/rotational)" = 0 ] || die "rotational"
case $(cat $q/write_cache) in
"write back") ;;
*) die "write_cache $(cat $q/write_cache)" ;;
esac
[ "$(cat $q/fua)" = 1 ] || die "fua"
log "queue limits ok"

run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
cat /proc/swaps
kib=$(awk -v d="$LSW_DEV" '$1 == d { print $3 }' /proc/swaps)
# 64 MiB less the header page.
[ "$kib" = 65532 ] || die "/proc/swaps size '$kib' KiB, want 65532"
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
