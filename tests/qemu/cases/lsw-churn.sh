# lsw-churn.sh KIND [trace]: GC under a long random overwrite at 90% fill.
#
# logswap0 at its largest size on the KIND namespace (zns|conv; the churn
# suite boots 64 MiB namespaces of 1 MiB EUs, so 64 EUs), filled to 90% of
# its slots with stamped pages (lsw-churn, O_DIRECT), then 3 x the slots
# of single-page writes at random filled slots and 2% of the filled slots
# discarded; every page is verified (last generation's stamp, or zeros).
#
# Many GC cycles: the GC erases must grow by at least 3 x nr_eus during the
# churn, every EU reclaimed three times on average.  64 EUs of 255 data
# blocks; fill + writes are about 3.9 x the slots = 3.5 x nr_eus EUs of
# host data, which alone force about 2.5 x nr_eus erases; the rest must
# come from GC copies, which a 90% fill (80% of the raw blocks) makes
# certain.  Measured: about 680 erases (10.6 x nr_eus), WAF about 3.
#
# trace: the same with the trace recorder on (debugfs trace_enable) from
# before the first write to after the last; the trace and the debugfs
# counters are then printed between LSW-TRACE-BEGIN/END markers (gzip |
# base64, with the sha256 of the gzip) for tests/qemu/crosscheck.sh, which
# replays it through lsw_sim on the host.  Also: bad input to trace_enable
# is EINVAL with no change, a second start is EBUSY.
. /tests/cases/lsw-lib.sh
. /tests/cases/lsw-trace-lib.sh

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

if [ "$mode" = trace ]; then
	# Records: every write, discard, flush and GC call, with room to spare.
	lsw_trace_start $(( (fill + writes + discards) * 2 ))
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

[ "$mode" = trace ] && lsw_trace_dump "$kind"
lsw_finish
