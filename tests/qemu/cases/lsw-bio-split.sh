# lsw-bio-split.sh KIND: bios above the queue limits are split (issue 12).
# A 5 MiB O_DIRECT write and read from transparent-huge-page buffers makes
# bios of multi-page bvecs far above max_sectors_kb (1280 KiB); a
# bio-based driver must cut them itself (bio_split_to_limits).  The I/O
# statistics of /sys/block/logswap0/stat show the pieces the driver
# handled: each at most max_sectors_kb, and the data reads back whole.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-bio-split.sh zns|conv}
lsw_setup "$kind" 64M
echo always > /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
max_kib=$(cat "$LSW_SYS/queue/max_sectors_kb")
hw_kib=$(cat "$LSW_SYS/queue/max_hw_sectors_kb")
log "max_sectors_kb $max_kib, max_hw_sectors_kb $hw_kib"
[ "$hw_kib" = 1280 ] || die "max_hw_sectors_kb $hw_kib, want 1280"
# stat: read I/Os, merges, sectors, ticks, write I/Os, merges, sectors, ...
set -- $(cat "$LSW_SYS/stat")
r0=$1 rs0=$3 w0=$5 ws0=$7
out=$(lsw-bigbio "$LSW_DEV" 5)
echo "$out"
echo "$out" | grep -q '^ok$' || die "the 5 MiB write and read did not match"
thp=$(echo "$out" | sed -n 's/^thp //p')
[ "${thp:-0}" -ge 8192 ] || die "only ${thp} KiB of huge pages: the bios were not large"
set -- $(cat "$LSW_SYS/stat")
r=$(($1 - r0)) rs=$(($3 - rs0)) w=$(($5 - w0)) ws=$(($7 - ws0))
log "writes: $w I/Os, $ws sectors; reads: $r I/Os, $rs sectors"
[ "$ws" = 10240 ] || die "$ws sectors written, want 10240"
[ "$rs" -ge 10240 ] || die "$rs sectors read, want >= 10240"
# Each piece at most max_hw_sectors: 5 MiB is at least 4 of 1280 KiB.
[ "$w" -ge 4 ] || die "the 5 MiB write came as $w bio(s): not split to 1280 KiB"
[ $((ws / w)) -le $((hw_kib * 2)) ] || die "average write bio above the limit"
[ $((rs / r)) -le $((hw_kib * 2)) ] || die "average read bio above the limit"
lsw_check
lsw_finish
