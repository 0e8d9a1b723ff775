# bench-io.sh [KIND...]: raw namespace speed against logswap on it (make
# bench-io; needs run.sh --fio).  For each KIND (default: zns conv):
#   raw_seq_write_qdN  fio 1 MiB sequential direct writes, N (4, 16) deep
#                   (ZNS: zbd mode), median of IO_REPS passes
#   lsw_seq_write_qdN  the same through /dev/logswap0, median of IO_REPS
#   *_inflight_qdN  the backing device's average writes in flight during
#                   those passes: delta of /sys/block/X/stat time_in_queue
#                   (field 11, ms weighted by requests in flight) over the
#                   wall-clock ms
#   raw_randread    fio 4 KiB random direct reads, 8 deep, on the namespace
#                   (under logswap), alternating with lsw_randread runs
#                   (median of IO_REPS runs each)
#   swapout         swap on logswap0 under a memory hog (tests/qemu/progs/hog):
#                   pswpout pages/s while swap-out is under way
#   lsw_randread    fio 4 KiB random direct reads, 8 deep, through
#                   /dev/logswap0 after writing the same span through it
#   plain_swapout   (conv only) the same hog on plain swap on the namespace
#   copy.nullblk_seq_write_qdN  the same fio writes to a memory-backed
#                   null_blk: a block driver that copies every page in the
#                   guest, as logswap does into its segment buffers (the
#                   guest's copy ceiling under TCG; raw NVMe writes are
#                   copied by QEMU's own thread instead)
# Prints "bench: KIND.KEY=VALUE"; tools/plot/io.py collects them.
. /tests/cases/lsw-lib.sh

