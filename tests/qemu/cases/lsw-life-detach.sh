# lsw-life-detach.sh KIND [hard]: the PCI function of the NVMe controller
# under logswap0 is removed (/sys/bus/pci/devices/BDF/remove) while swapped
# on.  Destructive: run it last in a boot.
#
# Only the hogs may swap: losing the swap device kills whatever has pages
# on it, /init included (a kernel panic).  Default: a lifehog in a cgroup
# with memory.max a third of its size (life_cgroups) is pushed out by its
# own limit, with no global pressure; then the limit is lifted, the lifehog
# sleeps with most of its pages on logswap0, the device goes, and SIGUSR1
# wakes the lifehog to touch its pages.  hard: the device goes while a hog
# larger than RAM swaps: global pressure puts other processes' pages in
# swap too (tried with a pressure hog instead of the cgroup limit: /init
# lost pages and the guest panicked), so hard is not in the suite.
# Either way logswap's reads of the lost device must fail: the hog dies of
# SIGBUS (or is killed) within the block layer's timeout, never with a
# wrong page; errors are counted; swapoff then works, and so do reset and
# rmmod.
. /tests/cases/lsw-life-lib.sh

kind=${1:?usage: lsw-life-detach.sh zns|conv [hard]}
mode=${2:-soft}
lsw_setup "$kind" max
life_trap
ctrl=$(nvme_ctrl "$LSW_BACKING")
bdf=$(basename "$(readlink -f "/sys/class/nvme/$ctrl/device")")
[ -e "/sys/bus/pci/devices/$bdf/remove" ] || die "no PCI remove for $ctrl ($bdf)"
log "$LSW_BACKING: $ctrl at PCI $bdf; block layer timeout $(cat "$(sysblk "$LSW_BACKING")/queue/io_timeout") ms"
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

avail=$(avail_mib)
if [ "$mode" = hard ]; then
	in_hogs hog -m $((avail + 128)) -p 50 -s 13 > /tmp/victim.out 2>&1 &
	victim=$!
	HOG_PID=$victim
	life_wait_swapping 48 "$victim"
else
	keep=$((avail / 2))
	life_cgroups $((keep / 3))
	life_start "$keep" 3600000
	victim=$LIFE_PID
	life_wait_swapping $((keep / 2)) "$victim"
	echo max > "$LIFE_CG/memory.max"
	log "lifehog ($keep MiB) running with $(swap_used_kib) KiB in swap, its memory.max lifted"
fi
lsw_show

t=$(now)
r=$(bg_write "/sys/bus/pci/devices/$bdf/remove" 1 60)
log "PCI remove of $bdf: $r in $(since "$t") s; $LSW_BACKING $([ -b "$LSW_BACKING" ] && echo still there || echo gone)"
[ "$r" = ok ] || die "PCI remove: $r"
# Wake the lifehog (its stack, swapped out too, may have killed it already).
[ "$mode" = hard ] || kill -USR1 "$victim" 2>/dev/null
if ! wait_gone "$victim" 60; then
	log "victim still running 60 s after the removal: state $(awk '/^State:/ { print $2 }' /proc/$victim/status), wchan $(cat /proc/$victim/wchan)"
	cat /proc/$victim/stack 2>/dev/null
	die "hog not ended 60 s after its swap device went away"
fi
wait "$victim"
rc=$?
LIFE_PID=
HOG_PID=
log "victim ended $(since "$t") s after the removal, status $rc"
cat /tmp/lifehog.out /tmp/victim.out 2>/dev/null
grep -q 'bad=[1-9]' /tmp/lifehog.out /tmp/victim.out 2>/dev/null && die "wrong data came back from swap"
case $rc in
135) log "the hog got SIGBUS" ;;
137) log "the hog was killed (SIGKILL)" ;;
*) die "the hog ended with status $rc: expected SIGBUS (135) or SIGKILL (137)" ;;
esac
lsw_show
werr=$(lsw_gc write_errors)
rerr=$(lsw_gc read_errors)
log "logswap errors: write $werr, read $rerr"
[ "$rerr" -gt 0 ] || die "no read error counted"
lsw-kmsg | grep -E 'logswap|swap-device' | tail -n 8

t=$(now)
echo "+ swapoff $LSW_DEV"
swapoff "$LSW_DEV"
rc=$?
log "swapoff: status $rc in $(since "$t") s"
grep -q "^$LSW_DEV " /proc/swaps && die "swapoff status $rc, still swapped on"
t=$(now)
r=$(lsw-wr "$LSW_SYS/reset" 1)
log "reset: $r in $(since "$t") s"
[ "$r" = ok ] || die "reset after the device loss: $r"
[ "$(lsw_get disksize)" = 0 ] || die "disksize not 0 after reset"
t=$(now)
run rmmod logswap
trap - EXIT
log "rmmod in $(since "$t") s"
[ ! -d /sys/module/logswap ] || die "module still loaded"
