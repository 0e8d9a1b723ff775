# lsw-seg-io.sh KIND: asynchronous segment writes, behind a throttled
# device (suites/segio: QEMU lets 16 MB/s of writes through).  With 16 buffers,
# fio writes 1 MiB blocks at queue depth 16 over 80% of logswap0, verified
# (crc32c), then overwrites most of it (GC may run under the writes) and
# verifies again after the caches are dropped.  Meanwhile the backing
# device's in-flight writes (/sys/block/X/inflight) are sampled and its
# average in flight taken from /sys/block/X/stat.  Then: write_depth (8;
# at least 2; ZNS: at most a zone's worth, see below) segments were in flight at once (debugfs seg_io inflight_max) and the
# device saw at least two writes at once, on ZNS every segment was a zone
# append (seg_io zone_appends = submitted), no write error, engine check
# ok.  write_depth 1 then writes synchronously.  Needs run.sh --fio.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-seg-io.sh zns|conv}
command -v fio >/dev/null || skip "no fio in the guest (run.sh --fio)"
lsw_setup "$kind" max nr_buffers=16 write_depth=8
[ "$(lsw_get write_depth)" = 8 ] || die "write_depth reads $(lsw_get write_depth), want 8"
# The mode is chosen at disksize: no switch to synchronous writes now.
echo 1 > "$LSW_SYS/write_depth" 2>/dev/null && die "write_depth 1 taken on an asynchronous device"
SEG=$LSW_DBG/seg_io
seg() { awk -v k="$1:" '$1 == k { print $2 }' "$SEG"; }
bk=$(basename "$LSW_BACKING")

# sample_inflight FILE: the most writes in flight on the backing device
# seen while the caller's fio runs (every 50 ms), written to FILE.
sample_inflight() {
	max=0
	while [ ! -e /tmp/seg-io.stop ]; do
		w=$(awk '{ print $2 }' "/sys/block/$bk/inflight")
		[ "$w" -gt "$max" ] && max=$w
		usleep 50000 2>/dev/null || sleep 0.05
	done
	echo "$max" > "$1"
}

FIO="fio --filename=$LSW_DEV --direct=1 --ioengine=libaio --iodepth=16
	--bs=1M --verify=crc32c --verify_fatal=1 --do_verify=1 --group_reporting"
rm -f /tmp/seg-io.stop
sample_inflight /tmp/seg-io.max &
# stat field 11: ms spent with requests in flight, weighted by their number.
st0=$(awk '{ print $11 }' "/sys/block/$bk/stat")
t0=$(cut -d' ' -f1 /proc/uptime)
log "fill: 1 MiB writes at depth 16 over 80%, verified"
$FIO --name=fill --rw=write --offset=0 --size=80% > /tmp/fio.out 2>&1 ||
	{ cat /tmp/fio.out; die "fio fill failed"; }
grep -E 'WRITE:|READ:|err=' /tmp/fio.out | sed 's/^ *//'
log "overwrite: random 1 MiB rewrites of 60%, verified"
$FIO --name=over --rw=randwrite --offset=10% --size=60% --randseed=7 \
	> /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio overwrite failed"; }
grep -E 'WRITE:|READ:|err=' /tmp/fio.out | sed 's/^ *//'
touch /tmp/seg-io.stop
wait
st1=$(awk '{ print $11 }' "/sys/block/$bk/stat")
t1=$(cut -d' ' -f1 /proc/uptime)
avg=$(echo "$st0 $st1 $t0 $t1" | awk '{ printf "%.2f", ($2 - $1) / (($4 - $3) * 1000) }')
lsw_settle 60
lsw_drop_caches
log "verify the overwrite again from flash"
$FIO --name=over --rw=randwrite --offset=10% --size=60% --randseed=7 \
	--verify_only > /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio verify_only failed"; }
grep -E 'READ:|err=|verify' /tmp/fio.out | sed 's/^ *//'

tr '\n' ' ' < "$SEG"; echo
bmax=$(cat /tmp/seg-io.max)
log "segments in flight at most: $(seg inflight_max); backing device: writes in flight at most $bmax (50 ms samples), $avg requests (reads included: a verify read is 4 KiB child reads) on average"
# Behind the throttled device (suites/segio) segments queue up, and the
# device must see them.  On ZNS the engine opens no zone for fresh pages
# while the last one still has writes in flight (open-zone limit): at
# most a zone's worth (4 MiB zones, 1 MiB segments: 4).  Required: two,
# not the whole depth; on a loaded host the guest fills segments slower
# than the throttled device drains them (a clean-clone run beside other
# guests saw 7 of 8 on conv).
want=2
[ "$(seg inflight_max)" -ge "$want" ] || die "at most $(seg inflight_max) segments in flight, want $want"
[ "$bmax" -ge 2 ] || die "the backing device never had two writes in flight"
[ "$(seg errors)" = 0 ] || die "segment write errors: $(seg errors)"
[ "$(seg inflight)" = 0 ] || die "segments still in flight when idle: $(seg inflight)"
[ "$(seg submitted)" = "$(seg completed)" ] || die "submitted $(seg submitted), completed $(seg completed)"
if [ "$kind" = zns ]; then
	[ "$(seg zone_append)" = 1 ] || die "zone append not used on ZNS (see the disksize log line)"
	[ "$(seg zone_appends)" = "$(seg submitted)" ] ||
		die "$(seg zone_appends) zone appends of $(seg submitted) segments"
	log "every one of $(seg submitted) segments was a zone append"
else
	[ "$(seg zone_appends)" = 0 ] || die "zone appends on a conventional device"
fi
log "GC: $(lsw_gc runs) runs, $(lsw_gc blocks_moved) blocks moved"
lsw_check

# Depth 1: synchronous writes (no segment submitted), data still right.
lsw_set reset 1
lsw_set write_depth 1
lsw_set disksize 32M
$FIO --name=d1 --rw=write --offset=0 --size=24M > /tmp/fio.out 2>&1 ||
	{ cat /tmp/fio.out; die "fio at write_depth 1 failed"; }
[ "$(seg submitted)" = 0 ] || die "write_depth 1: $(seg submitted) asynchronous segment writes"
[ "$(lsw_stat segments)" -gt 0 ] || die "write_depth 1: no segment written"
log "write_depth 1: synchronous segment writes, data verified"
lsw_check
lsw_finish