command -v fio >/dev/null || skip "no fio in the guest (run.sh --fio)"
[ $# -gt 0 ] || set -- zns conv
SPAN=${IO_SPAN_MIB:-128}	# MiB read at random (and written first)
WSPAN=${IO_WRITE_MIB:-128}	# MiB written sequentially (raw and logswap)
RT=${IO_RUNTIME:-5}		# seconds of each random-read run
REPS=${IO_REPS:-5}		# random-read runs of each: the median is kept

# fio_bw FILE: write bandwidth in MiB/s; fio_iops FILE: read IOPS.
fio_bw() { sed -n 's/^ *WRITE: bw=\([0-9.]*\)\([KMG]i\)B\/s.*/\1 \2/p' "$1" |
	awk '{ v = $1; if ($2 == "Ki") v /= 1024; if ($2 == "Gi") v *= 1024; printf "%.1f\n", v }'; }
fio_iops() { sed -n 's/^ *read: IOPS=\([0-9.]*\)\(k\{0,1\}\),.*/\1 \2/p' "$1" |
	awk '{ v = $1; if ($2 == "k") v *= 1000; printf "%d\n", v }'; }

# randread DEV SEED: IOPS of one fio 4 KiB random-read run on DEV.
randread() {
	fio --name=randr --filename="$1" --direct=1 --ioengine=libaio --iodepth=8 \
		--bs=4k --rw=randread --size=${SPAN}M --time_based --runtime=$RT \
		--randseed="$2" > /tmp/fio.out 2>&1 ||
		{ cat /tmp/fio.out >&2; die "fio randread on $1 failed"; }
	grep -E 'read: IOPS' /tmp/fio.out | sed "s|^ *|# $1: |" >&2
	fio_iops /tmp/fio.out
}

# stat_mark DEV: "uptime_ms time_in_queue_ms" of DEV now.
stat_mark() {
	awk -v u="$(cut -d' ' -f1 /proc/uptime)" '{ printf "%d %d\n", u * 1000, $11 }' \
		"/sys/block/$(basename "$1")/stat"
}
# avg_inflight "MARK0" "MARK1": requests in flight on average between them.
avg_inflight() {
	echo "$1 $2" | awk '{ d = $3 - $1; printf "%.2f\n", (d > 0 ? ($4 - $2) / d : 0) }'
}

# seqw DEV QD [ZBD]: one fio 1 MiB sequential write pass of WSPAN on DEV at
# depth QD; appends MiB/s to /tmp/bw and the average in flight of BK (the
# backing device) to /tmp/inf.
seqw() {
	m0=$(stat_mark "$BK")
	fio --name=seqw --filename="$1" --direct=1 --ioengine=libaio --iodepth="$2" \
		--bs=1M --rw=write --size=${WSPAN}M $3 > /tmp/fio.out 2>&1 ||
		{ cat /tmp/fio.out; die "fio write to $1 failed"; }
	m1=$(stat_mark "$BK")
	grep -E 'WRITE:' /tmp/fio.out | sed "s|^ *|# $1 qd$2: |"
	fio_bw /tmp/fio.out >> /tmp/bw
	avg_inflight "$m0" "$m1" >> /tmp/inf
}

# median FILE: the median of the numbers in FILE.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# swapout_rate DEV MIB: hog of MIB on swap DEV; prints the pswpout rate
# (MiB/s) over the half-second samples in which pages went out.
swapout_rate() {
	run mkswap "$1" > /dev/null
	run swapon "$1" > /dev/null
	( while :; do echo "$(cut -d' ' -f1 /proc/uptime) $(vmstat pswpout)"; sleep 0.5; done ) > /tmp/samples &
	spid=$!
	hog -m "$2" -p 1 -s 9 > /tmp/hog.out 2>&1
	hrc=$?
	kill $spid
	wait $spid 2>/dev/null
	sed 's/^/# /' /tmp/hog.out >&2
	run swapoff "$1" > /dev/null
	[ $hrc = 0 ] && grep -q 'bad=0$' /tmp/hog.out || die "hog failed on $1"
	awk 'NR > 1 && $2 > p { pages += $2 - p; secs += $1 - t }
	     { t = $1; p = $2 }
	     END { if (secs > 0) printf "%.1f\n", pages * 4096 / 1048576 / secs; else print 0 }' /tmp/samples
}

for kind in "$@"; do
	dev=$(backing_dev "$kind") || exit 1
	zbd=
	if is_zoned "$dev"; then
		zbd=--zonemode=zbd
		run nvme zns reset-zone "$dev" -a > /dev/null
	fi
	BK=$dev
	log "== $kind: raw $dev"
	# Median of REPS sequential passes at each depth (ZNS: zones reset
	# before each).
	for qd in 4 16; do
		: > /tmp/bw
		: > /tmp/inf
		r=0
		while [ $r -lt "$REPS" ]; do
			[ -z "$zbd" ] || run nvme zns reset-zone "$dev" -a > /dev/null
			seqw "$dev" $qd $zbd
			r=$((r + 1))
		done
		log "bench: $kind.raw_seq_write_qd${qd}_mibs=$(median /tmp/bw)"
		log "bench: $kind.raw_inflight_qd${qd}=$(median /tmp/inf)"
	done
	if [ "$kind" = conv ]; then
		avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
		log "bench: $kind.plain_swapout_mibs=$(swapout_rate "$dev" $((avail + 160)))"
	fi
	[ -z "$zbd" ] || run nvme zns reset-zone "$dev" -a > /dev/null

	log "== $kind: logswap0 on $dev"
	lsw_setup "$kind" max
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	m0=$(stat_mark "$dev")
	log "bench: $kind.logswap_swapout_mibs=$(swapout_rate "$LSW_DEV" $((avail + 160)))"
	log "bench: $kind.logswap_swapout_inflight=$(avg_inflight "$m0" "$(stat_mark "$dev")")"
	lsw_show
	lsw_finish
	lsw_setup "$kind" max
	for qd in 4 16; do
		: > /tmp/bw
		: > /tmp/inf
		r=0
		while [ $r -lt "$REPS" ]; do
			seqw "$LSW_DEV" $qd
			r=$((r + 1))
		done
		log "bench: $kind.logswap_seq_write_qd${qd}_mibs=$(median /tmp/bw)"
		log "bench: $kind.logswap_inflight_qd${qd}=$(median /tmp/inf)"
	done
	log "bench: $kind.logswap_seg_inflight_max=$(awk '$1 == "inflight_max:" { print $2 }' "$LSW_DBG/seg_io")"
	log "bench: $kind.logswap_zone_appends=$(awk '$1 == "zone_appends:" { print $2 }' "$LSW_DBG/seg_io")"
	tr '\n' ' ' < "$LSW_DBG/seg_io"; echo
	lsw_settle 30
	# Raw and logswap reads alternate (the machine is shared: its load
	# drifts); raw reads go to the namespace under logswap (non-exclusive
	# open), over the same span.  Medians of REPS runs each.
	: > /tmp/iops.raw
	: > /tmp/iops.lsw
	r=0
	while [ $r -lt "$REPS" ]; do
		v=$(randread "$dev" $((5 + r))) || exit 1
		echo "$v" >> /tmp/iops.raw
		v=$(randread "$LSW_DEV" $((5 + r))) || exit 1
		echo "$v" >> /tmp/iops.lsw
		r=$((r + 1))
	done
	log "bench: $kind.raw_randread_iops=$(median /tmp/iops.raw)"
	log "bench: $kind.logswap_randread_iops=$(median /tmp/iops.lsw)"
	[ "$(lsw_gc write_errors)$(lsw_gc read_errors)" = 00 ] || die "I/O errors counted"
	lsw_check
	lsw_finish
	[ -z "$zbd" ] || run nvme zns reset-zone "$dev" -a > /dev/null
done

if modprobe null_blk nr_devices=1 memory_backed=1 gb=1 && [ -b /dev/nullb0 ]; then
	BK=/dev/nullb0
	for qd in 4 16; do
		: > /tmp/bw
		: > /tmp/inf
		r=0
		while [ $r -lt "$REPS" ]; do
			seqw /dev/nullb0 $qd
			r=$((r + 1))
		done
		log "bench: copy.nullblk_seq_write_qd${qd}_mibs=$(median /tmp/bw)"
	done
	rmmod null_blk
else
	log "no memory-backed null_blk: no copy ceiling"
fi
exit 0
