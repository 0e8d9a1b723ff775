# lsw-fault-read.sh KIND MIB EU BLOCK: a read error on the backing device
# (blkdebug, every try, at BLOCK of EU) fails the read of exactly the page
# stored there, with EIO, never wrong data: MIB of stamped pages are read
# back one by one (O_DIRECT), the owner of the bad block (from the segment
# summary on the backing device) is the only one that fails, debugfs
# read_errors counts it, and after the page is written again (elsewhere)
# it reads back right.
. /tests/cases/lsw-fault-lib.sh

kind=${1:?usage: lsw-fault-read.sh zns|conv MIB EU BLOCK}
mib=${2:?}
eu=${3:?}
blk=${4:?}
pages=$((mib * 256))

fault_setup "$kind"
spb=$(( $(lsw_get segment_size) / 4096 ))
fault_fill "$pages"
# The summary of the segment holding BLOCK names the slot stored there.
sum=$(( eu * 256 + blk / spb * spb + spb - 1 ))
slot=$(lsw-fault owner "$LSW_BACKING" "$sum" $((blk % spb))) ||
	die "cannot read the summary at block $sum of $LSW_BACKING"
log "EU $eu block $blk holds slot $slot"
[ "$slot" -lt "$pages" ] || die "slot $slot is not one of ours"
e0=$(lsw_gc read_errors)
fault_verify "$pages" "$slot"
fault_counter read_errors -ge $((e0 + 1))
# Buffered read of that page: dd fails too (the page cache gets no page).
if dd if="$LSW_DEV" of=/dev/null bs=4096 skip="$slot" count=1 2>/tmp/dd.err; then
	die "dd of slot $slot succeeded"
fi
log "dd of slot $slot: $(tail -n 1 /tmp/dd.err)"
# A fresh write of the page goes elsewhere and reads back.
run lsw-fault fill "$LSW_DEV" "$slot" 1 $((SEED + 9))
run lsw-fault verify "$LSW_DEV" "$slot" 1 $((SEED + 9))
fault_counter write_errors -ge 0
lsw_check
lsw_finish
