# lsw-life-ctrlreset.sh KIND: the NVMe controller under logswap0 is reset
# (reset_controller) while swap I/O runs: first while a lifehog, most of it
# pushed out to logswap0 by a pressure hog, swaps its pages back in (woken
# by SIGUSR1 just before); then during swapoff.  The namespace comes back
# each time, the I/O goes on, swapoff succeeds, the lifehog verifies every
# page, logswap counts no I/O error, the engine check passes, reset and
# rmmod work.
#
# Not while reclaim is writing to swap: nvme_reset_work allocates with
# GFP_KERNEL (pci_disable_device -> ACPI) while the I/O queues are frozen,
# and reclaim then waits for a frozen queue: a deadlock of the NVMe driver
# that swap directly on the namespace has too (tests/qemu/README.md).
. /tests/cases/lsw-life-lib.sh

kind=${1:?usage: lsw-life-ctrlreset.sh zns|conv}
lsw_setup "$kind" max
life_trap
ctrl=$(nvme_ctrl "$LSW_BACKING")
[ -e "/sys/class/nvme/$ctrl/reset_controller" ] || die "no reset_controller for $ctrl"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

avail=$(avail_mib)
keep=$((avail / 2))
life_start "$keep" 3600000
hog -m $((avail - keep + 128)) -p 2 -s 11 > /tmp/hog.out 2>&1 &
HOG_PID=$!
life_wait_swapping 32 "$HOG_PID"
wait "$HOG_PID"
rc=$?
HOG_PID=
cat /tmp/hog.out
[ $rc = 0 ] && grep -q 'bad=0$' /tmp/hog.out || die "pressure hog: status $rc"
log "lifehog ($keep MiB) running with $(swap_used_kib) KiB in swap"

# ctrl_reset N: reset the controller, wait until it is live again.
ctrl_reset() {
	t=$(now)
	r=$(bg_write "/sys/class/nvme/$ctrl/reset_controller" 1 60)
	[ "$r" = ok ] || die "reset_controller: $r"
	log "reset $1 of $ctrl: returned in $(since "$t") s, state $(cat /sys/class/nvme/$ctrl/state)"
	i=0
	until [ "$(cat /sys/class/nvme/$ctrl/state)" = live ]; do
		i=$((i + 1))
		[ $i -le 300 ] || die "$ctrl not live 30 s after the reset"
		sleep 0.1
	done
	[ -b "$LSW_BACKING" ] || die "$LSW_BACKING gone after the reset"
}

in0=$(vmstat pswpin)
reads0=$(lsw_gc host_reads)
kill -USR1 "$LIFE_PID"	# from now on it swaps its pages in, pass after pass
ctrl_reset 1
sleep 3
kill -0 "$LIFE_PID" 2>/dev/null || die "lifehog died: $(cat /tmp/lifehog.out)"
log "around reset 1: pswpin +$(( $(vmstat pswpin) - in0 )), logswap host_reads +$(( $(lsw_gc host_reads) - reads0 ))"

# Push the lifehog out again, then reset during swapoff.
hog -m $((avail - keep + 64)) -p 1 -s 12 > /tmp/hog.out 2>&1 ||
	die "pressure hog 2: $(cat /tmp/hog.out)"
used=$(swap_used_kib)
in0=$(vmstat pswpin)
t0=$(now)
swapoff "$LSW_DEV" > /tmp/swapoff.out 2>&1 &
soff=$!
ctrl_reset 2
wait "$soff"
rc=$?
log "swapoff of $used KiB across reset 2: status $rc in $(since "$t0") s, pswpin +$(( $(vmstat pswpin) - in0 ))"
[ $rc = 0 ] || die "swapoff: $(cat /tmp/swapoff.out)"
grep -q "^$LSW_DEV " /proc/swaps && die "still swapped on after swapoff"
life_stop 0
lsw_show
[ "$(lsw_gc write_errors)$(lsw_gc read_errors)" = 00 ] || die "I/O errors counted across the resets"
lsw_check
lsw_finish
