# vswap-table.sh KIND: on the mm-patches kernel (make test-kernel), swap on
# logswap0 goes through the kernel's virtual swap table: every page the
# engine placed in the log has the same location (PHYS block or LOG buffer
# position) in the table, zero pages never reach the device, swap-ins of
# PHYS slots are read by the kernel from the backing device, and the data
# comes back intact.  The table is the driver's only slot map: its own
# per-slot map takes 0 bytes while thousands of pages are swapped out.
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

kind=${1:?usage: vswap-table.sh zns|conv}

lsw_setup "$kind" 192M
# On failure, give the tmpfs pages back before swapoff (or it OOMs).
trap 'rc=$?; umount /mnt/vs 2>/dev/null; lsw_cleanup; exit $rc' EXIT
[ -f "$CK" ] || die "no $CK: logswap.ko was built without vswap mode"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
[ -f "$VS" ] || die "no $VS after swapon: no virtual table"
slots=$((192 * M / 4096))
[ "$(vs slots)" = "$slots" ] || die "table slots $(vs slots), want $slots"
[ "$(vs table_bytes)" = $((slots * 8)) ] || die "table_bytes $(vs table_bytes)"
log "virtual table: $slots slots, $(vs table_bytes) bytes"

h0=$(lsw_gc host_bytes)
s0=$(vs stores)
# 160 MiB of random data and 64 MiB of zeros in tmpfs, pushed out.
vswap_tmpfs_fill
cat "$VS"
cat "$CK"

[ "$(vs phys)" -gt 0 ] || die "no PHYS entry in the table"
[ "$(vs zero)" -gt 0 ] || die "no ZERO entry in the table"
[ "$(ck mismatch)" = 0 ] || die "table and engine disagree: $(ck mismatch) slots, first $(ck first_mismatch)"
[ "$(ck phys_match)" -gt 0 ] || die "no PHYS slot matched"
[ "$(ck phys_match)" = "$(vs phys)" ] ||
	die "phys_match $(ck phys_match) != table PHYS count $(vs phys)"
log "PHYS tags equal the blocks logswap wrote: $(ck phys_match) slots, LOG $(ck log_match)"

# No per-slot map in the driver: the table is the engine's map.
out=$(( $(vs phys) + $(vs log) ))
[ "$out" -gt 4000 ] || die "only $out pages swapped out"
[ "$(lsw_gc map_bytes)" = 0 ] || die "driver map_bytes $(lsw_gc map_bytes), want 0"
[ "$(ck engine_map_bytes)" = 0 ] || die "engine_map_bytes $(ck engine_map_bytes)"
[ "$(ck valid_blocks)" = "$(ck phys_match)" ] ||
	die "$(ck valid_blocks) valid blocks, $(ck phys_match) PHYS words"
log "RAM per slot: table $(( $(vs table_bytes) / slots )) B + driver map $(lsw_gc map_bytes) B; engine RAM $(lsw_gc ram_bytes) B in all (valid bitmap, EU table, segment buffers: nothing per slot); $out pages out (PHYS $(vs phys), LOG $(vs log), ZERO $(vs zero))"

# Zero pages: the device only saw the non-zero pages the kernel stored.
dh=$(( $(lsw_gc host_bytes) - h0 ))
ds=$(( $(vs stores) - s0 ))
[ "$dh" = $((ds * 4096)) ] || die "host bytes +$dh, but $ds stores"
[ "$(vs zero_stores)" -gt 0 ] || die "no zero store"
log "zero pages: $(vs zero_stores) kept in the table, host bytes +$dh = $ds stores"

# Swap-in: PHYS slots read by the kernel straight from the backing device.
r0=$(vs phys_reads)
vswap_tmpfs_verify
[ "$(vs phys_reads)" -gt "$r0" ] || die "no swap-in read PHYS directly"
log "swap-in: $(vs phys_reads) direct PHYS reads, $(vs loads) through the driver, $(vs retries) retries"
hr=$(lsw_gc host_reads)
log "swap-in work: pswpin $(awk '$1 == "pswpin" { print $2 }' /proc/vmstat), driver bio reads (host_reads) ${hr:-?}"

run umount /mnt/vs
lsw_settle
[ "$(ck mismatch)" = 0 ] || die "after free: $(ck mismatch) slots disagree"
run swapoff "$LSW_DEV"
[ ! -e "$VS" ] || die "$VS still there after swapoff"
lsw_check
lsw_finish
