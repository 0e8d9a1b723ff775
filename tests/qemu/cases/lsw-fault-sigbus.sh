# lsw-fault-sigbus.sh KIND MIB EU BLOCK: swap on logswap0 (KIND), a
# process pushes MIB of stamped pages out (MADV_PAGEOUT); the page stored
# at BLOCK of EU, where blkdebug fails every read, raises SIGBUS when
# touched, every other page comes back right (lsw-sigbus), the kernel
# stays up, debugfs read_errors counts the failure, swapoff works and the
# engine check passes.
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
e0=$(lsw_gc read_errors)
run lsw-sigbus "$mib" "$LSW_DEV" "$LSW_BACKING" "$sum" $((blk % spb))
fault_counter read_errors -ge $((e0 + 1))
lsw_show
run swapoff "$LSW_DEV"
lsw_check
lsw_finish
