# lsw-fio.sh KIND: fio --verify=crc32c on logswap0 at its largest size:
# random 4 KiB writes fill 85% of it, a second pass overwrites most of it
# (the garbage collector must run), random trims of the first 20% (which
# must then read as zeros), then the second pass's data is verified
# again after GC moved it, and two jobs mix reads and writes under the
# cost-benefit policy.  Needs run.sh --fio.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-fio.sh zns|conv}
command -v fio >/dev/null || skip "no fio in the guest (run.sh --fio)"
lsw_setup "$kind" max

slots=$(( $(lsw_get disksize) / 4096 ))
FIO="fio --filename=$LSW_DEV --direct=1 --ioengine=psync --bs=4k
	--verify=crc32c --verify_fatal=1 --do_verify=1 --group_reporting"
summary() { grep -E 'IOPS=|err=|verify' /tmp/fio.out | sed 's/^ *//'; }

log "fill: 85% random writes, verified"
$FIO --name=fill --rw=randwrite --offset=0 --size=85% --randseed=11 \
	> /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio fill failed"; }
summary
live=$(lsw_stat live_slots)
[ $((live * 100)) -ge $((slots * 80)) ] || die "only $live of $slots slots live after the fill"
log "$live of $slots slots live ($((live * 100 / slots))%)"

log "overwrite: 65% random rewrites, verified"
$FIO --name=overwrite --rw=randwrite --offset=20% --size=65% --randseed=22 \
	> /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio overwrite failed"; }
summary

# (fio 3.33's trim_percentage verify asserts: trim the whole first 20%
# with random 4 KiB trims instead, and check it reads as zeros.)
log "trim: random 4 KiB trims of the first 20%, which then reads as zeros"
fio --name=trim --filename="$LSW_DEV" --direct=1 --ioengine=psync --bs=4k \
	--rw=randtrim --offset=0 --size=20% --randseed=33 \
	> /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio trim failed"; }
grep -E 'IOPS=|err=' /tmp/fio.out | sed 's/^ *//'
[ "$(lsw_gc discards)" -gt 0 ] || die "no slot was discarded"
trimmed=$(( $(lsw_get disksize) / 5 / 1048576 * 1048576 ))
lsw_drop_caches
check_zeros "$LSW_DEV" 0 "$trimmed"
log "$trimmed trimmed bytes read as zeros"

lsw_settle 60
log "verify the overwrite pass again"
$FIO --name=overwrite --rw=randwrite --offset=20% --size=65% --randseed=22 \
	--verify_only > /tmp/fio.out 2>&1 || { cat /tmp/fio.out; die "fio verify_only failed"; }
summary

# Two writers and readers at once, under the other GC policy: backpressure,
# reads racing with relocation (read_retries), verified.
lsw_set gc_policy cost-benefit
log "mixed: 2 jobs of random reads and writes over 60%, verified"
$FIO --name=mixed --rw=randrw --numjobs=2 --offset=20% --offset_increment=30% \
	--size=30% --randseed=44 > /tmp/fio.out 2>&1 ||
	{ cat /tmp/fio.out; die "fio mixed failed"; }
summary
lsw_settle 60

lsw_show
runs=$(lsw_gc runs)
[ "$runs" -gt 0 ] || die "the garbage collector never ran"
[ "$(lsw_gc victims)" -gt 0 ] || die "GC reclaimed no victim"
[ "$(lsw_gc erases)" -gt 0 ] || die "no erase"
[ "$(lsw_gc write_errors)$(lsw_gc read_errors)$(lsw_gc erase_errors)" = 000 ] ||
	die "I/O errors counted"
log "GC: $runs runs, $(lsw_gc victims) victims, $(lsw_gc blocks_moved) blocks moved, waf $(lsw_gc waf)"
lsw_check
lsw_finish
