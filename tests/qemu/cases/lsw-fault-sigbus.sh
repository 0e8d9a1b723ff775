# lsw-fault-sigbus.sh KIND MIB EU BLOCK: swap on logswap0 (KIND), a
# process pushes MIB of stamped pages out (MADV_PAGEOUT); the page stored
# at BLOCK of EU, where blkdebug fails every read, raises SIGBUS when
# touched, every other page comes back right (lsw-sigbus), the kernel
# stays up, debugfs read_errors counts the failure, swapoff works and the
# engine check passes.  On the mm-patches kernel (vswap mode) the kernel
# reads PHYS slots from the backing device itself: there the table's
# counters (/sys/kernel/debug/vswap/logswap0 read_errors) count it.
. /tests/cases/lsw-fault-lib.sh
. /tests/cases/vswap-lib.sh	# VS and vs: the table's counters in vswap mode

kind=${1:?usage: lsw-fault-sigbus.sh zns|conv MIB EU BLOCK}
mib=${2:?}
eu=${3:?}
blk=${4:?}

fault_setup "$kind"
spb=$(( $(lsw_get segment_size) / 4096 ))
sum=$(( eu * 256 + blk / spb * spb + spb - 1 ))
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
# read_errors_now: failed reads counted by the driver, or in vswap mode by
# the table (the kernel reads PHYS slots itself there).
read_errors_now() {
	if [ -e "$VS" ]; then vs read_errors; else lsw_gc read_errors; fi
}
e0=$(read_errors_now)
[ -n "$e0" ] || die "no read_errors counter"
run lsw-sigbus "$mib" "$LSW_DEV" "$LSW_BACKING" "$sum" $((blk % spb))
e1=$(read_errors_now)
[ "$e1" -ge $((e0 + 1)) ] || die "read_errors = $e1, want -ge $((e0 + 1))"
log "read_errors = $e1 (-ge $((e0 + 1)))"
lsw_show
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
