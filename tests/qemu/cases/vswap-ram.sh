# vswap-ram.sh KIND: the RAM and swap-in figures of the cover letter, the
# same workload on either kernel: 160 MiB of random data and 64 MiB of
# zeros in tmpfs pushed out by a 96 MiB hog to a 192 MiB logswap device,
# then read back and verified.  On Debian's kernel (stock driver, bios)
# and on the mm-patches kernel (vswap mode) it logs the per-slot RAM of
# the driver's map and of the kernel's table, and how swap-ins were
# served: bio reads into the driver (each resolves the slot in the
# driver's map) or reads by the kernel from its table.
#   tests/qemu/run.sh --case 'vswap-ram conv' --ko ...          (stock)
#   tests/qemu/run.sh --case 'vswap-ram conv' --kernel ... --ko ...
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

kind=${1:?usage: vswap-ram.sh zns|conv}
vm() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }

lsw_setup "$kind" 192M
trap 'rc=$?; umount /mnt/vs 2>/dev/null; lsw_cleanup; exit $rc' EXIT
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
slots=$((192 * M / 4096))
mode=stock
[ -f "$VS" ] && mode=vswap

vswap_tmpfs_fill
used=$(awk -v d="$(basename "$LSW_DEV")" '$1 ~ d { print $4 }' /proc/swaps)
log "$mode: $used KiB of swap in use ($((used / 4)) pages), $slots slots"
log "$mode: driver map_bytes $(lsw_gc map_bytes) ($(( $(lsw_gc map_bytes) / slots )) B/slot), engine ram_bytes $(lsw_gc ram_bytes)"
if [ "$mode" = vswap ]; then
	log "vswap: table_bytes $(vs table_bytes) ($(( $(vs table_bytes) / slots )) B/slot); tags phys $(vs phys) log $(vs log) zero $(vs zero)"
	[ "$(lsw_gc map_bytes)" = 0 ] || die "vswap mode with a driver map"
else
	[ "$(lsw_gc map_bytes)" = $((slots * 4)) ] || die "stock map_bytes $(lsw_gc map_bytes)"
fi

in0=$(vm pswpin)
r0=$(lsw_gc host_reads)
p0=0
[ "$mode" = vswap ] && p0=$(vs phys_reads)
vswap_tmpfs_verify
in=$(( $(vm pswpin) - in0 ))
reads=$(( $(lsw_gc host_reads) - r0 ))
log "$mode: swap-in of the files: pswpin +$in, driver reads (each a map lookup + re-check) +$reads"
if [ "$mode" = vswap ]; then
	log "vswap: kernel PHYS reads from the table +$(( $(vs phys_reads) - p0 )), loads $(vs loads), retries $(vs retries)"
fi
run umount /mnt/vs
lsw_settle
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
