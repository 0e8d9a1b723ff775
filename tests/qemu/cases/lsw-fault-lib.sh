# lsw-fault-lib.sh: helpers of the fault-injection cases (lsw-fault-*.sh).
# Sourced by them; not a case itself.  The faults come from QEMU's blkdebug
# rules (run.sh --blkdebug-zns/--blkdebug-conv, suites/faults*.rules); each
# case is told in its arguments which EU the rules aim at.  The EU size is
# 1 MiB (1 MiB zones; erase_unit=1M on conv) and the segment 1 MiB.
. /tests/cases/lsw-lib.sh

SEED=${FAULT_SEED:-7}

# fault_setup KIND: logswap0 at its largest size on KIND, 1 MiB EUs.
fault_setup() {
	extra=
	[ "$1" = conv ] && extra=erase_unit=1M
	# shellcheck disable=SC2086
	lsw_setup "$1" max $extra
	[ "$(lsw_get erase_unit)" = 1048576 ] || die "EU is not 1 MiB"
}

# fault_eu_state EU: the state column of debugfs eus for that EU.
fault_eu_state() { awk -v e="$1" '$1 == e { print $2 }' "$LSW_DBG/eus"; }

# fault_fill PAGES: stamped pages at slots 0..PAGES-1, then a flush.
fault_fill() {
	run lsw-fault fill "$LSW_DEV" 0 "$1" "$SEED"
	lsw_settle
	lsw_show
}

# fault_verify PAGES [BADSLOT...]: every page holds its stamp, except the
# BADSLOTs, whose reads must fail with EIO.
fault_verify() {
	n=$1
	shift
	run lsw-fault verify "$LSW_DEV" 0 "$n" "$SEED" "$@"
}

# fault_counter KEY OP VALUE: debugfs gc KEY compared with test(1) OP.
fault_counter() {
	v=$(lsw_gc "$1")
	[ -n "$v" ] || die "no '$1' in debugfs gc"
	[ "$v" "$2" "$3" ] || die "debugfs $1 = $v, want $2 $3"
	log "debugfs $1 = $v ($2 $3)"
}
