# lsw-badinput.sh KIND: the bad-input matrix of /sys/block/logswap0.  Each
# bad value must fail with the right errno (EINVAL, EBUSY or ENODEV), log a
# logswap warning, and change nothing: every attribute, flash_stat
# included, reads byte-identical before and after.  Before any setting,
# with the backing device set, once initialised, and while open.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-badinput.sh zns|conv}
dev=$(backing_dev "$kind") || exit 1
lsw_start

ATTRS="backing_dev segment_size erase_unit nr_buffers disksize gc_policy gc_low gc_high wl_threshold flash_stat"
snap() {
	for a in $ATTRS; do
		printf '%s=%s\n' "$a" "$(cat "$LSW_SYS/$a")"
	done
	cat "$LSW_SYS/size"
}

n=0
# bad ATTR VALUE ERRNO
bad() {
	before=$(snap)
	w0=$(dmesg | grep -c 'logswap: ')
	r=$(lsw-wr "$LSW_SYS/$1" "$2")
	[ "$r" = "$3" ] || die "'$2' > $1: $r, want $3"
	after=$(snap)
	[ "$after" = "$before" ] || {
		echo "before:"; echo "$before"; echo "after:"; echo "$after"
		die "'$2' > $1 ($3) changed the device"
	}
	w1=$(dmesg | grep -c 'logswap: ')
	[ "$w1" -gt "$w0" ] || die "'$2' > $1 ($3) logged no warning"
	n=$((n + 1))
}

# --- nothing set yet ------------------------------------------------------
bad disksize 64M EINVAL		# no backing_dev
bad disksize max EINVAL
bad backing_dev /dev/nonexistent ENODEV
bad backing_dev /tmp ENODEV	# not a block device
bad backing_dev "" EINVAL
bad backing_dev "$LSW_DEV" EINVAL	# logswap on logswap
bad backing_dev "/dev/$(printf '%0300d' 0)" EINVAL	# too long
for v in 0 8K 3M 48K 4M 100000 abc 64Kx -64K 64K64 99999999999999999999999 ""; do
	bad segment_size "$v" EINVAL
done
for v in 0 8K 96K 2G 3M x ""; do
	bad erase_unit "$v" EINVAL
done
for v in 0 1 257 -1 x 4x ""; do
	bad nr_buffers "$v" EINVAL
done
for v in lazy "greedy x" "" GREEDY; do
	bad gc_policy "$v" EINVAL
done
for v in 0 1 2 7 x -5 ""; do	# reserve is 2, gc_high 6
	bad gc_low "$v" EINVAL
done
for v in 0 3 x; do		# gc_low is 4
	bad gc_high "$v" EINVAL
done
for v in 0 x -1; do
	bad wl_threshold "$v" EINVAL
done
for v in 0 2 x ""; do
	bad reset "$v" EINVAL
done
log "$n refusals before any setting"

# Good values are taken and read back.
lsw_set segment_size 64K
[ "$(lsw_get segment_size)" = 65536 ] || die "segment_size 64K reads $(lsw_get segment_size)"
lsw_set gc_policy cost-benefit
[ "$(lsw_get gc_policy)" = "greedy [cost-benefit]" ] || die "gc_policy reads '$(lsw_get gc_policy)'"
lsw_set gc_policy greedy
[ "$(lsw_get gc_policy)" = "[greedy] cost-benefit" ] || die "gc_policy reads '$(lsw_get gc_policy)'"

# --- the backing device in use elsewhere: EBUSY ------------------------------
id=$(cat $LSW_CTL/hot_add) || die "hot_add failed"
other=/sys/block/logswap$id
[ "$(lsw-wr $other/backing_dev "$dev")" = ok ] || die "logswap$id: backing_dev"
[ "$(lsw-wr $other/disksize 16M)" = ok ] || die "logswap$id: disksize"
bad backing_dev "$dev" EBUSY
[ "$(lsw-wr $other/reset 1)" = ok ] || die "logswap$id: reset"
[ "$(lsw-wr $LSW_CTL/hot_remove "$id")" = ok ] || die "hot_remove $id"

# --- backing device set ---------------------------------------------------
lsw_set backing_dev "$dev"
[ "$(lsw_get backing_dev)" = "$dev" ] || die "backing_dev reads $(lsw_get backing_dev)"
if [ "$kind" = zns ]; then
	bad erase_unit 4M EINVAL	# a zone is the erase unit
	bad erase_unit 128K EINVAL
else
	bad erase_unit 32K EINVAL	# below segment_size 64K
	lsw_set erase_unit 128K
	bad segment_size 256K EINVAL	# above the erase unit
	lsw_set erase_unit 4M
fi
bad disksize 0 EINVAL
bad disksize x EINVAL
bad disksize 64Q EINVAL
bad disksize 1T EINVAL		# more than the device holds
bad disksize 99999999999999999999 EINVAL
bad disksize 18446744073709551615 EINVAL
log "$n refusals so far"

# --- initialised ----------------------------------------------------------
lsw_set disksize 64M
bad backing_dev "$dev" EBUSY
bad segment_size 128K EBUSY
bad erase_unit 4M EBUSY
bad nr_buffers 8 EBUSY
bad disksize 32M EBUSY
bad disksize max EBUSY
bad gc_low 1 EINVAL
bad gc_low 7 EINVAL		# above gc_high
bad gc_high 3 EINVAL		# below gc_low
bad gc_high 100000 EINVAL	# more than half of the EUs
bad wl_threshold 0 EINVAL
bad gc_policy lazy EINVAL
bad reset 0 EINVAL
# Runtime GC tunables do change once initialised.
lsw_set gc_high 8
lsw_set gc_low 5
lsw_set wl_threshold 100
lsw_set gc_policy cost-benefit
[ "$(lsw_get gc_low) $(lsw_get gc_high) $(lsw_get wl_threshold)" = "5 8 100" ] ||
	die "GC tunables read $(lsw_get gc_low) $(lsw_get gc_high) $(lsw_get wl_threshold)"

# --- open (as swapon would hold it) ---------------------------------------
exec 3< "$LSW_DEV"
bad reset 1 EBUSY
r=$(lsw-wr $LSW_CTL/hot_remove 0)
[ "$r" = EBUSY ] || die "hot_remove of an open device: $r"
exec 3<&-
log "$n refusals in all, each with a warning and no change"

lsw_check
lsw_finish
