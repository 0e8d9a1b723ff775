# android-run.sh BACKEND [MEMPRESSURE-ARGS...]: the Android-style app
# switching scenario (tools/mempressure) with swap on BACKEND:
#   logswap-zns   logswap0 on the ZNS namespace (all of it)
#   logswap-conv  logswap0 on the conventional namespace (all of it)
#   swap-conv     plain swap on the conventional namespace
#   zram          the Debian kernel's zram0 (disksize ZRAM_MIB, default half
#                 of RAM)
#   logswap-KIND-cg      logswap-KIND with each app in its own memory
#                        cgroup (mempressure --cgroup), placement hotcold
#   logswap-KIND-stream  the same with placement stream (a placement group
#                        per app: the swap-out bio's blkcg is the app's)
#                        Both with 16 segment buffers and 192 MiB: stream's
#                        8 groups (at most nr_buffers / 2, at most 8, and
#                        each needs a spare EU: with the whole namespace it
#                        gets 2), one each for the 7 busiest apps, the rest
#                        sharing group 0.
# Passes when mempressure ends with integrity_failures=0 and no app died,
# swap was actually used (pswpout > 0), and the backend is torn down
# cleanly (logswap: engine check ok, no I/O error).  Prints "bench: KEY=VALUE"
# lines (mempressure's summary, flash_bytes, dev_write_bytes, zram_mem_used)
# that tools/bench/bench-android.sh collects from the console; logswap
# adds gc_moved (blocks GC copied) and placement.
. /tests/cases/lsw-lib.sh

backend=${1:?usage: android-run.sh logswap-zns|logswap-conv|swap-conv|zram|logswap-KIND-cg|logswap-KIND-stream [ARGS]}
shift
place=
memcg=
case $backend in
logswap-*-stream) place=stream; memcg=1 ;;
logswap-*-cg) place=hotcold; memcg=1 ;;
esac
base=${backend%-stream}
base=${base%-cg}
[ $# -gt 0 ] || set -- -n 8 -m 32 -s 40 -S 7

# dev_written DEV: bytes written to DEV so far (/sys/block/*/stat sectors).
dev_written() { awk '{ print $7 * 512 }' "$(sysblk "$1")/stat"; }

swapdev=
case $base in
logswap-zns|logswap-conv)
	size=max
	[ -z "$memcg" ] || size=192M
	lsw_setup "${base#logswap-}" $size ${memcg:+nr_buffers=16}
	swapdev=$LSW_DEV
	[ -z "$place" ] || lsw_set placement "$place"
	log "placement: $(lsw_get placement)"
	;;
swap-conv)
	swapdev=$(backing_dev conv) || exit 1
	trap 'swapoff "$swapdev" 2>/dev/null' EXIT
	;;
zram)
	run modprobe zram num_devices=1
	swapdev=/dev/zram0
	trap 'swapoff /dev/zram0 2>/dev/null; echo 1 > /sys/block/zram0/reset; rmmod zram' EXIT
	# Half of RAM by default, as Android sizes it.
	zmib=${ZRAM_MIB:-$(awk '/^MemTotal:/ { print int($2 / 2048) }' /proc/meminfo)}
	echo "${zmib}M" > /sys/block/zram0/disksize || die "zram disksize"
	log "zram0: $(cat /sys/block/zram0/disksize) bytes, $(cat /sys/block/zram0/comp_algorithm)"
	;;
*) die "unknown backend $backend" ;;
esac
backing=
case $base in
logswap-*) backing=$LSW_BACKING ;;
swap-conv) backing=$swapdev ;;
esac

run mkswap "$swapdev"
run swapon "$swapdev"
cat /proc/swaps
grep -E '^(MemTotal|MemAvailable):' /proc/meminfo
w0=0
[ -z "$backing" ] || w0=$(dev_written "$backing")

# Each app in its own memory cgroup under mp/; +io too: swap-out bios are
# charged to the page's memcg's blkcg only where the io controller is on.
cg=/sys/fs/cgroup
if [ -n "$memcg" ]; then
	mkdir -p $cg
	[ -e $cg/cgroup.procs ] || mount -t cgroup2 none $cg || die "no cgroup2"
	echo "+memory +io" > $cg/cgroup.subtree_control || die "cannot enable +memory +io"
	mkdir -p $cg/mp
	echo "+memory +io" > $cg/mp/cgroup.subtree_control || die "mp: cannot enable +memory +io"
	set -- "$@" --cgroup $cg/mp
fi

mempressure "$@" > /tmp/mp.out 2>&1
rc=$?
if [ -n "$memcg" ]; then
	ls -d $cg/mp/app* | wc -l | sed 's/^/app cgroups: /'
	rmdir $cg/mp/app* $cg/mp 2>/dev/null
fi
grep -v '^relaunch [0-9]' /tmp/mp.out
grep '^relaunch [0-9]' /tmp/mp.out | awk '{ sub("ms=", "", $4); printf "%s%s", (NR > 1 ? "," : "bench: latencies_ms="), $4 } END { print "" }'
sed -n 's/^\([a-z_0-9]*=[0-9.]*\)$/bench: \1/p' /tmp/mp.out

run swapoff "$swapdev"
w1=0
[ -z "$backing" ] || w1=$(dev_written "$backing")
log "bench: backend=$backend"
log "bench: dev_write_bytes=$((w1 - w0))"
case $base in
logswap-*)
	lsw_show
	cat "$LSW_DBG/groups"
	log "bench: flash_bytes=$(lsw_gc flash_bytes)"
	log "bench: host_bytes=$(lsw_gc host_bytes)"
	log "bench: gc_moved=$(lsw_gc blocks_moved)"
	log "bench: placement=$(lsw_get placement | sed 's/.*\[\([a-z]*\)\].*/\1/')"
	[ "$(lsw_gc write_errors)$(lsw_gc read_errors)" = 00 ] || die "I/O errors counted"
	lsw_check
	lsw_finish
	;;
swap-conv)
	log "bench: flash_bytes=$((w1 - w0))"
	;;
zram)
	# mm_stat: orig_data_size compr_data_size mem_used_total ...; the peak
	# (mem_used_max, column 5) is what the scenario held in RAM.
	cat /sys/block/zram0/mm_stat
	log "bench: flash_bytes=0"
	log "bench: zram_mem_used_max=$(awk '{ print $5 }' /sys/block/zram0/mm_stat)"
	;;
esac

[ $rc = 0 ] || die "mempressure exited with status $rc"
grep -q '^integrity_failures=0$' /tmp/mp.out || die "integrity failures"
out=$(sed -n 's/^pswpout=//p' /tmp/mp.out)
[ "${out:-0}" -gt 0 ] || die "nothing was swapped out: no memory pressure"
exit 0
