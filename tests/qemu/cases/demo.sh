# demo.sh: what `make demo` shows.  Stock swapon refuses the ZNS
# namespace; logswapctl sets logswap up on it, swapon, a memory hog
# through swap while WAF and free erase units are sampled every second,
# the zone write pointers, sparklines of the samples, and logswapctl's
# table.
. /tests/cases/lsw-lib.sh

command -v logswapctl >/dev/null || die "no logswapctl in /tests/bin (run.sh --bin)"

log "== stock swapon on the ZNS namespace $ZNS_DEV (expected to fail):"
mkswap "$ZNS_DEV" >/dev/null 2>&1
swapon "$ZNS_DEV" 2>&1 && die "stock swapon accepted a zoned device"

log "== logswap on $ZNS_DEV"
lsw_start
dev=$(logswapctl --find --backing "$ZNS_DEV") || die "logswapctl --find failed"
echo "+ logswapctl --find --backing $ZNS_DEV"
echo "$dev"
run mkswap "$dev"
run swapon "$dev"
cat /proc/swaps

# One sample a second: WAF FREE-EU NR-EU STORED (bytes).
rm -f /tmp/demo.stop /tmp/demo.samples
( while [ ! -e /tmp/demo.stop ]; do
	logswapctl --raw --bytes --noheadings -o WAF,FREE-EU,NR-EU,STORED "$dev" >> /tmp/demo.samples
	sleep 1
  done ) &
spid=$!
run hog -m 256 -p 2 -s 1 || die "memory hog failed"
touch /tmp/demo.stop
wait $spid

log "== zone write pointers (first 12 zones)"
nvme zns report-zones "$ZNS_DEV" -d 12

# sparkline NAME FIELD LOW HIGH [MIN-STORED]: a row of ▁..█ for FIELD of
# the samples with at least MIN-STORED bytes stored, scaled from LOW to
# HIGH ("" = the samples' own minimum / maximum), at most 64 columns (the
# samples are thinned evenly).
sparkline() {
	awk -v name="$1" -v f="$2" -v lo="$3" -v hi="$4" -v st="${5:-0}" '
	BEGIN { n = 0; split("\342\226\201 \342\226\202 \342\226\203 \342\226\204 \342\226\205 \342\226\206 \342\226\207 \342\226\210", b, " ") }
	$f != "-" && $4 >= st + 0 { r[n] = $f; v[n++] = $f + 0 }
	END {
		if (!n) { printf "%-8s (no sample)\n", name; exit }
		mn = v[0]; mx = v[0]; rmn = r[0]; rmx = r[0]
		for (i = 1; i < n; i++) {
			if (v[i] < mn) { mn = v[i]; rmn = r[i] }
			if (v[i] > mx) { mx = v[i]; rmx = r[i] }
		}
		l = lo == "" ? mn : lo; h = hi == "" ? mx : hi
		w = n > 64 ? 64 : n
		s = ""
		for (c = 0; c < w; c++) {
			x = v[int(c * n / w)]
			k = h > l ? int((x - l) * 7 / (h - l) + 0.5) + 1 : 1
			if (k < 1) k = 1
			if (k > 8) k = 8
			s = s b[k]
		}
		printf "%-8s %s  min %s max %s last %s (%d samples, 1 s apart)\n", name, s, rmn, rmx, r[n - 1], n
	}' /tmp/demo.samples
}
nr=$(tail -n 1 /tmp/demo.samples | awk '{ print $3 }')
log "== WAF and free erase units (of $nr) over the run"
# WAF from 1 MiB stored on: mkswap's first page alone has a WAF of 2.
sparkline WAF 1 "" "" 1048576
sparkline FREE-EU 2 0 "$nr"
[ "$(wc -l < /tmp/demo.samples)" -ge 2 ] || die "fewer than 2 samples"

log "== logswapctl"
logswapctl
run swapoff "$dev"
run logswapctl --reset "$dev"
lsw_finish
