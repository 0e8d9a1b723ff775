# lsw-fault-sigbus.sh KIND MIB EU BLOCK: swap on logswap0 (KIND), a
# process pushes MIB of stamped pages out (MADV_PAGEOUT); the page stored
# at BLOCK of EU, where blkdebug fails every read, raises SIGBUS when
# touched, every other page comes back right (lsw-sigbus), the kernel
# stays up, debugfs read_errors counts the failure, swapoff works and the
# engine check passes.  On the mm-patches kernel (vswap mode) the kernel
# reads PHYS slots from the backing device itself: there the table's
# counters (/sys/kernel/debug/vswap/logswap0 read_errors) count it.
. /tests/cases/lsw-fault-lib.sh

kind=${1:?usage: lsw-fault-sigbus.sh zns|conv MIB EU BLOCK}
mib=${2:?}
eu=${3:?}
blk=${4:?}

fault_setup "$kind"
spb=$(( $(lsw_get segment_size) / 4096 ))
sum=$(( eu * 256 + blk / spb * spb + spb - 1 ))
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
VS=/sys/kernel/debug/vswap/logswap0
vs_errors() { awk '$1 == "read_errors" { print $2 }' "$VS"; }
if [ -e "$VS" ]; then
	e0=$(vs_errors)
	[ -n "$e0" ] || die "no read_errors in $VS"
else
	e0=$(lsw_gc read_errors)
fi
run lsw-sigbus "$mib" "$LSW_DEV" "$LSW_BACKING" "$sum" $((blk % spb))
if [ -e "$VS" ]; then
	e1=$(vs_errors)
	[ "$e1" -ge $((e0 + 1)) ] || die "vswap read_errors = $e1, want -ge $((e0 + 1))"
	log "vswap read_errors = $e1 (-ge $((e0 + 1)))"
else
	fault_counter read_errors -ge $((e0 + 1))
fi
lsw_show
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
