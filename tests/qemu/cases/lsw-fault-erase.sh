# lsw-fault-erase.sh KIND MIB EU: an erase that fails (conv: blkdebug
# discard error on EU; zns: write-zeroes error, QEMU's zone reset) takes
# the EU out of use: debugfs counts one erase error, the EU is bad, and
# MIB of stamped pages written across it all verify; the engine check
# passes.  EU may be "any" (a rule without sector: the first erase that
# does I/O fails, whichever EU it is).
. /tests/cases/lsw-fault-lib.sh

kind=${1:?usage: lsw-fault-erase.sh zns|conv MIB EU|any}
mib=${2:?}
eu=${3:?}
pages=$((mib * 256))

fault_setup "$kind"
fault_fill "$pages"
if [ "$kind" = zns ]; then
	# Zone resets of empty zones do no I/O in QEMU: rewrite everything
	# until used zones are reset (erase count grows past 1).
	for pass in 1 2; do
		SEED=$((SEED + pass))
		run lsw-fault fill "$LSW_DEV" 0 "$pages" "$SEED"
		lsw_settle
	done
	lsw_show
fi
fault_counter erase_errors -eq 1
fault_counter bad_eus -ge 1
if [ "$eu" = any ]; then
	eu=$(awk '$2 == "bad" { print $1; exit }' "$LSW_DBG/eus")
	[ -n "$eu" ] || die "no bad EU in debugfs eus"
fi
st=$(fault_eu_state "$eu")
[ "$st" = bad ] || die "EU $eu is '$st', want bad (retired after the erase error)"
log "EU $eu: $st"
fault_verify "$pages"
lsw_check
lsw_finish
