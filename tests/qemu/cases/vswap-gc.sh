# vswap-gc.sh: on the mm-patches kernel, swap on logswap0 (ZNS) while
# randtouch rewrites random pages of a 250 MiB area, so pages die all over
# the log and GC has to move live blocks (PHYS(old) -> PHYS(new) in the
# table).  With randtouch stopped and the workers idle, every slot's table
# word must equal the engine's location; GC must have moved blocks; every
# page must read back intact.
. /tests/cases/lsw-lib.sh

CK=/sys/kernel/debug/logswap_vswap/logswap0
VS=/sys/kernel/debug/vswap/logswap0
ck() { awk -v k="$1" '$1 == k { print $2 }' "$CK"; }

lsw_setup zns 96M
[ -f "$CK" ] || die "no $CK: logswap.ko was built without vswap mode"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

randtouch -m 250 -n ${VSWAP_GC_ROUNDS:-400000} > /tmp/rt.out 2>&1 &
pid=$!
trap 'rc=$?; kill -9 $pid 2>/dev/null; lsw_cleanup; exit $rc' EXIT
checks=0
while kill -0 $pid 2>/dev/null; do
	sleep 5
	kill -STOP $pid 2>/dev/null || break
	lsw_settle 30
	m=$(ck mismatch)
	log "stopped: mismatch $m, phys_match $(ck phys_match), gc moved $(lsw_gc blocks_moved)"
	[ "$m" = 0 ] || die "table and engine disagree on $m slots, first $(ck first_mismatch)"
	checks=$((checks + 1))
	kill -CONT $pid 2>/dev/null
done
wait $pid
rc=$?
cat /tmp/rt.out
[ "$rc" = 0 ] || die "randtouch exit $rc"
[ "$checks" -gt 0 ] || die "randtouch ended before any check"
moved=$(lsw_gc blocks_moved)
[ "$moved" -gt 0 ] || die "GC moved no block: relocation not exercised"
cat "$VS"
log "$checks stopped checks, table == engine each time; GC moved $moved blocks"
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
