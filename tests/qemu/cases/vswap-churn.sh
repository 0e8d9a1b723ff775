# vswap-churn.sh: on the mm-patches kernel, swap on logswap0 (ZNS) under a
# 6-pass hog (about 400k swap-outs and as many swap-ins): every few seconds
# the hog is stopped and, with the flush and GC workers idle, every slot's
# table word must equal the engine's location (LOG position or PHYS block);
# the hog must read every page back intact.  The hog rewrites its pages in
# order, so whole erase units die and GC erases without moving blocks:
# relocation (vswap_relocate) is not exercised here; the GC blocks moved
# are printed.
. /tests/cases/lsw-lib.sh
. /tests/cases/vswap-lib.sh

lsw_setup zns 96M
[ -f "$CK" ] || die "no $CK: logswap.ko was built without vswap mode"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

vswap_checked 4 /tmp/hog.out hog -m 250 -p 6 -s 7
cat "$VS"
log "$checks stopped checks, table == engine each time; GC moved $(lsw_gc blocks_moved) blocks"
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
