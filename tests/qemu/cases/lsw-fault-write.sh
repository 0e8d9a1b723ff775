# lsw-fault-write.sh KIND MIB EU: a segment write that fails (blkdebug
# write error on the first sector of EU, every try) is written again in
# another EU: MIB of stamped pages all verify, debugfs counts one write
# error, the EU is retired (state bad, bad_eus >= 1), the engine check
# passes, and the device takes and returns more data afterwards.
. /tests/cases/lsw-fault-lib.sh

kind=${1:?usage: lsw-fault-write.sh zns|conv MIB EU}
mib=${2:?}
eu=${3:?}
pages=$((mib * 256))

fault_setup "$kind"
fault_fill "$pages"
fault_counter write_errors -eq 1
fault_counter bad_eus -ge 1
st=$(fault_eu_state "$eu")
[ "$st" = bad ] || die "EU $eu is '$st', want bad (retired after the write error)"
log "EU $eu: $st"
fault_verify "$pages"
lsw_check
# The device keeps working: overwrite half, everything still verifies.
run lsw-fault fill "$LSW_DEV" 0 $((pages / 2)) $((SEED + 1))
run lsw-fault verify "$LSW_DEV" 0 $((pages / 2)) $((SEED + 1))
run lsw-fault verify "$LSW_DEV" $((pages / 2)) $((pages - pages / 2)) "$SEED"
fault_counter write_errors -eq 1
lsw_check
lsw_show
lsw_finish
