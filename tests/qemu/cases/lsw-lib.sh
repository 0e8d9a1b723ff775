# lsw-lib.sh: helpers shared by the logswap driver cases (lsw-*.sh).
# Sourced by them (. /tests/cases/lsw-lib.sh); not a case itself.
. /tests/lib.sh

LSW_DEV=/dev/logswap0
LSW_SYS=/sys/block/logswap0
LSW_DBG=/sys/kernel/debug/logswap/logswap0
LSW_CTL=/sys/class/logswap-control
# flash_stat columns, in order (ABI-sysfs-block-logswap).
LSW_COLS="host_bytes zero_pages flash_bytes segments gc_runs gc_moved erases free_eus nr_eus live_slots fg_stalls bad_eus"

# lsw_set ATTR VALUE: write a logswap0 attribute; die unless it succeeds.
lsw_set() {
	echo "+ echo $2 > $LSW_SYS/$1"
	r=$(lsw-wr "$LSW_SYS/$1" "$2")
	[ "$r" = ok ] || die "writing '$2' to $1: $r"
}

# lsw_get ATTR: read a logswap0 attribute.
lsw_get() { cat "$LSW_SYS/$1"; }

# lsw_stat NAME: one column of logswap0/flash_stat, by name.
lsw_stat() {
	awk -v cols="$LSW_COLS" -v k="$1" '
		BEGIN { n = split(cols, c, " ") }
		{ for (i = 1; i <= n; i++) if (c[i] == k) print $i; exit }' \
		"$LSW_SYS/flash_stat"
}

# lsw_gc KEY: one value of debugfs logswap/logswap0/gc.
lsw_gc() { awk -v k="$1:" '$1 == k { print $2 }' "$LSW_DBG/gc"; }

# klog_mark: put a unique mark in the kernel log; klog_new: the kernel
# log's lines since the last mark.  Other kernel lines (hrtimer, clocksource
# watchdog under TCG) may come in between: count the ones that matter.
KLOG_N=0
klog_mark() {
	KLOG_N=$((KLOG_N + 1))
	KLOG_MARK="<lsw-mark $$/$KLOG_N>"
	echo "<7>$KLOG_MARK" > /dev/kmsg	# KERN_DEBUG: in dmesg, not on the console
}
klog_new() { lsw-kmsg | awk -v m="$KLOG_MARK" 'f { print } index($0, m) { f = 1 }'; }

# lsw_check: the engine's consistency check must say ok.
lsw_check() {
	c=$(cat "$LSW_DBG/check")
	[ "$c" = ok ] || die "engine check: $c"
	log "engine check: ok"
}

# lsw_cleanup: swapoff, reset every device, rmmod; quietly, from any state.
lsw_cleanup() {
	[ -d /sys/module/logswap ] || return 0
	for d in /dev/logswap*; do
		[ -b "$d" ] && swapoff "$d" 2>/dev/null
	done
	for s in /sys/block/logswap*; do
		[ -e "$s/reset" ] && echo 1 > "$s/reset" 2>/dev/null
	done
	rmmod logswap 2>/dev/null
	return 0
}

# lsw_start [PARAM=VALUE...]: load logswap afresh; clean up at exit.
lsw_start() {
	require_ko
	lsw_cleanup
	[ ! -d /sys/module/logswap ] || die "logswap is still loaded from before"
	lsw_load "$@"
	trap 'rc=$?; lsw_cleanup; exit $rc' EXIT
	[ -d "$LSW_SYS" ] || die "no $LSW_SYS after insmod"
	[ -b "$LSW_DEV" ] || die "no $LSW_DEV after insmod"
}

