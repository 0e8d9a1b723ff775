# lsw-tracepoints.sh zns|conv: the logswap tracepoints (logswap_trace.h)
# seen through tracefs, every one with sane fields, their counts checked
# against the debugfs counters of the same run.
#
# Run by suites/tracepoints: 64 MiB namespaces of 1 MiB zones/EUs behind
# blkdebug (tracepoints.zns.rules: writes at EU 2 fail; tracepoints.conv.rules:
# reads of EU 12 block 100 fail).
#
# zns: all events on, 40 zero pages, then GC churn (lsw-churn at 80% fill,
# as many overwrites as slots), then swap (mkswap, swapon, a hog of the RAM
# plus most of the swap), swapoff.  Checks: logswap_store once per stored
# page (zero=1 for the zero pages), flush_submit/complete in pairs with
# blocks <= segment, EU < nr_eus, block in its EU, latency > 0, the
# written blocks and segments equal to debugfs; the write error at EU 2
# (write_error and a failed flush_complete); gc_victim with live < EU size
# and the sysfs policy, as many as debugfs victims; relocate from a victim
# to another EU, at most blocks_moved; erase with per-EU counts 1, 2, 3...
# and as many as debugfs erases.
# conv: 16 MiB stamped pages read back one by one: read_error names
# exactly block 12 * 256 + 100, plus the stores, flushes and erases.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-tracepoints.sh zns|conv}

# --- tracefs -----------------------------------------------------------
TR=/sys/kernel/tracing
[ -e "$TR/events" ] || mount -t tracefs nodev "$TR" 2>/dev/null
[ -e "$TR/events" ] || TR=/sys/kernel/debug/tracing
[ -e "$TR/events" ] || skip "no tracefs"
TP_EVENTS="store flush_submit flush_complete gc_victim relocate erase write_error read_error"

# tp_start: every logswap event on, into an empty 8 MiB-per-CPU buffer.
tp_start() {
	[ -d "$TR/events/logswap" ] || die "no $TR/events/logswap: tracepoints missing"
	for ev in $TP_EVENTS; do
		[ -d "$TR/events/logswap/logswap_$ev" ] || die "no event logswap_$ev"
	done
	echo 0 > "$TR/tracing_on"
	echo 8192 > "$TR/buffer_size_kb" || die "cannot size the trace buffer"
	echo > "$TR/trace"
	echo 1 > "$TR/events/logswap/enable" || die "cannot enable events/logswap"
	echo 1 > "$TR/tracing_on"
	n=0
	for d in "$TR"/events/logswap/logswap_*; do
		[ "$(cat "$d/enable")" = 1 ] || die "$d is not enabled"
		n=$((n + 1))
	done
	log "tracefs $TR: $n logswap events on"
}

# tp_stop: events off; /tmp/tp has one line per event: NAME k=v k=v...
# No event may have been lost (the checks count them).
tp_stop() {
	echo 0 > "$TR/events/logswap/enable"
	echo 0 > "$TR/tracing_on"
	for s in "$TR"/per_cpu/cpu*/stats; do
		o=$(awk '$1 == "overrun:" { print $2 }' "$s")
		[ "${o:-0}" = 0 ] || die "$s: overrun $o: events were lost"
	done
	awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^logswap_[a-z_]+:$/) {
		l = substr($i, 9, length($i) - 9)
		for (j = i + 1; j <= NF; j++) l = l " " $j
		print l; break } }' "$TR/trace" > /tmp/tp
	echo > "$TR/trace"
	log "events: $(wc -l < /tmp/tp) lines"
	for ev in $TP_EVENTS; do
		log "  $ev: $(tp_count "$ev")"
		grep -m 2 "^$ev " /tmp/tp | sed 's/^/    e.g. /'
	done
}

# tp_count NAME: events of that name.
tp_count() { awk -v e="$1" '$1 == e { n++ } END { print n + 0 }' /tmp/tp; }

# tp_check NAME AWK-CONDITION WHAT: every NAME event must satisfy the
# condition (fields as f["key"]); at least one must exist.
tp_check() {
	bad=$(awk -v e="$1" '$1 == e {
		delete f
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			f[kv[1]] = kv[2] ~ /^-?[0-9]+$/ ? kv[2] + 0 : kv[2]
		}
		if (!('"$2"')) { print; exit } }' /tmp/tp)
	[ -z "$bad" ] || die "$1: $3: $bad"
	[ "$(tp_count "$1")" -gt 0 ] || die "no $1 event"
}

