# lsw-zones.sh: on the ZNS namespace, the zones' write pointers (nvme zns
# report-zones) advance in whole segments only, and add up to the segments
# flash_stat counts.  Full buffers only: no flush request is sent.
. /tests/cases/lsw-lib.sh

seg=262144
nseg=20
lsw_setup zns max segment_size=256K
is_zoned "$LSW_BACKING" || die "$LSW_BACKING is not zoned"

per=$((seg / 4096 - 1))
lsw_pattern /tmp/d 6
run dd if=/tmp/d of="$LSW_DEV" bs=4096 count=$((nseg * per)) oflag=direct
lsw_settle
segs=$(lsw_stat segments)
[ "$segs" = $nseg ] || die "$segs segments written, want $nseg"
[ "$(lsw_stat flash_bytes)" = $((nseg * seg)) ] || die "flash_bytes $(lsw_stat flash_bytes)"

sb=$(sysblk "$LSW_BACKING")
lba=$(cat "$sb/queue/logical_block_size")
nz=$(cat "$sb/queue/nr_zones")
run nvme zns report-zones "$LSW_BACKING" -d "$nz" > /tmp/zones
# A full zone (state 0xe0) reports no write pointer (all ones): it holds
# its capacity.
awk '{ s = w = c = st = ""
       for (i = 1; i < NF; i++) {
	       if ($i == "SLBA:") s = $(i + 1)
	       if ($i == "WP:") w = $(i + 1)
	       if ($i == "Cap:") c = $(i + 1)
	       if ($i == "State:") st = $(i + 1)
       }
       if (st ~ /FULL/ || st == "0xe0" || w == "0xffffffffffffffff")
	       w = s " + " c
       if (s != "" && w != "") print s, w }' /tmp/zones > /tmp/wp
[ "$(wc -l < /tmp/wp)" = "$nz" ] || { cat /tmp/zones; die "cannot parse report-zones"; }
total=0
used=0
while read -r s w; do
	b=$(( (w - s) * lba ))
	case $w in *+*) log "zone $s: full" ;; esac
	[ "$b" -ge 0 ] || { head -n 4 /tmp/zones; die "zone $s: write pointer $w below its start"; }
	[ $((b % seg)) = 0 ] || die "zone $s: $b bytes written, not whole segments"
	[ "$b" = 0 ] || { used=$((used + 1)); log "zone $s: $((b / seg)) segments"; }
	total=$((total + b))
done < /tmp/wp
[ "$total" = $((nseg * seg)) ] || die "zones hold $total bytes, want $((nseg * seg))"
log "$used zones, $nseg segments of $seg bytes, write pointers in whole segments"

lsw_drop_caches
dd if=/tmp/d of=/tmp/d1 bs=4096 count=$((nseg * per)) 2>/dev/null
dd if="$LSW_DEV" bs=4096 count=$((nseg * per)) 2>/dev/null | cmp - /tmp/d1 ||
	die "data read back wrong"
lsw_check
lsw_finish
