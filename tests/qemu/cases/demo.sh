# demo.sh: what `make demo` shows.  logswap on the ZNS namespace (where
# stock swapon refuses), swapon, a memory hog through swap, then the
# driver's counters and the zone write pointers.
. /tests/cases/lsw-lib.sh

log "== stock swapon on the ZNS namespace $ZNS_DEV (expected to fail):"
mkswap "$ZNS_DEV" >/dev/null 2>&1
swapon "$ZNS_DEV" 2>&1 && die "stock swapon accepted a zoned device"

log "== logswap on $ZNS_DEV"
lsw_setup zns max
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
cat /proc/swaps
run hog -m 256 -p 2 -s 1 || die "memory hog failed"
log "== /sys/block/logswap0/flash_stat"
log "host_bytes zero_pages flash_bytes segments gc_runs gc_moved erases free_eus nr_eus live_slots fg_stalls bad_eus"
lsw_get flash_stat
log "== debugfs logswap/logswap0/gc"
cat "$LSW_DBG/gc"
log "== zone write pointers (first 12 zones)"
nvme zns report-zones "$ZNS_DEV" -d 12
run swapoff "$LSW_DEV"
lsw_finish
