# lsw-counters.sh KIND: flash_stat and debugfs counters agree with what
# was written: host_bytes = pages stored x 4096, zero_pages counted,
# flash_bytes >= host_bytes - zero_pages x 4096 once flushed, live_slots,
# waf = flash/host with 3 decimals, every documented debugfs key, one eus
# row per EU whose live column sums to the live slots.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-counters.sh zns|conv}
lsw_setup "$kind" 64M

# Before any I/O: nothing counted.
[ "$(lsw_stat host_bytes)" = 0 ] || die "host_bytes before any write"
[ "$(lsw_stat nr_eus)" -gt 0 ] || die "nr_eus 0"
[ "$(lsw_stat free_eus)" = "$(lsw_stat nr_eus)" ] || die "free_eus != nr_eus on a fresh device"

# 640 data pages and 128 zero pages, each slot written once, O_DIRECT.
data=640
zero=128
lsw_pattern /tmp/d 3
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=$data oflag=direct
run dd if=/dev/zero of="$LSW_DEV" bs=4096 count=$zero seek=2048 oflag=direct
run lsw-blk flush "$LSW_DEV"
lsw_settle
lsw_show

host=$(lsw_stat host_bytes)
zp=$(lsw_stat zero_pages)
flash=$(lsw_stat flash_bytes)
[ "$host" = $(( (data + zero) * 4096 )) ] || die "host_bytes $host, want $(( (data + zero) * 4096 ))"
[ "$zp" = $zero ] || die "zero_pages $zp, want $zero"
[ "$flash" -ge $(( host - zp * 4096 )) ] || die "flash_bytes $flash < $(( host - zp * 4096 ))"
[ "$(lsw_stat live_slots)" = $data ] || die "live_slots $(lsw_stat live_slots), want $data"
[ "$(lsw_stat segments)" -gt 0 ] || die "no segment written"
[ "$(lsw_stat bad_eus)" = 0 ] || die "bad EUs"

# debugfs gc: version first, every key, and the same numbers.
[ "$(head -n 1 "$LSW_DBG/gc")" = "version: 1" ] || die "gc does not start with version: 1"
for k in runs victims blocks_moved erases host_bytes flash_bytes zero_pages \
	 ram_dropped waf fg_stalls backpressure free_eus nr_eus bad_eus erase_min \
	 erase_max write_errors read_errors erase_errors read_retries \
	 map_bytes ram_bytes; do
	grep -q "^$k: [0-9]" "$LSW_DBG/gc" || die "debugfs gc has no '$k'"
done
[ "$(lsw_gc host_bytes)" = "$host" ] || die "debugfs host_bytes differs"
[ "$(lsw_gc flash_bytes)" = "$flash" ] || die "debugfs flash_bytes differs"
[ "$(lsw_gc zero_pages)" = "$zp" ] || die "debugfs zero_pages differs"
[ "$(lsw_gc nr_eus)" = "$(lsw_stat nr_eus)" ] || die "debugfs nr_eus differs"
[ "$(lsw_gc map_bytes)" = $(( 16384 * 4 )) ] || die "map_bytes $(lsw_gc map_bytes)"
[ "$(lsw_gc ram_bytes)" -gt "$(lsw_gc map_bytes)" ] || die "ram_bytes $(lsw_gc ram_bytes)"
waf=$(lsw_gc waf)
echo "$waf" | grep -qE '^[0-9]+\.[0-9]{3}$' || die "waf '$waf' is not N.NNN"
want=$(awk -v f="$flash" -v h="$host" 'BEGIN { m = int(f * 1000 / h);
	printf "%d.%03d", int(m / 1000), m % 1000 }')
[ "$waf" = "$want" ] || die "waf $waf, want $want"
log "waf $waf"

# Pages freed while still in a RAM buffer are dropped, never written:
# half a segment stored (no buffer fills, so none is flushed) and
# discarded before the flush adds nothing to flash.
drop=$(( $(lsw_get segment_size) / 4096 / 2 ))
[ "$(lsw_gc ram_dropped)" = 0 ] || die "ram_dropped $(lsw_gc ram_dropped) before any free"
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=$drop seek=4096 oflag=direct
run lsw-blk discard "$LSW_DEV" $((4096 * 4096)) $((drop * 4096))
run lsw-blk flush "$LSW_DEV"
lsw_settle
[ "$(lsw_gc ram_dropped)" = $drop ] || die "ram_dropped $(lsw_gc ram_dropped), want $drop"
[ "$(lsw_stat flash_bytes)" = "$flash" ] ||
	die "flash_bytes $(lsw_stat flash_bytes), was $flash: dropped pages written"
[ "$(lsw_stat live_slots)" = $data ] || die "live_slots $(lsw_stat live_slots) after the drop, want $data"
[ "$(lsw_stat host_bytes)" = $(( host + drop * 4096 )) ] || die "host_bytes after the dropped stores"
host=$(lsw_stat host_bytes)
log "$drop pages freed in RAM: ram_dropped $drop, flash_bytes unchanged"

# eus: a header, one row per EU, live summing to the live slots.
[ "$(head -n 1 "$LSW_DBG/eus")" = "eu state live erase_count age" ] || die "eus header"
rows=$(($(wc -l < "$LSW_DBG/eus") - 1))
[ "$rows" = "$(lsw_stat nr_eus)" ] || die "eus has $rows rows for $(lsw_stat nr_eus) EUs"
sum=$(awk 'NR > 1 { s += $3 } END { print s + 0 }' "$LSW_DBG/eus")
[ "$sum" = $data ] || die "eus live sums to $sum, want $data"
awk 'NR > 1 && $2 != "free"' "$LSW_DBG/eus"

# Reads do not count as writes; the data comes back.
lsw_drop_caches
dd if=/tmp/d of=/tmp/d1 bs=4096 count=$data 2>/dev/null
dd if="$LSW_DEV" bs=4096 count=$data 2>/dev/null | cmp - /tmp/d1 ||
	die "data read back wrong"
[ "$(lsw_stat host_bytes)" = "$host" ] || die "host_bytes changed by reads"

# Rewriting the slots: host_bytes grows, live_slots does not.
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=$data oflag=direct
[ "$(lsw_stat live_slots)" = $data ] || die "live_slots after rewrite $(lsw_stat live_slots)"
[ "$(lsw_stat host_bytes)" = $(( host + data * 4096 )) ] || die "host_bytes after rewrite"

# A FUA write completes only once its segment is on flash.
segs=$(lsw_stat segments)
pf=$(lsw_gc partial_flushes)
run lsw-blk fua "$LSW_DEV" $((4096 * 4000)) 4096
[ "$(lsw_stat segments)" -gt "$segs" ] || die "FUA write completed before a segment was written"
[ "$(lsw_gc partial_flushes)" -gt "$pf" ] || die "FUA: no partial flush counted"
lsw_check
lsw_finish