# tp_eq WHAT GOT WANT [OF]: GOT events in the trace must equal WANT of OF
# (default: debugfs).
tp_eq() {
	[ "$2" = "$3" ] || die "$1: $2 in the trace, $3 in ${4:-debugfs}"
	log "$1: $2 (= ${4:-debugfs})"
}

# tp_common: the checks of the events both kinds produce.
tp_common() {
	nr_eus=$(lsw_gc nr_eus)
	slots=$(( $(lsw_get disksize) / 4096 ))
	seg=$(( $(lsw_get segment_size) / 4096 ))
	tp_check store "f[\"dev\"] == 0 && f[\"slot\"] < $slots && (f[\"zero\"] == 0 || f[\"zero\"] == 1)" "slot or zero out of range"
	tp_eq "stores" "$(tp_count store)" $(( ($(lsw_gc host_bytes) - host0) / 4096 ))
	tp_check flush_submit "f[\"eu\"] < $nr_eus && f[\"blocks\"] > 0 && f[\"blocks\"] <= $seg && int(f[\"block\"] / $stride) == f[\"eu\"] && f[\"seq\"] > 0 && (f[\"stream\"] == \"hot\" || f[\"stream\"] == \"cold\")" "fields out of range"
	tp_check flush_complete "f[\"eu\"] < $nr_eus && f[\"blocks\"] > 0 && f[\"blocks\"] <= $seg && int(f[\"block\"] / $stride) == f[\"eu\"] && f[\"latency_ns\"] > 0 && f[\"err\"] <= 0" "fields out of range"
	tp_eq "flush_submit" "$(tp_count flush_submit)" "$(tp_count flush_complete)" flush_complete
	# Each complete has its submit (same seq, block, blocks).
	unpaired=$(awk '$1 == "flush_submit" || $1 == "flush_complete" {
		k = $5 " " $6 " " $7; n[k] += ($1 == "flush_submit") ? 1 : -1 }
		END { for (k in n) if (n[k]) { print k; exit } }' /tmp/tp)
	[ -z "$unpaired" ] || die "flush submit/complete unpaired: $unpaired"
	tp_eq "segments written" "$(awk '$1 == "flush_complete" && / err=0$/ { n++ } END { print n + 0 }' /tmp/tp)" $(( $(lsw_gc segments) - seg0 ))
	tp_eq "blocks written" "$(awk '$1 == "flush_complete" && / err=0$/ {
		split($7, kv, "="); n += kv[2] } END { print n + 0 }' /tmp/tp)" $(( ($(lsw_gc flash_bytes) - flash0) / 4096 ))
	tp_check erase "f[\"eu\"] < $nr_eus && f[\"erase_count\"] > 0 && f[\"err\"] <= 0" "fields out of range"
	tp_eq "erases" "$(awk '$1 == "erase" && / err=0$/ { n++ } END { print n + 0 }' /tmp/tp)" $(( $(lsw_gc erases) - erase0 ))
	# The module was loaded for this case: each EU's erase counts 1, 2, ...
	gap=$(awk '$1 == "erase" && / err=0$/ { split($3, a, "="); split($4, c, "=")
		if (c[2] + 0 != ++n[a[2]]) { print; exit } }' /tmp/tp)
	[ -z "$gap" ] || die "erase counts not consecutive: $gap"
	log "latency_ns of flush_complete: $(awk '$1 == "flush_complete" {
		split($8, kv, "="); v = kv[2]; s += v; n++; if (v > m) m = v }
		END { printf "mean %d, max %d, %d writes", s / n, m, n }' /tmp/tp)"
}

extra=
[ "$kind" = conv ] && extra=erase_unit=1M
# shellcheck disable=SC2086
lsw_setup "$kind" max $extra
if [ "$kind" = zns ]; then
	b=$(basename "$LSW_BACKING")
	stride=$(( $(cat "/sys/block/$b/queue/chunk_sectors") / 8 ))
else
	stride=$(( $(lsw_get erase_unit) / 4096 ))
fi
eu_blocks=$(( $(lsw_get erase_unit) / 4096 ))
log "EU stride $stride blocks, EU $eu_blocks blocks"
host0=$(lsw_gc host_bytes)
seg0=$(lsw_gc segments)
flash0=$(lsw_gc flash_bytes)
erase0=$(lsw_gc erases)
[ "$erase0" = 0 ] || die "erases before any write: $erase0"
tp_start

