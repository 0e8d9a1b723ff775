# vswap-churn.sh: on the mm-patches kernel, swap on logswap0 (ZNS) under a
# 6-pass hog (about 400k swap-outs and as many swap-ins): every few seconds
# the hog is stopped and, with the flush and GC workers idle, every slot's
# table word must equal the engine's location (LOG position or PHYS block);
# the hog must read every page back intact.  The hog rewrites its pages in
# order, so whole erase units die and GC erases without moving blocks:
# relocation (vswap_relocate) is not exercised here; the GC blocks moved
# are printed.
. /tests/cases/lsw-lib.sh

CK=/sys/kernel/debug/logswap_vswap/logswap0
VS=/sys/kernel/debug/vswap/logswap0
ck() { awk -v k="$1" '$1 == k { print $2 }' "$CK"; }

lsw_setup zns 96M
[ -f "$CK" ] || die "no $CK: logswap.ko was built without vswap mode"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

hog -m 250 -p 6 -s 7 > /tmp/hog.out 2>&1 &
pid=$!
trap 'rc=$?; kill -9 $pid 2>/dev/null; lsw_cleanup; exit $rc' EXIT
checks=0
while kill -0 $pid 2>/dev/null; do
	sleep 4
	kill -STOP $pid 2>/dev/null || break
	lsw_settle 30
	m=$(ck mismatch)
	log "stopped: mismatch $m, phys_match $(ck phys_match), log_match $(ck log_match)"
	[ "$m" = 0 ] || die "table and engine disagree on $m slots, first $(ck first_mismatch)"
	checks=$((checks + 1))
	kill -CONT $pid 2>/dev/null
done
wait $pid
rc=$?
cat /tmp/hog.out
[ "$rc" = 0 ] || die "hog exit $rc"
[ "$checks" -gt 0 ] || die "hog ended before any check"
cat "$VS"
log "$checks stopped checks, table == engine each time; GC moved $(lsw_gc blocks_moved) blocks"
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
