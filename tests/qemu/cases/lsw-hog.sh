# lsw-hog.sh KIND [MIB|auto]: swap on logswap0 (at its largest size) under
# a memory hog of MIB (default 512) in the small guest: every page must
# come back intact (bad=0), pages must have gone out through logswap's
# segments, and swapoff must read everything back.  auto: the largest hog
# that fits in available RAM plus this swap with 64 MiB to spare, at most
# 512 MiB.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-hog.sh zns|conv [MIB|auto]}
mib=${2:-512}
lsw_setup "$kind" max
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
cat /proc/swaps

swap_mib=$(( $(lsw_get disksize) / 1048576 ))
avail_mib=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
if [ "$mib" = auto ]; then
	mib=$((swap_mib + avail_mib - 64))
	[ "$mib" -le 512 ] || mib=512
fi
log "hog of $mib MiB: $avail_mib MiB available, $swap_mib MiB of swap"
[ "$mib" -le $((swap_mib + avail_mib)) ] ||
	die "a $mib MiB hog cannot fit in $avail_mib MiB + $swap_mib MiB of swap"

out0=$(vmstat pswpout)
in0=$(vmstat pswpin)
hog -m "$mib" -p 2 -s 5 > /tmp/hog.out 2>&1
rc=$?
cat /tmp/hog.out
[ $rc = 0 ] && grep -q 'bad=0$' /tmp/hog.out || die "hog failed (status $rc) or found bad pages"
out=$(( $(vmstat pswpout) - out0 ))
in=$(( $(vmstat pswpin) - in0 ))
log "pswpout +$out, pswpin +$in"
[ "$out" -gt $((mib * 64)) ] || die "only $out pages swapped out for a $mib MiB hog"
[ "$in" -gt 0 ] || die "nothing swapped in"
lsw_show
[ "$(lsw_stat segments)" -gt 0 ] || die "no segment written"
[ "$(lsw_gc write_errors)$(lsw_gc read_errors)" = 00 ] || die "I/O errors counted"
run swapoff "$LSW_DEV"
lsw_check
lsw_show
lsw_finish
