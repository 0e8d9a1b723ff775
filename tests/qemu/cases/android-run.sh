# android-run.sh BACKEND [MEMPRESSURE-ARGS...]: the Android-style app
# switching scenario (tools/mempressure) with swap on BACKEND:
#   logswap-zns   logswap0 on the ZNS namespace (all of it)
#   logswap-conv  logswap0 on the conventional namespace (all of it)
#   swap-conv     plain swap on the conventional namespace
#   zram          the Debian kernel's zram0 (disksize ZRAM_MIB, default half
#                 of RAM)
# Passes when mempressure ends with integrity_failures=0 and no app died,
# swap was actually used (pswpout > 0), and the backend is torn down
# cleanly (logswap: engine check ok, no I/O error).  Prints "bench: KEY=VALUE"
# lines (mempressure's summary, flash_bytes, dev_write_bytes, zram_mem_used)
# that tools/bench/bench-android.sh collects from the console.
. /tests/cases/lsw-lib.sh

backend=${1:?usage: android-run.sh logswap-zns|logswap-conv|swap-conv|zram [ARGS]}
shift
[ $# -gt 0 ] || set -- -n 8 -m 32 -s 40 -S 7

# dev_written DEV: bytes written to DEV so far (/sys/block/*/stat sectors).
dev_written() { awk '{ print $7 * 512 }' "$(sysblk "$1")/stat"; }

swapdev=
case $backend in
logswap-zns|logswap-conv)
	lsw_setup "${backend#logswap-}" max
	swapdev=$LSW_DEV
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
case $backend in
logswap-*) backing=$LSW_BACKING ;;
swap-conv) backing=$swapdev ;;
esac

run mkswap "$swapdev"
run swapon "$swapdev"
cat /proc/swaps
grep -E '^(MemTotal|MemAvailable):' /proc/meminfo
w0=0
[ -z "$backing" ] || w0=$(dev_written "$backing")

mempressure "$@" > /tmp/mp.out 2>&1
rc=$?
grep -v '^relaunch [0-9]' /tmp/mp.out
grep '^relaunch [0-9]' /tmp/mp.out | awk '{ sub("ms=", "", $4); printf "%s%s", (NR > 1 ? "," : "bench: latencies_ms="), $4 } END { print "" }'
sed -n 's/^\([a-z_0-9]*=[0-9.]*\)$/bench: \1/p' /tmp/mp.out

run swapoff "$swapdev"
w1=0
[ -z "$backing" ] || w1=$(dev_written "$backing")
log "bench: backend=$backend"
log "bench: dev_write_bytes=$((w1 - w0))"
case $backend in
logswap-*)
	lsw_show
	log "bench: flash_bytes=$(lsw_gc flash_bytes)"
	log "bench: host_bytes=$(lsw_gc host_bytes)"
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
