# swapbk-churn.sh: on the patched 7.2 kernel, swap on logswap0 (ZNS, the
# kernel's virtual tables its only slot map) under random page touches
# that leave erase units partly live, so GC relocates blocks (PHYS(old) ->
# PHYS(new) by cmpxchg on the kernel's table words).  Every few seconds the
# program is stopped and, with the flush and GC workers idle, every slot's
# word must agree with the engine (each PHYS word a valid block, once;
# every valid block named; each LOG word a buffered page of its slot);
# randtouch verifies every page it reads back.
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

lsw_setup zns 96M
[ -f "$CK" ] || die "no $CK: logswap.ko was built without the swap backend"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
[ "$(ck bound)" = 1 ] || die "swapon did not bind"

vswap_checked 5 /tmp/rt.out randtouch -m 250 -n ${SWAPBK_ROUNDS:-300000}
moved=$(lsw_gc blocks_moved)
cat "$CK"
[ "$moved" -gt 0 ] || die "GC moved no block: relocation not exercised"
[ "$(ck driver_map_bytes)" = 0 ] || die "driver map while bound"
log "$checks stopped checks, table == engine each time; GC moved $moved blocks"
run swapoff "$LSW_DEV"
[ "$(ck mismatch)" = 0 ] || die "after swapoff: mismatch $(ck mismatch)"
lsw_check
lsw_finish
