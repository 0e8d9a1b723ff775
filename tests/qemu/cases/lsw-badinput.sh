# lsw-badinput.sh KIND: the bad-input matrix of /sys/block/logswap0, the
# control class and debugfs trace_enable.  Each bad value must fail with
# the right errno (EINVAL, EBUSY, ENODEV, ENXIO or EACCES), log exactly one
# logswap warning line (EACCES: none, the VFS refuses), and change nothing:
# every attribute, flash_stat included, and the device list read
# byte-identical before and after.  Before any setting, with the backing
# device set, once initialised, and while open.  Every writable file also
# gets the junk matrix (junk below): garbage, negative, huge, zero, empty,
# overlong (5000 bytes: the store sees a cut-off 4096) and whitespace
# around a good value (leading, trailing, tabs, a second newline).
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-badinput.sh zns|conv}
dev=$(backing_dev "$kind") || exit 1
lsw_start

ATTRS="backing_dev segment_size erase_unit nr_buffers write_depth disksize gc_policy gc_low gc_high wl_threshold flash_stat"
TE=$LSW_DBG/trace_enable
SNAPF=
for a in $ATTRS size; do
	SNAPF="$SNAPF $LSW_SYS/$a"
done
SNAPF="$SNAPF $TE"
# One process: the matrix below makes some 400 snapshots.
snap() {
	grep -H . $SNAPF
	ls -d /sys/block/logswap*
}
NL='
'
TAB='	'
OVER=$(printf '%04999d' 5)	# 5000 bytes: "000...05"
ZEROS=$(printf '%0200d' 0)

n=0
# bad ATTR VALUE ERRNO: ATTR is a logswap0 attribute or a full path.
bad() {
	case $1 in /*) f=$1 ;; *) f=$LSW_SYS/$1 ;; esac
	before=$(snap)
	klog_mark
	r=$(lsw-wr "$f" "$2")
	[ "$r" = "$3" ] || die "'$2' > $1: $r, want $3"
	after=$(snap)
	[ "$after" = "$before" ] || {
		echo "before:"; echo "$before"; echo "after:"; echo "$after"
		die "'$2' > $1 ($3) changed the device"
	}
	new=$(klog_new)
	case $3 in
	open:EACCES) want=0 ;;
	*) want=1 ;;
	esac
	got=$(printf '%s' "$new" | grep -c 'logswap')
	[ "$got" = "$want" ] || {
		echo "$new"
		die "'$2' > $1 ($3) logged $got logswap lines, want $want"
	}
	n=$((n + 1))
}

# junk FILE GOOD: FILE refuses with EINVAL every mangled form of the good
# value GOOD and the usual garbage.  "-t" first: FILE tolerates trailing
# blanks (gc_policy), so those are not tried.
junk() {
	trail=1
	[ "$1" = -t ] && { trail=; shift; }
	for v in x -1 "" 99999999999999999999999 "$OVER" " $2" "$TAB$2" \
		"$2x" "$2${NL}x" "$ZEROS$2"; do
		bad "$1" "$v" EINVAL
	done
	if [ -n "$trail" ]; then
		bad "$1" "$2 " EINVAL
		bad "$1" "$2$TAB" EINVAL
		bad "$1" "$2$NL" EINVAL		# lsw-wr adds the second newline
	fi
}

# Files that are not writable at all, even for root.
for f in "$LSW_SYS/flash_stat" "$LSW_CTL/hot_add"; do
	bad "$f" 1 open:EACCES
done
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
for v in 0 257 -1 x 4x ""; do
	bad write_depth "$v" EINVAL
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
bad "$TE" 16 ENXIO			# a trace needs disksize
for a in segment_size=64K erase_unit=4M nr_buffers=8 write_depth=4 disksize=64M \
	gc_low=5 gc_high=8 wl_threshold=100 reset=1 "$TE=16"; do
	junk "${a%=*}" "${a##*=}"
done
junk -t gc_policy greedy
junk "$LSW_CTL/hot_remove" 255
bad "$LSW_CTL/hot_remove" 255 ENODEV	# no such device
bad "$LSW_CTL/hot_remove" 256 ENODEV
bad "$LSW_CTL/hot_remove" 2147483648 EINVAL
log "$n refusals before any setting"

# Good values are taken and read back.
lsw_set segment_size 64K
[ "$(lsw_get segment_size)" = 65536 ] || die "segment_size 64K reads $(lsw_get segment_size)"
lsw_set gc_policy cost-benefit
[ "$(lsw_get gc_policy)" = "greedy [cost-benefit]" ] || die "gc_policy reads '$(lsw_get gc_policy)'"
lsw_set gc_policy "greedy  $NL"	# trailing blanks: taken (core's parser)
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
bad backing_dev "$TAB$NL " EINVAL	# blank
bad backing_dev "$OVER" EINVAL
bad backing_dev "$dev$NL$dev" EINVAL	# control characters: no log line forged
bad backing_dev "/dev/x${TAB}y" EINVAL
lsw_set backing_dev "  $dev$TAB$NL"	# surrounding blanks are trimmed
[ "$(lsw_get backing_dev)" = "$dev" ] || die "backing_dev reads '$(lsw_get backing_dev)'"
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
for a in disksize=64M gc_low=5 gc_high=8 wl_threshold=100 reset=1 "$TE=16"; do
	junk "${a%=*}" "${a##*=}"
done
junk -t gc_policy cost-benefit
bad "$TE" 99999999999 EINVAL		# above 64 Mi records
[ "$(lsw-wr "$TE" 16)" = ok ] || die "trace_enable 16"
bad "$TE" 16 EBUSY			# already tracing
[ "$(lsw-wr "$TE" 0)" = ok ] && [ "$(lsw-wr "$TE" 0)" = ok ] ||
	die "trace_enable 0 (stop, free)"
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
