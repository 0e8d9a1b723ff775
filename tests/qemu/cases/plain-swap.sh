# plain-swap.sh KIND [MIB]: stock swap on the KIND (conv) namespace.
# A MIB (default 400) memory hog in the 256 MiB guest must swap out
# (pswpout > 0) and read every page back intact (bad=0).
. /tests/lib.sh

kind=${1:-conv}
mib=${2:-400}
dev=$(backing_dev "$kind") || exit 1

run mkswap "$dev"
run swapon "$dev"
cat /proc/swaps
out0=$(vmstat pswpout)
# hog prints "bad=0" last only when it ran to the end and all pages matched.
hog -m "$mib" -s 42 2>&1 | tee /tmp/hog.out
out1=$(vmstat pswpout)
run swapoff "$dev"

grep -q 'bad=0$' /tmp/hog.out || die "hog failed or found bad pages"
[ $((out1 - out0)) -gt 0 ] || die "nothing was swapped out"
log "pswpout +$((out1 - out0))"
