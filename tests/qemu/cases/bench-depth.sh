# bench-depth.sh [KIND...]: what bounds logswap's sequential writes.  For
# each KIND (default zns conv), write_depth 1 and 8 with 16 buffers, and on
# ZNS 256 KiB segments (16 a zone instead of 4): fio 1 MiB sequential
# writes at depth 16 through /dev/logswap0, median of 3 passes of 128 MiB,
# with seg_io's inflight_max.  Prints "bench: KIND.depthD_segS_mibs=".
# Not a test (tools/bench; run.sh --case 'bench-depth' --fio).
. /tests/cases/lsw-lib.sh

command -v fio >/dev/null || skip "no fio in the guest (run.sh --fio)"
[ $# -gt 0 ] || set -- zns conv
fio_bw() { sed -n 's/^ *WRITE: bw=\([0-9.]*\)\([KMG]i\)B\/s.*/\1 \2/p' "$1" |
	awk '{ v = $1; if ($2 == "Ki") v /= 1024; if ($2 == "Gi") v *= 1024; printf "%.1f\n", v }'; }
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

for kind in "$@"; do
	segs=1M
	[ "$kind" = zns ] && segs="1M 256K"
	for seg in $segs; do
		for d in 1 8; do
			lsw_setup "$kind" max nr_buffers=16 segment_size=$seg write_depth=$d
			: > /tmp/bw
			for r in 1 2 3; do
				fio --name=w --filename="$LSW_DEV" --direct=1 --ioengine=libaio \
					--iodepth=16 --bs=1M --rw=write --size=128M > /tmp/fio.out 2>&1 ||
					{ cat /tmp/fio.out; die "fio failed"; }
				fio_bw /tmp/fio.out >> /tmp/bw
			done
			m=$(awk '$1 == "inflight_max:" { print $2 }' "$LSW_DBG/seg_io")
			log "bench: $kind.depth${d}_seg${seg}_mibs=$(median /tmp/bw) (inflight_max $m; $(tr '\n' ' ' < /tmp/bw))"
			lsw_finish
		done
	done
done
