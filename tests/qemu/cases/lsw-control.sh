# lsw-control.sh: num_devices, /sys/class/logswap-control/hot_add and
# hot_remove, their refusals, debugfs directories following the devices,
# and the num_devices bound.
. /tests/cases/lsw-lib.sh

conv=$(backing_dev conv) || exit 1
lsw_start num_devices=2
[ -b /dev/logswap1 ] || die "num_devices=2: no /dev/logswap1"
[ ! -e /sys/block/logswap2 ] || die "num_devices=2: a third device"
[ -d /sys/kernel/debug/logswap/logswap1 ] || die "no debugfs for logswap1"

id=$(cat $LSW_CTL/hot_add) || die "hot_add failed"
[ "$id" = 2 ] || die "hot_add gave '$id', want 2"
[ -b /dev/logswap2 ] && [ -d /sys/block/logswap2 ] || die "no logswap2 after hot_add"
[ -d /sys/kernel/debug/logswap/logswap2 ] || die "no debugfs for logswap2"
[ "$(cat /sys/block/logswap2/disksize)" = 0 ] || die "new device has a size"
[ "$(lsw-wr $LSW_CTL/hot_remove 2)" = ok ] || die "hot_remove 2"
[ ! -e /sys/block/logswap2 ] || die "logswap2 still there"
[ ! -e /sys/kernel/debug/logswap/logswap2 ] || die "logswap2 still in debugfs"

r=$(lsw-wr $LSW_CTL/hot_remove 7); [ "$r" = ENODEV ] || die "hot_remove 7: $r"
r=$(lsw-wr $LSW_CTL/hot_remove x); [ "$r" = EINVAL ] || die "hot_remove x: $r"
r=$(lsw-wr $LSW_CTL/hot_remove -1); [ "$r" = EINVAL ] || die "hot_remove -1: $r"

# An open device can be neither removed nor unloaded.
exec 3< /dev/logswap1
r=$(lsw-wr $LSW_CTL/hot_remove 1); [ "$r" = EBUSY ] || die "hot_remove of an open device: $r"
if rmmod logswap 2>/dev/null; then die "rmmod with an open device succeeded"; fi
exec 3<&-

# An initialised device that nobody holds is torn down by hot_remove,
# releasing its backing device.
s=/sys/block/logswap1
[ "$(lsw-wr $s/backing_dev "$conv")" = ok ] || die "logswap1 backing_dev"
[ "$(lsw-wr $s/disksize 32M)" = ok ] || die "logswap1 disksize"
[ "$(cat $s/size)" = 65536 ] || die "logswap1 size $(cat $s/size)"
[ "$(lsw-wr $LSW_CTL/hot_remove 1)" = ok ] || die "hot_remove of an initialised device"
lsw_set backing_dev "$conv"
lsw_set disksize 32M
# Ids are reused.
id=$(cat $LSW_CTL/hot_add) || die "hot_add failed"
[ "$id" = 1 ] || die "hot_add gave '$id', want 1"
lsw_finish

# num_devices is bounded.
if insmod "$LSW_KO" num_devices=257 2>/dev/null; then
	rmmod logswap
	die "num_devices=257 accepted"
fi
[ ! -d /sys/module/logswap ] || die "module loaded after a refused insmod"
run insmod "$LSW_KO" num_devices=0
trap 'rc=$?; lsw_cleanup; exit $rc' EXIT
[ ! -e /sys/block/logswap0 ] || die "num_devices=0 created a device"
id=$(cat $LSW_CTL/hot_add) || die "hot_add failed"
[ "$id" = 0 ] || die "hot_add gave '$id', want 0"
run rmmod logswap
trap - EXIT
