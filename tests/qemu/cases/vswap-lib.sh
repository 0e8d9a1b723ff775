# vswap-lib.sh: helpers of the vswap-* cases (mm-patches kernel), sourced
# after lsw-lib.sh.  CK is the driver's check of the table (its only slot
# map) against the engine's accounting: each PHYS word names a valid block,
# none twice, every valid block is named, each LOG word a buffered page of
# its slot.  VS is the kernel's per-tag counters of logswap0's table.
CK=/sys/kernel/debug/logswap_vswap/logswap0
VS=/sys/kernel/debug/vswap/logswap0
ck() { awk -v k="$1" '$1 == k { print $2 }' "$CK"; }

# vswap_checked SECONDS OUT CMD...: run CMD in the background (output to
# OUT); every SECONDS stop it and, with the flush and GC workers idle,
# require every slot's table word to agree with the engine (CK).  Dies
# on a mismatch, on CMD failing, or when CMD ended before any check.
# Sets $checks.
vswap_checked() {
	local every=$1 out=$2 pid rc m
	shift 2
	"$@" > "$out" 2>&1 &
	pid=$!
	trap 'rc=$?; kill -9 '$pid' 2>/dev/null; lsw_cleanup; exit $rc' EXIT
	checks=0
	while kill -0 $pid 2>/dev/null; do
		sleep "$every"
		kill -STOP $pid 2>/dev/null || break
		lsw_settle 30
		m=$(ck mismatch)
		log "stopped: mismatch $m, phys_match $(ck phys_match), log_match $(ck log_match), gc moved $(lsw_gc blocks_moved)"
		[ "$m" = 0 ] || die "table and engine disagree on $m slots, first $(ck first_mismatch)"
		checks=$((checks + 1))
		kill -CONT $pid 2>/dev/null
	done
	wait $pid
	rc=$?
	cat "$out"
	[ "$rc" = 0 ] || die "$1 exit $rc"
	[ "$checks" -gt 0 ] || die "$1 ended before any check"
}
