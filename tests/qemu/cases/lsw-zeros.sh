# lsw-zeros.sh KIND: reads of slots never written, and of slots freed by
# discard and by write-zeroes, return zeros - whether the data they held
# was still in a RAM buffer or already on flash - and the neighbouring
# data stays intact.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-zeros.sh zns|conv}
M=1048576
lsw_setup "$kind" 64M segment_size=64K

# Never written: zeros everywhere, including the last slot.
check_zeros "$LSW_DEV" 0 $((8 * M))
check_zeros "$LSW_DEV" $((63 * M)) $M
check_zeros "$LSW_DEV" $((64 * M - 4096)) 4096
log "never-written slots read as zeros"

# 4 MiB at 8 MiB, flushed to flash (conv=fsync sends a flush).
lsw_pattern /tmp/d 4
run dd if=/tmp/d of="$LSW_DEV" bs=$M seek=8 oflag=direct conv=fsync
lsw_settle
[ "$(lsw_stat segments)" -gt 0 ] || die "nothing reached flash"
lsw_drop_caches
read_range "$LSW_DEV" $((8 * M)) $((4 * M)) | cmp - /tmp/d || die "data read back wrong"

# Discard 1 MiB of it on flash; a 4 KiB slot; write-zeroes another MiB.
run lsw-blk discard "$LSW_DEV" $((9 * M)) $M
run lsw-blk discard "$LSW_DEV" $((11 * M + 8192)) 4096
run lsw-blk zeroout "$LSW_DEV" $((10 * M)) $M
lsw_drop_caches
check_zeros "$LSW_DEV" $((9 * M)) $((2 * M))
check_zeros "$LSW_DEV" $((11 * M + 8192)) 4096
dd if=/tmp/d bs=$M count=1 2>/dev/null > /tmp/e
read_range "$LSW_DEV" $((8 * M)) $M | cmp - /tmp/e || die "MiB before the discard changed"
dd if=/tmp/d bs=4096 skip=768 count=2 2>/dev/null > /tmp/e
read_range "$LSW_DEV" $((11 * M)) 8192 | cmp - /tmp/e || die "slots before the discarded one changed"
dd if=/tmp/d bs=4096 skip=771 count=253 2>/dev/null > /tmp/e
read_range "$LSW_DEV" $((11 * M + 12288)) $((253 * 4096)) | cmp - /tmp/e ||
	die "slots after the discarded one changed"
log "discarded and zeroed slots on flash read as zeros, neighbours intact"

# 256 KiB written without a flush: still in the RAM buffer (LOG), freed.
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=40 seek=$((20 * 256)) oflag=direct
run lsw-blk discard "$LSW_DEV" $((20 * M)) $((20 * 4096))
run lsw-blk zeroout "$LSW_DEV" $((20 * M + 20 * 4096)) $((20 * 4096))
lsw_drop_caches
check_zeros "$LSW_DEV" $((20 * M)) $((40 * 4096))
log "discarded and zeroed slots in RAM read as zeros"

# They stay zero once everything is flushed.
run lsw-blk flush "$LSW_DEV"
lsw_settle
lsw_drop_caches
check_zeros "$LSW_DEV" $((20 * M)) $((40 * 4096))
check_zeros "$LSW_DEV" $((9 * M)) $((2 * M))
check_zeros "$LSW_DEV" $((30 * M)) $M
live=$(lsw_stat live_slots)
# 1024 written at 8M, 512 discarded or zeroed, 1 more discarded.
[ "$live" = 511 ] || die "live_slots $live, want 511"
lsw_check
lsw_show
lsw_finish
