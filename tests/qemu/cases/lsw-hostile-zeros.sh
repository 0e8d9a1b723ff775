# lsw-hostile-zeros.sh KIND: slots read back as zeros when they were never
# written, freed by the swap code (swapoff frees every slot through
# swap_slot_free_notify), or dropped by a reset (write data, reset, set
# disksize again on the same backing device: its old blocks are not
# mapped).  Discard and write-zeroes are lsw-zeros.sh.  Compared with
# /dev/zero by cmp.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-hostile-zeros.sh zns|conv}
M=1048576
S=$((64 * M))
lsw_setup "$kind" 64M segment_size=64K

# zeros OFFSET LEN: the range reads as zeros (cmp with /dev/zero).
zeros() {
	head -c "$2" /dev/zero > /tmp/z
	read_range "$LSW_DEV" "$1" "$2" | cmp - /tmp/z ||
		die "$3: $2 bytes at $1 are not zeros"
}

lsw_drop_caches
zeros 0 $S "never written"
log "never written: 64 MiB of zeros"

# Freed by the swap code: swapped out by a hog, then swapoff.
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
# Enough to push some 30 MiB out to the 64 MiB of swap.
avail=$(awk '$1 == "MemAvailable:" { print int($2 / 1024) }' /proc/meminfo)
run hog -m $((avail + 24)) -p 1
out=$(awk -v d="$LSW_DEV" '$1 == d { print $4 }' /proc/swaps)
log "swap used before swapoff: ${out:-?} KiB, live_slots $(lsw_stat live_slots)"
[ "$(lsw_stat live_slots)" -gt 1 ] || die "the hog swapped nothing out"
run swapoff "$LSW_DEV"
lsw_settle
live=$(lsw_stat live_slots)
# Only the swap header (slot 0) is still written.
[ "$live" = 1 ] || die "after swapoff live_slots $live, want 1 (the header)"
lsw_drop_caches
zeros 4096 $((S - 4096)) "freed by swapoff"
log "freed by swapoff: every slot but the header reads zeros"

# Reset: data on flash and in RAM, reset, the same device set up again.
lsw_pattern /tmp/d 8
run dd if=/tmp/d of="$LSW_DEV" bs=$M oflag=direct conv=fsync
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=3 seek=$((20 * 256)) oflag=direct
lsw_settle
[ "$(lsw_stat segments)" -gt 0 ] || die "nothing reached flash"
lsw_set reset 1
lsw_set backing_dev "$LSW_BACKING"
lsw_set segment_size 64K
lsw_set disksize 64M
[ "$(lsw_stat live_slots)" = 0 ] || die "live_slots $(lsw_stat live_slots) after reset"
lsw_drop_caches
zeros 0 $S "after reset"
log "after reset and a new disksize: 64 MiB of zeros"
lsw_check
lsw_finish
