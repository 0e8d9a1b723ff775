# lsw-churn.sh KIND [trace]: GC under a long random overwrite at 90% fill.
#
# logswap0 at its largest size on the KIND namespace (zns|conv; the churn
# suite boots 64 MiB namespaces of 1 MiB EUs, so 64 EUs), filled to 90% of
# its slots with stamped pages (lsw-churn, O_DIRECT), then 3 x the slots
# of single-page writes at random filled slots and 2% of the filled slots
# discarded; every page is verified (last generation's stamp, or zeros).
#
# Many GC cycles: the GC erases must grow by at least 3 x nr_eus during the
# churn, i.e. every EU reclaimed three times on average.  With 64 EUs of
# 255 data blocks, 90% of the slots is about 80% of the raw blocks, and
# the 3 x slots random writes give about 3.3 x nr_eus EUs of host data
# alone, so the bound holds with a greedy WAF of 1 and is not met by a GC
# that reclaims less than it must.
#
# trace: the same with the trace recorder on (debugfs trace_enable) from
# before the first write to after the last; the trace and the debugfs
# counters are then printed between LSW-TRACE-BEGIN/END markers (gzip |
# base64, with the sha256 of the gzip) for tests/qemu/crosscheck.sh, which
# replays it through lsw_sim on the host.  Also: bad input to trace_enable
# is EINVAL with no change, a second start is EBUSY.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-churn.sh zns|conv [trace]}
mode=${2:-plain}
seed=${CHURN_SEED:-42}
extra=
[ "$kind" = conv ] && extra=erase_unit=1M
# shellcheck disable=SC2086
lsw_setup "$kind" max $extra

slots=$(( $(lsw_get disksize) / 4096 ))
nr_eus=$(lsw_gc nr_eus)
fill=$(( slots * 9 / 10 ))
writes=$(( slots * ${CHURN_MULT:-3} ))
discards=$(( fill / 50 ))
log "$slots slots, $nr_eus EUs: fill $fill, $writes writes, $discards discards"

TE=$LSW_DBG/trace_enable
if [ "$mode" = trace ]; then
	[ "$(cut -d' ' -f2 "$TE")" = off ] || die "trace_enable: $(cat "$TE")"
	for bad in abc -1 "" 99999999999999; do
		r=$(lsw-wr "$TE" "$bad")
		[ "$r" = EINVAL ] || die "trace_enable '$bad': $r, want EINVAL"
	done
	[ "$(cut -d' ' -f2 "$TE")" = off ] || die "bad input changed trace_enable: $(cat "$TE")"
	# Records: every write, discard, flush and GC call, with room to spare.
	cap=$(( (fill + writes + discards) * 2 ))
	r=$(lsw-wr "$TE" $cap)
	[ "$r" = ok ] || die "trace_enable $cap: $r"
	r=$(lsw-wr "$TE" 1000)
	[ "$r" = EBUSY ] || die "second trace_enable: $r, want EBUSY"
	log "trace_enable: $(cat "$TE")"
fi

e0=$(lsw_gc erases)
v0=$(lsw_gc victims)
run lsw-churn "$LSW_DEV" $fill $writes $discards $seed
run lsw-blk flush "$LSW_DEV"
lsw_settle
lsw_show
lsw_check

erases=$(( $(lsw_gc erases) - e0 ))
victims=$(( $(lsw_gc victims) - v0 ))
host=$(lsw_gc host_bytes)
flash=$(lsw_gc flash_bytes)
log "churn $kind $mode: fill $fill, writes $writes, discards $discards: gc victims $victims, erases $erases (>= $((3 * nr_eus)) wanted), moved $(lsw_gc blocks_moved), waf $(lsw_gc waf), fg_stalls $(lsw_gc fg_stalls)"
[ "$erases" -ge $((3 * nr_eus)) ] || die "only $erases erases for $nr_eus EUs: GC did not cycle enough"
[ "$victims" -ge $((3 * nr_eus)) ] || die "only $victims GC victims for $nr_eus EUs"
[ "$(lsw_gc bad_eus)" = 0 ] || die "bad EUs"
[ "$(lsw_gc write_errors)" = 0 ] || die "write errors"
# Every page was a distinct non-zero page: flash holds at least them.
[ "$flash" -ge "$host" ] || die "flash_bytes $flash < host_bytes $host"

if [ "$mode" = trace ]; then
	r=$(lsw-wr "$TE" 0)
	[ "$r" = ok ] || die "trace_enable 0: $r"
	set -- $(cat "$TE")
	log "trace_enable after stop: $*"
	[ "$2" = stopped ] || die "trace not stopped: $*"
	[ "$4" = 0 ] || die "$4 records dropped"
	[ "$5" = 0 ] || die "$5 unordered frees"
	cat "$LSW_DBG/trace" > /tmp/trace.txt || die "reading trace"
	head -n 5 /tmp/trace.txt
	tail -n 1 /tmp/trace.txt
	# The guest-side checks; the replay is on the host.
	[ "$(head -n 1 /tmp/trace.txt)" = "# logswap-trace v1" ] || die "trace header"
	recs=$(grep -c '^[wzdfpg]\( \|$\)' /tmp/trace.txt)
	[ "$recs" = "$3" ] || die "trace has $recs records, trace_enable says $3"
	wz=$(grep -c '^[wz] ' /tmp/trace.txt)
	[ $((wz * 4096)) = "$host" ] || die "$wz w/z records for host_bytes $host"
	want="end flash_blocks=$((flash / 4096)) host_writes=$((host / 4096)) segments=$(lsw_gc segments) gc_moved=$(lsw_gc blocks_moved) erases=$(lsw_gc erases)"
	[ "$(tail -n 1 /tmp/trace.txt)" = "$want" ] || die "end line differs from debugfs gc: $want"
	gzip -c /tmp/trace.txt > /tmp/trace.gz
	sum=$(sha256sum < /tmp/trace.gz | cut -d' ' -f1)
	echo "LSW-TRACE-BEGIN $kind"
	echo "LSW-TRACE-DEBUGFS $kind flash_bytes=$flash host_bytes=$host segments=$(lsw_gc segments) blocks_moved=$(lsw_gc blocks_moved) erases=$(lsw_gc erases) victims=$(lsw_gc victims)"
	base64 < /tmp/trace.gz
	echo "LSW-TRACE-END $kind $sum"
	rm -f /tmp/trace.txt /tmp/trace.gz
	r=$(lsw-wr "$TE" 0)
	[ "$r" = ok ] || die "trace_enable 0 (free): $r"
	[ "$(cut -d' ' -f1-3 "$TE")" = "0 off 0" ] || die "trace not freed: $(cat "$TE")"
fi
lsw_finish
