# lsw-life-load.sh KIND: the lifecycle of logswap0 under load.  A small
# lifehog (a third of available RAM) keeps rewriting and checking its pages
# (pass 0, then asleep so that reclaim swaps its pages out; woken by
# SIGUSR1 just before swapoff, it rewrites them pass after pass)
# while a pressure hog overflows RAM by 160 MiB into swap on logswap0.
# While both run: rmmod is refused, reset and hot_remove fail with EBUSY,
# disksize and flash_stat are kept, and the GC tunables change on the fly
# (a bad pair is refused with EINVAL).  When the pressure hog has finished
# (all its pages good), swapoff runs while the lifehog still does: it must
# succeed (the lifehog's pages fit in RAM), the lifehog must then verify
# every page, and reset and rmmod must work.
. /tests/cases/lsw-life-lib.sh

kind=${1:?usage: lsw-life-load.sh zns|conv}
lsw_setup "$kind" max
life_trap
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

swap_mib=$(( $(lsw_get disksize) / 1048576 ))
avail=$(avail_mib)
keep=$((avail / 3))
press=$((avail - keep + 160))
log "available $avail MiB, swap $swap_mib MiB: lifehog $keep MiB, pressure hog $press MiB"
[ $((keep + press)) -le $((avail + swap_mib - 32)) ] ||
	die "the hogs do not fit in RAM + swap"

life_start "$keep" 3600000
hog -m "$press" -p 2 -s 7 > /tmp/hog.out 2>&1 &
HOG_PID=$!; hpid=$HOG_PID
life_wait_swapping 32 "$hpid"

# --- lifecycle refusals while swapping -------------------------------------
disksize=$(lsw_get disksize)
seg0=$(lsw_stat segments)
out0=$(vmstat pswpout)
t=$(now)
if rmmod logswap 2>/dev/null; then die "rmmod succeeded under load"; fi
log "rmmod refused in $(since "$t") s"
[ -d /sys/module/logswap ] || die "module gone under load"
t=$(now)
r=$(lsw-wr "$LSW_SYS/reset" 1)
[ "$r" = EBUSY ] || die "reset under load: $r"
log "reset: $r in $(since "$t") s"
t=$(now)
r=$(lsw-wr $LSW_CTL/hot_remove 0)
[ "$r" = EBUSY ] || die "hot_remove under load: $r"
log "hot_remove: $r in $(since "$t") s"
[ "$(lsw_get disksize)" = "$disksize" ] || die "disksize changed: $(lsw_get disksize)"
[ "$(lsw_stat segments)" -ge "$seg0" ] || die "flash_stat went back: $(cat $LSW_SYS/flash_stat)"
grep -q "^$LSW_DEV " /proc/swaps || die "swap went off"

# --- GC tunables on the fly ------------------------------------------------
low=$(lsw_get gc_low)
high=$(lsw_get gc_high)
lsw_set gc_high $((high + 2))
lsw_set gc_low $((low + 1))
lsw_set gc_policy cost-benefit
r=$(lsw-wr "$LSW_SYS/gc_low" $((high + 3)))
[ "$r" = EINVAL ] || die "gc_low above gc_high under load: $r"
[ "$(lsw_get gc_low)" = $((low + 1)) ] && [ "$(lsw_get gc_high)" = $((high + 2)) ] ||
	die "GC tunables read back $(lsw_get gc_low) $(lsw_get gc_high)"
grep -q '\[cost-benefit\]' "$LSW_SYS/gc_policy" || die "gc_policy: $(cat $LSW_SYS/gc_policy)"
lsw_set gc_policy greedy
kill -0 "$hpid" 2>/dev/null || die "the pressure hog ended before the checks did: not under load"
log "pswpout +$(( $(vmstat pswpout) - out0 )) during the checks"

# --- the pressure hog finishes, then swapoff under the lifehog -------------
wait "$hpid"
rc=$?
cat /tmp/hog.out
[ $rc = 0 ] && grep -q 'bad=0$' /tmp/hog.out || die "pressure hog: status $rc"
kill -0 "$LIFE_PID" 2>/dev/null || die "lifehog ended early: $(cat /tmp/lifehog.out)"
used=$(swap_used_kib)
log "swap used before swapoff: $used KiB"
[ "$used" -ge 8192 ] || die "less than 8 MiB in swap to pull back"
lsw_show
in0=$(vmstat pswpin)
kill -USR1 "$LIFE_PID"
t=$(now)
echo "+ swapoff $LSW_DEV (lifehog running)"
swapoff "$LSW_DEV"
rc=$?
log "swapoff: status $rc in $(since "$t") s, pswpin +$(( $(vmstat pswpin) - in0 ))"
if [ $rc != 0 ]; then
	grep -q "^$LSW_DEV " /proc/swaps || die "swapoff failed and swap is off"
	lsw-kmsg | tail -n 5
	die "swapoff failed (status $rc) with swap still on: sizes too big"
fi
grep -q "^$LSW_DEV " /proc/swaps && die "swapoff returned 0, swap still on"
kill -0 "$LIFE_PID" 2>/dev/null || die "lifehog did not survive swapoff"
life_stop 0
[ "$(lsw_gc write_errors)$(lsw_gc read_errors)" = 00 ] || die "I/O errors counted"
lsw_check
t=$(now)
lsw_finish
log "reset and rmmod in $(since "$t") s"
