# lsw-segsize.sh KIND: segment_size 64K, 256K and 1M in turn, each set
# before disksize, read back, used (minimum_io_size, segments written for
# 8 MiB of data), then the data read back from flash; reset in between.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-segsize.sh zns|conv}
M=1048576
dev=$(backing_dev "$kind") || exit 1
lsw_start
lsw_set backing_dev "$dev"
lsw_pattern /tmp/d 8

for seg in 64K 256K 1M; do
	case $seg in
	64K) bytes=65536 ;;
	256K) bytes=262144 ;;
	1M) bytes=1048576 ;;
	esac
	lsw_set segment_size $seg
	[ "$(lsw_get segment_size)" = $bytes ] || die "segment_size reads $(lsw_get segment_size), want $bytes"
	lsw_set disksize 64M
	[ "$(lsw_get segment_size)" = $bytes ] || die "segment_size after init $(lsw_get segment_size)"
	[ "$(cat $LSW_SYS/queue/minimum_io_size)" = $bytes ] ||
		die "minimum_io_size $(cat $LSW_SYS/queue/minimum_io_size)"

	run dd if=/tmp/d of="$LSW_DEV" bs=$M seek=4 oflag=direct conv=fsync
	lsw_settle
	per=$((bytes / 4096 - 1))	# data pages per segment
	need=$(( (8 * 256 + per - 1) / per ))
	segs=$(lsw_stat segments)
	[ "$segs" -ge "$need" ] || die "$segs segments for 8 MiB, want >= $need"
	lsw_drop_caches
	read_range "$LSW_DEV" $((4 * M)) $((8 * M)) | cmp - /tmp/d ||
		die "segment_size $seg: data read back wrong"
	check_zeros "$LSW_DEV" 0 $((4 * M))
	log "segment_size $seg: $segs segments, data intact"
	lsw_check
	lsw_set reset 1
done
lsw_finish
