# debug-kmemleak.sh baseline|check: kmemleak and lockdep on the debug kernel
# (tests/kernel/debug.fragment, suite tests/qemu/suites/debug).
#
# baseline (first case): kmemleak and lockdep must be on; two scans, then
#   "clear" greys whatever the boot left unreferenced, so that only objects
#   allocated by the cases that follow can be reported later.
# check (after cases, so after their rmmod logswap): logswap must be
#   unloaded; objects must be older than kmemleak's 5 s minimum age; two
#   scans (the first only records checksums); any suspected leak in
#   /sys/kernel/debug/kmemleak fails the case and is printed.  lockdep must
#   still be on (debug_locks 1): a splat, even one hidden from the console,
#   turns it off.
. /tests/lib.sh

KML=/sys/kernel/debug/kmemleak
mode=${1:?usage: debug-kmemleak.sh baseline|check}

[ -e "$KML" ] || die "no $KML: kernel without CONFIG_DEBUG_KMEMLEAK"
[ -r /proc/lockdep_stats ] || die "no /proc/lockdep_stats: kernel without lockdep"

debug_locks() { awk '$1 == "debug_locks:" { print $2 }' /proc/lockdep_stats; }
kml() { echo "$1" > "$KML" || die "kmemleak refused '$1' (disabled?)"; }
scan2() {
	kml scan
	kml scan
}

dl=$(debug_locks)
[ "$dl" = 1 ] || die "lockdep is off (debug_locks=$dl): an earlier report turned it off"

case $mode in
baseline)
	scan2
	n=$(grep -c '^unreferenced object' "$KML")
	log "boot: $n unreferenced objects, greyed by clear"
	kml clear
	;;
check)
	[ ! -d /sys/module/logswap ] || die "logswap still loaded"
	sleep 6
	scan2
	n=$(grep -c '^unreferenced object' "$KML")
	if [ "$n" -gt 0 ]; then
		cat "$KML"
		die "kmemleak: $n suspected leaks"
	fi
	log "kmemleak: no suspected leak; lockdep on (debug_locks=1)"
	;;
*) die "unknown mode '$mode' (baseline|check)" ;;
esac
exit 0