if [ "$kind" = conv ]; then
	# Read error (tracepoints.conv.rules): EU 12, block 100.
	pages=4096
	run lsw-fault fill "$LSW_DEV" 0 $pages 7
	lsw_settle
	spb=$(( $(lsw_get segment_size) / 4096 ))
	slot=$(lsw-fault owner "$LSW_BACKING" $(( 12 * 256 + 100 / spb * spb + spb - 1 )) $((100 % spb))) ||
		die "cannot read the summary of EU 12"
	log "EU 12 block 100 holds slot $slot"
	run lsw-fault verify "$LSW_DEV" 0 $pages 7 "$slot"
	tp_stop
	tp_common
	tp_check read_error "f[\"block\"] == 12 * $stride + 100 && f[\"blocks\"] == 1 && f[\"err\"] < 0" "not the bad block"
	log "read_error events: $(tp_count read_error), debugfs read_errors $(lsw_gc read_errors)"
	[ "$(lsw_gc read_errors)" -ge 1 ] || die "debugfs read_errors 0"
	lsw_check
	lsw_finish
	exit 0
fi

# zns: zero pages, GC churn, then swap.
last=$(( $(lsw_get disksize) / 4096 - 40 ))
run dd if=/dev/zero of="$LSW_DEV" bs=4096 count=40 seek=$last oflag=direct
fill=$(( $(lsw_get disksize) / 4096 * 8 / 10 ))	# slots, then 80%
run lsw-churn "$LSW_DEV" $fill $(( fill * 5 / 4 )) $((fill / 50)) 11
run lsw-blk flush "$LSW_DEV"
lsw_swap_hog 1 3
tp_stop
lsw_show

tp_common
[ "$(awk '$1 == "store" && $4 == "zero=1" { n++ } END { print n + 0 }' /tmp/tp)" -ge 40 ] ||
	die "fewer than 40 zero stores traced"
[ "$(awk '$1 == "store" && $4 == "zero=0" { n++ } END { print n + 0 }' /tmp/tp)" -ge "$fill" ] ||
	die "fewer data stores traced than the fill"
grep -q '^flush_submit .*stream=cold' /tmp/tp || die "no GC (cold) segment write"
# The write error (tracepoints.zns.rules): the first write into EU 2.
tp_check write_error "int(f[\"block\"] / $stride) == 2 && f[\"blocks\"] > 0 && f[\"err\"] < 0" "not in EU 2"
tp_eq "write errors" "$(tp_count write_error)" "$(lsw_gc write_errors)"
grep -q '^flush_complete .* eu=2 .* err=-[0-9]*$' /tmp/tp || die "no failed flush_complete at EU 2"
# GC victims: the configured policy, live below the EU size.
policy=$(sed 's/.*\[\([a-z-]*\)\].*/\1/' "$LSW_SYS/gc_policy")
tp_check gc_victim "f[\"eu\"] < $nr_eus && f[\"eu_blocks\"] == $eu_blocks && f[\"live\"] < f[\"eu_blocks\"] && (f[\"policy\"] == \"$policy\" || f[\"policy\"] == \"wear-level\")" "fields out of range"
tp_eq "gc victims" "$(tp_count gc_victim)" "$(lsw_gc victims)"
# Relocations: from a victim's EU to another EU, at most blocks_moved.
tp_check relocate "f[\"slot\"] < $slots && int(f[\"old\"] / $stride) != int(f[\"new\"] / $stride) && f[\"old\"] < $nr_eus * $stride && f[\"new\"] < $nr_eus * $stride" "fields out of range"
notvictim=$(awk -v s="$stride" '$1 == "gc_victim" { split($3, a, "="); v[a[2]] = 1 }
	$1 == "relocate" { split($4, o, "="); if (!(int(o[2] / s) in v)) { print; exit } }' /tmp/tp)
[ -z "$notvictim" ] || die "relocate from an EU no gc_victim named before: $notvictim"
r=$(tp_count relocate)
[ "$r" -le "$(lsw_gc blocks_moved)" ] || die "$r relocations > blocks_moved $(lsw_gc blocks_moved)"
log "relocations: $r (blocks_moved $(lsw_gc blocks_moved))"
lsw_check
lsw_finish
