# lsw-rmmod.sh KIND: while logswap0 is swapped on, rmmod, reset and
# hot_remove are refused; after swapoff, reset succeeds (capacity 0,
# flash_stat all zeros, backing device released) and so does rmmod.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-rmmod.sh zns|conv}
lsw_setup "$kind" 128M
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
grep -q "^$LSW_DEV " /proc/swaps || die "not in /proc/swaps"

if rmmod logswap 2>/dev/null; then die "rmmod succeeded while swapped on"; fi
[ -d /sys/module/logswap ] || die "module gone while swapped on"
r=$(lsw-wr "$LSW_SYS/reset" 1); [ "$r" = EBUSY ] || die "reset while swapped on: $r"
r=$(lsw-wr $LSW_CTL/hot_remove 0); [ "$r" = EBUSY ] || die "hot_remove while swapped on: $r"
[ "$(lsw_get disksize)" = 134217728 ] || die "disksize changed"

run swapoff "$LSW_DEV"
lsw_set reset 1
[ "$(lsw_get disksize)" = 0 ] || die "disksize $(lsw_get disksize) after reset"
[ "$(cat $LSW_SYS/size)" = 0 ] || die "capacity $(cat $LSW_SYS/size) after reset"
zeros=$(awk '{ for (i = 1; i <= NF; i++) if ($i != 0) { print "no"; exit } print "yes" }' "$LSW_SYS/flash_stat")
[ "$zeros" = yes ] || die "flash_stat after reset: $(cat $LSW_SYS/flash_stat)"
[ "$(wc -w < "$LSW_SYS/flash_stat")" = 12 ] || die "flash_stat has $(wc -w < "$LSW_SYS/flash_stat") columns"
# The backing device is free again: stock tools may open it exclusively.
if [ "$kind" = conv ]; then
	run mkswap "$LSW_BACKING"
	run swapon "$LSW_BACKING"
	run swapoff "$LSW_BACKING"
fi
# The tunables survive a reset: initialise again, then reset again.
lsw_set disksize 64M
[ "$(lsw_get backing_dev)" = "$LSW_BACKING" ] || die "backing_dev lost"
lsw_set reset 1
run rmmod logswap
trap - EXIT
[ ! -d /sys/module/logswap ] || die "module still loaded"
