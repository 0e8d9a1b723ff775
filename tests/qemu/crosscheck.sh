#!/bin/bash
# crosscheck.sh [--expect "NAME..."] [--gc "NAME..."] CONSOLE LSW_SIM
#
# Replays, through the simulator (lsw_sim replay: the same core engine on a
# RAM device), every trace the guest printed on CONSOLE between
#   LSW-TRACE-BEGIN NAME
#   LSW-TRACE-DEBUGFS NAME flash_bytes=N host_bytes=N segments=N blocks_moved=N erases=N ...
#   (base64 of the gzip'ed trace, TRACE.md v1)
#   LSW-TRACE-END NAME SHA256-OF-THE-GZIP
# (tests/qemu/cases/lsw-churn.sh ... trace), and checks that the replay
# writes exactly what the driver wrote: flash_blocks = debugfs flash_bytes
# / 4096, and the same host_writes, segments, gc_moved and erases.
# A trace is refused (a failure) if its checksum is wrong, it dropped
# records, a swap slot free raced a flush or GC (unordered), it did not
# start on a fresh engine, or its w/z records do not add up to host_writes.
# Each trace is one test; --expect names traces that must be there (one
# failure each if missing); --gc names traces that must hold background
# GC calls ('g' records: a churn with GC).  The traces are kept next to CONSOLE as
# trace-NAME.txt.  Last line: `N passed, N failed`.
set -u
expect=
want_gc=
while [ $# -gt 2 ]; do
	case $1 in
	--expect) expect=$2 ;;
	--gc) want_gc=$2 ;;
	*) break ;;
	esac
	shift 2
done
[ $# = 2 ] || { echo "usage: $0 [--expect \"NAME...\"] [--gc \"NAME...\"] CONSOLE LSW_SIM" >&2; exit 2; }
console=$1
sim=$2
dir=$(dirname "$console")
pass=0
fail=0

ok() { echo "ok - crosscheck $1"; pass=$((pass + 1)); }
notok() { echo "not ok - crosscheck $1: $2"; fail=$((fail + 1)); }

# key=value from a line of words.
kv() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -n 1; }

check_one() {
	local name=$1 b64 txt gz sum want hdr dbg endl out k sv dv recs wz

	gz=$dir/trace-$name.gz
	txt=$dir/trace-$name.txt
	# Lines between the markers, without the guest's 4-space indent.
	sed -n "s/^[[:space:]]*//; /^LSW-TRACE-BEGIN $name\$/,/^LSW-TRACE-END $name /p" "$console" > "$dir/trace-$name.block"
	want=$(sed -n "s/^LSW-TRACE-END $name \([0-9a-f]\{64\}\)\$/\1/p" "$dir/trace-$name.block")
	dbg=$(grep "^LSW-TRACE-DEBUGFS $name " "$dir/trace-$name.block")
	[ -n "$want" ] && [ -n "$dbg" ] || { notok "$name" "no complete LSW-TRACE block"; return; }
	grep -v '^LSW-TRACE-' "$dir/trace-$name.block" | base64 -d > "$gz" 2>/dev/null ||
		{ notok "$name" "bad base64"; return; }
	sum=$(sha256sum < "$gz" | cut -d' ' -f1)
	[ "$sum" = "$want" ] || { notok "$name" "sha256 $sum, the guest said $want"; return; }
	gzip -dc "$gz" > "$txt" || { notok "$name" "bad gzip"; return; }
	rm -f "$gz" "$dir/trace-$name.block"

	[ "$(head -n 1 "$txt")" = "# logswap-trace v2" ] || { notok "$name" "not a v2 trace"; return; }
	hdr=$(grep -m1 '^# records=' "$txt")
	[ "$(kv dropped "$hdr")" = 0 ] || { notok "$name" "trace dropped records ($hdr)"; return; }
	[ "$(kv unordered "$hdr")" = 0 ] || { notok "$name" "frees raced a flush/GC ($hdr)"; return; }
	recs=$(grep -c '^[wzdfpg]\( \|$\)' "$txt")
	[ "$recs" = "$(kv records "$hdr")" ] || { notok "$name" "$recs records, header says $hdr"; return; }
	for k in flash_blocks host_writes segments gc_moved erases discards; do
		[ "$(kv $k "$(grep -m1 '^# start ' "$txt")")" = 0 ] ||
			{ notok "$name" "trace did not start on a fresh engine"; return; }
	done
	endl=$(grep '^end ' "$txt")
	[ -n "$endl" ] || { notok "$name" "no end line (not stopped)"; return; }
	wz=$(grep -c '^[wz] ' "$txt")
	[ "$wz" = "$(kv host_writes "$endl")" ] || { notok "$name" "$wz w/z records, end host_writes $(kv host_writes "$endl")"; return; }
	if grep -qx "$name" <<<"$(tr ' ' '\n' <<<"$want_gc")"; then
		grep -q '^g ' "$txt" || { notok "$name" "no GC call in the trace"; return; }
	fi

	out=$("$sim" replay "$txt" 2>&1) || { notok "$name" "lsw_sim replay failed: $out"; return; }
	sv() { sed -n "s/^$1: *//p" <<<"$out" | head -n 1; }
	echo "# $name: driver (debugfs) $dbg"
	echo "# $name: lsw_sim replay: $(grep -E '^(flash_blocks|host_writes|segments|gc_moved|erases|waf|divergences?):' <<<"$out" | tr '\n' ' ')"
	local bad=
	[ "$(sv flash_blocks)" = "$(( $(kv flash_bytes "$dbg") / 4096 ))" ] || bad="$bad flash_blocks"
	[ "$(sv host_writes)" = "$(( $(kv host_bytes "$dbg") / 4096 ))" ] || bad="$bad host_writes"
	[ "$(sv segments)" = "$(kv segments "$dbg")" ] || bad="$bad segments"
	[ "$(sv gc_moved)" = "$(kv blocks_moved "$dbg")" ] || bad="$bad gc_moved"
	[ "$(sv erases)" = "$(kv erases "$dbg")" ] || bad="$bad erases"
	# A driven replay flushes on -EAGAIN only where the run did not.
	[ "$(sv divergences)" = 0 ] || bad="$bad divergences=$(sv divergences)"
	if [ -n "$bad" ]; then
		notok "$name" "replay differs from the driver in:$bad"
		return
	fi
	ok "$name (flash_blocks $(sv flash_blocks), segments $(sv segments), gc_moved $(sv gc_moved), erases $(sv erases))"
}

if [ ! -r "$console" ]; then
	notok console "cannot read $console"
elif [ ! -x "$sim" ]; then
	notok sim "no simulator at $sim"
else
	names=$(sed -n 's/^[[:space:]]*LSW-TRACE-BEGIN \([A-Za-z0-9_-]*\)$/\1/p' "$console")
	for n in $expect; do
		grep -qx "$n" <<<"$names" || notok "$n" "no trace on the console"
	done
	for n in $names; do
		check_one "$n"
	done
	[ -n "$names$expect" ] || notok console "no trace on the console"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
