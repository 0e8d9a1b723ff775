# swapbk-bind.sh KIND: the swap backend interface of mm-patches-7.2/
# (patched 7.2 kernel, logswap.ko built against it).  logswap0 registers
# its disk as a swap backend when it is set up.  swapon binds it: the
# kernel pins logswap.ko (rmmod refused) and gives each swap cluster in
# use a virtual table of 512 8-byte words beside its swap table, which is
# then the driver's only slot map (driver and engine map bytes 0); every
# PHYS word names a valid block, once, and every valid block is named.
# swapoff unbinds and frees every table (the driver's own map is back).
# Pages swapped out and in through the bound device read back intact, a
# second swapon (without mkswap: the header survived the round trip)
# binds again.  Swap-ins of pages on flash are read by the kernel itself
# from the backing device (one bio each, checked against the word and the
# erase generation at completion), not by bios to the driver; in the
# second round the driver refuses 300 of them at completion (debugfs
# <disk>-stale-reads, as if GC had relocated the page during the read)
# and the kernel's retry through the disk must bring every page back.
#   tests/qemu/run.sh --case 'swapbk-bind conv' --kernel ... --ko ...
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

kind=${1:?usage: swapbk-bind.sh zns|conv}
lsw_setup "$kind" 192M
trap 'rc=$?; umount /mnt/vs 2>/dev/null; lsw_cleanup; exit $rc' EXIT
[ -f "$CK" ] || die "no $CK: logswap0 is not a swap backend"
[ "$(ck bound)" = 0 ] || die "bound before swapon"
[ "$(ck table_bytes)" = 0 ] || die "tables before swapon: $(ck table_bytes)"
slots=$((192 * 256))
[ "$(ck driver_map_bytes)" = $((slots * 4)) ] || die "unbound map $(ck driver_map_bytes)"
[ "$(ck engine_map_bytes)" = 0 ] || die "engine map $(ck engine_map_bytes)"
ctab=$((512 * 8))
run mkswap "$LSW_DEV"

for round in 1 2; do
	run swapon "$LSW_DEV"
	[ "$(ck bound)" = 1 ] || die "round $round: swapon did not bind"
	[ "$(ck swapons)" = "$round" ] || die "swapons $(ck swapons), want $round"
	# 192 MiB less the header page.
	[ "$(ck bound_slots)" = $slots ] || die "bound_slots $(ck bound_slots)"
	# The header's cluster (its bad slot) has a table from swapon on.
	t0=$(ck table_bytes)
	[ "$t0" -ge "$ctab" ] || die "no table for the header's cluster: $t0"
	if rmmod logswap 2>/dev/null; then
		die "rmmod logswap succeeded while swapped on"
	fi
	log "round $round: rmmod refused while bound (module pinned)"

	vswap_tmpfs_fill
	used=$(awk -v d="$LSW_DEV" '$1 == d { print $4 }' /proc/swaps)
	t1=$(ck table_bytes)
	log "round $round: $used KiB swapped out, table_bytes $t1 ($((t1 / ctab)) clusters)"
	[ "$used" -gt $((64 * 1024)) ] || die "only $used KiB swapped out"
	# Every used slot is in a cluster with a table: at least used/2 MiB.
	[ "$t1" -ge $(( (used / 2048) * ctab )) ] ||
		die "table_bytes $t1 for $used KiB in use"
	# ... and none beyond the device's clusters.
	[ "$((t1 / ctab))" -le $(( (slots + 511) / 512 )) ] ||
		die "$((t1 / ctab)) tables on a device of $(( (slots + 511) / 512 )) clusters"
	[ "$(ck driver_map_bytes)" = 0 ] || die "driver map while bound: $(ck driver_map_bytes)"
	[ "$(ck mismatch)" = 0 ] || die "table and engine disagree on $(ck mismatch) slots, first $(ck first_mismatch)"
	[ "$(ck phys_match)" -gt 0 ] || die "no PHYS word in the tables"
	log "round $round: tables are the map: phys $(ck phys_match) log $(ck log_match) zero $(ck zero), valid blocks $(ck valid_blocks), mismatch 0"
	log "round $round: RAM per swapped page: tables $t1 B / $((used / 4)) pages = $((t1 * 4 / used)) B, driver 0 B"
	in0=$(awk '$1 == "pswpin" { print $2 }' /proc/vmstat)
	d0=$(ck direct_reads)
	b0=$(ck buffer_reads)
	r0=$(ck read_retries)
	# Round 2: the driver refuses the first 300 direct reads at completion,
	# as if GC had moved the page meanwhile: the kernel must read each of
	# them again through the disk, and every page must still be right.
	stale=0
	[ "$round" = 1 ] || stale=300
	echo "$stale" > "$CK-stale-reads"
	vswap_tmpfs_verify
	in=$(( $(awk '$1 == "pswpin" { print $2 }' /proc/vmstat) - in0 ))
	d=$(( $(ck direct_reads) - d0 ))
	r=$(( $(ck read_retries) - r0 ))
	log "round $round: every page read back: pswpin +$in, kernel direct flash reads +$d, from the buffer +$(( $(ck buffer_reads) - b0 )), retries +$r ($stale forced)"
	[ "$d" -gt 0 ] || die "no swap-in read by the kernel from flash"
	[ "$(cat "$CK-stale-reads")" = 0 ] || die "$(cat "$CK-stale-reads") forced refusals left unused"
	[ "$r" = "$stale" ] || die "retries +$r, want $stale"
	run umount /mnt/vs
	run swapoff "$LSW_DEV"
	[ "$(ck bound)" = 0 ] || die "round $round: still bound after swapoff"
	[ "$(ck table_bytes)" = 0 ] || die "round $round: table_bytes $(ck table_bytes) after swapoff"
	[ "$(ck driver_map_bytes)" = $((slots * 4)) ] || die "no map after swapoff"
	[ "$(ck mismatch)" = 0 ] || { cat "$CK"; die "after swapoff: mismatch $(ck mismatch)"; }
	log "round $round: swapoff unbound, no table left"
	lsw_check
done
lsw_check
lsw_finish
