# lsw-trace-lib.sh: the trace recorder helpers of lsw-churn.sh and
# lsw-swaptrace.sh.  Sourced after lsw-lib.sh; not a case itself.

LSW_TE=$LSW_DBG/trace_enable

# lsw_trace_start CAP: start a trace of CAP records; checks on the way
# that bad input is EINVAL with no change and a second start is EBUSY.
lsw_trace_start() {
	[ "$(cut -d' ' -f2 "$LSW_TE")" = off ] || die "trace_enable: $(cat "$LSW_TE")"
	for bad in abc -1 "" 99999999999999; do
		r=$(lsw-wr "$LSW_TE" "$bad")
		[ "$r" = EINVAL ] || die "trace_enable '$bad': $r, want EINVAL"
	done
	[ "$(cut -d' ' -f2 "$LSW_TE")" = off ] || die "bad input changed trace_enable: $(cat "$LSW_TE")"
	r=$(lsw-wr "$LSW_TE" "$1")
	[ "$r" = ok ] || die "trace_enable $1: $r"
	r=$(lsw-wr "$LSW_TE" 1000)
	[ "$r" = EBUSY ] || die "second trace_enable: $r, want EBUSY"
	log "trace_enable: $(cat "$LSW_TE")"
}

# lsw_trace_dump NAME: stop the trace, check it against debugfs gc, print
# it between LSW-TRACE-BEGIN/END NAME markers (gzip | base64, sha256 of
# the gzip) for tests/qemu/crosscheck.sh, and free it.  Call when the
# workers are idle (lsw_settle).
lsw_trace_dump() {
	r=$(lsw-wr "$LSW_TE" 0)
	[ "$r" = ok ] || die "trace_enable 0: $r"
	set -- "$1" $(cat "$LSW_TE")
	log "trace_enable after stop: $2 $3 $4 $5 $6 $7 (capacity state records dropped unordered deferred)"
	[ "$3" = stopped ] || die "trace not stopped"
	[ "$5" = 0 ] || die "$5 records dropped"
	[ "$6" = 0 ] || log "$6 unordered frees: the cross-check will refuse this trace"
	cat "$LSW_DBG/trace" > /tmp/trace.txt || die "reading trace"
	head -n 5 /tmp/trace.txt
	tail -n 1 /tmp/trace.txt
	[ "$(head -n 1 /tmp/trace.txt)" = "# logswap-trace v2" ] || die "trace header"
	recs=$(grep -c '^[wzdfpg]\( \|$\)' /tmp/trace.txt)
	[ "$recs" = "$4" ] || die "trace has $recs records, trace_enable says $4"
	host=$(lsw_gc host_bytes)
	flash=$(lsw_gc flash_bytes)
	wz=$(grep -c '^[wz] ' /tmp/trace.txt)
	[ $((wz * 4096)) = "$host" ] || die "$wz w/z records for host_bytes $host"
	want="end flash_blocks=$((flash / 4096)) host_writes=$((host / 4096)) segments=$(lsw_gc segments) gc_moved=$(lsw_gc blocks_moved) erases=$(lsw_gc erases)"
	[ "$(tail -n 1 /tmp/trace.txt)" = "$want" ] || die "end line differs from debugfs gc: $want"
	log "records: $(cut -c1 /tmp/trace.txt | grep '^[wzdfpg]$' | sort | uniq -c | tr -s ' \n' ' ')"
	gzip -c /tmp/trace.txt > /tmp/trace.gz
	sum=$(sha256sum < /tmp/trace.gz | cut -d' ' -f1)
	echo "LSW-TRACE-BEGIN $1"
	echo "LSW-TRACE-DEBUGFS $1 flash_bytes=$flash host_bytes=$host segments=$(lsw_gc segments) blocks_moved=$(lsw_gc blocks_moved) erases=$(lsw_gc erases) victims=$(lsw_gc victims)"
	base64 < /tmp/trace.gz
	echo "LSW-TRACE-END $1 $sum"
	rm -f /tmp/trace.txt /tmp/trace.gz
	r=$(lsw-wr "$LSW_TE" 0)
	[ "$r" = ok ] || die "trace_enable 0 (free): $r"
	[ "$(cut -d' ' -f1-3 "$LSW_TE")" = "0 off 0" ] || die "trace not freed: $(cat "$LSW_TE")"
}