# lsw_setup KIND SIZE [ATTR=VALUE...]: load logswap and initialise
# logswap0 on the KIND namespace (zns|conv) with SIZE bytes (or max),
# after writing the given attributes.  Sets LSW_BACKING.
lsw_setup() {
	kind=$1
	size=$2
	shift 2
	LSW_BACKING=$(backing_dev "$kind") || exit 1
	lsw_start
	lsw_set backing_dev "$LSW_BACKING"
	for kv in "$@"; do
		lsw_set "${kv%%=*}" "${kv#*=}"
	done
	lsw_set disksize "$size"
	log "$LSW_DEV: $(lsw_get disksize) bytes on $LSW_BACKING, segment $(lsw_get segment_size), EU $(lsw_get erase_unit), $(lsw_get nr_buffers) buffers"
}

# lsw_finish: swapoff, reset and rmmod, each of which must work.
lsw_finish() {
	if grep -q "^$LSW_DEV " /proc/swaps; then
		run swapoff "$LSW_DEV"
	fi
	lsw_set reset 1
	[ "$(lsw_get disksize)" = 0 ] || die "disksize not 0 after reset"
	run rmmod logswap
	trap - EXIT
}

# lsw_settle [SECONDS]: wait until flash_stat stops changing (the flush
# and GC workers are idle), at most SECONDS (default 20).
lsw_settle() {
	t=${1:-20}
	prev=
	while [ "$t" -gt 0 ]; do
		cur=$(cat "$LSW_SYS/flash_stat")
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 1
		t=$((t - 1))
	done
	die "flash_stat still changing: $cur"
}

# lsw_swap_hog PASSES SEED: swap on $LSW_DEV under a hog of the available
# RAM plus three quarters of the swap, PASSES passes from SEED; every page
# must come back (bad=0).  Then swapoff, a flush and lsw_settle.
lsw_swap_hog() {
	run mkswap "$LSW_DEV"
	run swapon "$LSW_DEV"
	swap_mib=$(( $(lsw_get disksize) / 1048576 ))
	avail_mib=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	mib=$((avail_mib + swap_mib * 3 / 4))
	log "hog of $mib MiB: $avail_mib MiB available, $swap_mib MiB of swap"
	hog -m "$mib" -p "$1" -s "$2" > /tmp/hog.out 2>&1
	rc=$?
	cat /tmp/hog.out
	[ $rc = 0 ] && grep -q 'bad=0$' /tmp/hog.out ||
		die "hog failed (status $rc) or found bad pages"
	run swapoff "$LSW_DEV"
	run lsw-blk flush "$LSW_DEV"
	lsw_settle
}

# gen_units DIR NAME: read the units logswap-generator wrote into DIR for
# /dev/NAME.  Both must exist and swap.target must want the .swap; they are
# printed, and svc, swu (their paths), pre, start, stop (the service's
# ExecStartPre, ExecStart, ExecStop), what and prio (the .swap's What= and
# Priority=) are set.
gen_units() {
	svc=$1/logswap-setup-$2.service
	swu=$1/dev-$2.swap
	[ -f "$svc" ] && [ -f "$swu" ] && [ -L "$1/swap.target.wants/dev-$2.swap" ] ||
		die "generator wrote: $(ls -R "$1")"
	cat "$svc" "$swu"
	pre=$(sed -n 's/^ExecStartPre=//p' "$svc")
	start=$(sed -n 's/^ExecStart=//p' "$svc")
	stop=$(sed -n 's/^ExecStop=//p' "$svc")
	what=$(sed -n 's/^What=//p' "$swu")
	prio=$(sed -n 's/^Priority=//p' "$swu")
}

# lsw_show: flash_stat with its column names, and debugfs gc.
lsw_show() {
	echo "flash_stat: $LSW_COLS"
	echo "flash_stat: $(cat "$LSW_SYS/flash_stat")"
	tr '\n' ' ' < "$LSW_DBG/gc"
	echo
}

# lsw_pattern FILE MIB: MIB of random data in FILE (every page distinct).
lsw_pattern() {
	dd if=/dev/urandom of="$1" bs=1048576 count="$2" 2>/dev/null ||
		die "cannot write $1"
}

# lsw_drop_caches: forget the page cache, so reads go to the device.
lsw_drop_caches() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
}
