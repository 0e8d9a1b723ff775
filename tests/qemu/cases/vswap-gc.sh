# vswap-gc.sh: on the mm-patches kernel, swap on logswap0 (ZNS) while
# randtouch rewrites random pages of a 250 MiB area, so pages die all over
# the log and GC has to move live blocks (PHYS(old) -> PHYS(new) in the
# table).  With randtouch stopped and the workers idle, every slot's table
# word must equal the engine's location; GC must have moved blocks; every
# page must read back intact.
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

lsw_setup zns 96M
[ -f "$CK" ] || die "no $CK: logswap.ko was built without vswap mode"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

vswap_checked 5 /tmp/rt.out randtouch -m 250 -n ${VSWAP_GC_ROUNDS:-400000}
moved=$(lsw_gc blocks_moved)
[ "$moved" -gt 0 ] || die "GC moved no block: relocation not exercised"
cat "$VS"
log "$checks stopped checks, table == engine each time; GC moved $moved blocks"
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
