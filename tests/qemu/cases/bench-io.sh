# bench-io.sh [KIND...]: raw namespace speed against logswap on it (make
# bench-io; needs run.sh --fio).  For each KIND (default: zns conv):
#   raw_seq_write   fio 1 MiB sequential direct writes, 4 deep (ZNS: zbd
#                   mode), median of IO_REPS passes
#   raw_randread    fio 4 KiB random direct reads, 8 deep, on the namespace
#                   (under logswap), alternating with lsw_randread runs
#                   (median of IO_REPS runs each)
#   swapout         swap on logswap0 under a memory hog (tests/qemu/progs/hog):
#                   pswpout pages/s while swap-out is under way
#   lsw_randread    fio 4 KiB random direct reads, 8 deep, through
#                   /dev/logswap0 after writing the same span through it
#   plain_swapout   (conv only) the same hog on plain swap on the namespace
# Prints "bench: KIND.KEY=VALUE"; tools/plot/io.py collects them.
. /tests/cases/lsw-lib.sh

command -v fio >/dev/null || skip "no fio in the guest (run.sh --fio)"
[ $# -gt 0 ] || set -- zns conv
SPAN=${IO_SPAN_MIB:-128}	# MiB read at random (and written first)
WSPAN=${IO_WRITE_MIB:-224}	# MiB written sequentially (raw)
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
	log "== $kind: raw $dev"
	# Median of REPS sequential passes (ZNS: zones reset before each).
	: > /tmp/bw.raw
	r=0
	while [ $r -lt "$REPS" ]; do
		[ -z "$zbd" ] || run nvme zns reset-zone "$dev" -a > /dev/null
		fio --name=seqw --filename="$dev" --direct=1 --ioengine=libaio --iodepth=4 \
			--bs=1M --rw=write --size=${WSPAN}M $zbd > /tmp/fio.out 2>&1 ||
			{ cat /tmp/fio.out; die "fio raw write failed"; }
		grep -E 'WRITE:' /tmp/fio.out | sed 's/^ */# /'
		fio_bw /tmp/fio.out >> /tmp/bw.raw
		r=$((r + 1))
	done
	log "bench: $kind.raw_seq_write_mibs=$(median /tmp/bw.raw)"
	if [ "$kind" = conv ]; then
		avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
		log "bench: $kind.plain_swapout_mibs=$(swapout_rate "$dev" $((avail + 160)))"
	fi
	[ -z "$zbd" ] || run nvme zns reset-zone "$dev" -a > /dev/null

	log "== $kind: logswap0 on $dev"
	lsw_setup "$kind" max
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	log "bench: $kind.logswap_swapout_mibs=$(swapout_rate "$LSW_DEV" $((avail + 160)))"
	lsw_show
	lsw_finish
	lsw_setup "$kind" max
	fio --name=fillw --filename="$LSW_DEV" --direct=1 --ioengine=libaio --iodepth=4 \
		--bs=1M --rw=write --size=${SPAN}M > /tmp/fio.out 2>&1 ||
		{ cat /tmp/fio.out; die "fio write to logswap0 failed"; }
	grep -E 'WRITE:' /tmp/fio.out
	log "bench: $kind.logswap_seq_write_mibs=$(fio_bw /tmp/fio.out)"
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
exit 0
