# lsw-memcg.sh KIND [MIB]: per-cgroup placement (issue 15 item 6).  Two
# memory cgroups (cgroup v2, +memory +io: the swap-out bio is charged to the
# page's memcg's blkcg only where the io controller is on, mm/page_io.c
# bio_associate_blkg_from_page) each run a lifehog of MIB (default 16);
# memory.reclaim pushes them out in turns of 1 MiB, so that their pages
# reach logswap0 interleaved.  The swap slot of every swapped-out page is
# read from /proc/PID/pagemap (swapslots) and mapped to its EU through
# debugfs "slots".  With placement "stream" the two cgroups' pages must sit
# in disjoint EUs of two different groups, each holding its cgroup's blkcg
# id (debugfs "groups"); every page must come back (bad=0).  Negative
# control, the same run with placement "hotcold": the cgroups must share
# EUs, or the check could not tell the policies apart.  Needs CONFIG_MEMCG
# and CONFIG_BLK_CGROUP (Debian's 6.1, the 7.2 test kernel).
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-memcg.sh zns|conv [MIB]}
mib=${2:-16}
cg=/sys/fs/cgroup
mkdir -p $cg
[ -e $cg/cgroup.procs ] || mount -t cgroup2 none $cg || skip "no cgroup2"
for c in memory io; do
	grep -qw $c $cg/cgroup.controllers || skip "no $c controller (CONFIG_MEMCG, CONFIG_BLK_CGROUP)"
done
echo "+memory +io" > $cg/cgroup.subtree_control || die "cannot enable +memory +io: $(cat $cg/cgroup.controllers)"
for c in lswa lswb; do
	[ -d $cg/$c ] || mkdir $cg/$c || die "mkdir $cg/$c"
done
PIDS=

# hog_start CG SEED: a lifehog in cgroup CG, asleep after its first pass.
hog_start() {
	rm -f /tmp/$1.stop /tmp/$1.ready
	sh -c 'echo $$ > "$0/cgroup.procs" && exec lifehog -m "$1" -s "$2" -d 3600000 -f "$3" -r "$4"' \
		"$cg/$1" "$mib" "$2" /tmp/$1.stop /tmp/$1.ready > /tmp/$1.out 2>&1 &
	eval "PID_$1=$!"
	PIDS="$PIDS $!"
}

hog_ready() {
	i=0
	while [ ! -e /tmp/$1.ready ]; do
		i=$((i + 1))
		[ $i -le 600 ] || die "$1: lifehog not ready after 60 s: $(cat /tmp/$1.out)"
		sleep 0.1
	done
}

# hog_stop CG PID: wake the lifehog, which checks and verifies every page.
hog_stop() {
	touch /tmp/$1.stop
	kill -USR1 "$2"
	wait "$2"
	rc=$?
	cat /tmp/$1.out
	[ $rc = 0 ] || die "$1: lifehog status $rc"
	grep -q 'bad=0$' /tmp/$1.out || die "$1: bad pages"
}

anon_kib() { awk '$1 == "anon" { print int($2 / 1024) }' "$cg/$1/memory.stat"; }

# placed POLICY: one run; prints "pages_a flash_a pages_b flash_b
# shared_eus eus_a eus_b groups_a groups_b" on its last line.
placed() {
	# 8 buffers: stream gets 4 groups (at most nr_buffers / 2), one for
	# each cgroup.  With the default 4 (2 groups) one cgroup has group 1
	# and the other, sharing group 0, wears its count down and takes it
	# over: both end up in both groups (that is the bound, not a bug).
	lsw_setup "$kind" 128M nr_buffers=8
	trap 'rc=$?; kill -9 $PIDS 2>/dev/null; wait; lsw_cleanup; exit $rc' EXIT
	lsw_set placement "$1"
	log "placement: $(lsw_get placement)"
	run mkswap "$LSW_DEV" > /dev/null
	run swapon "$LSW_DEV"
	hog_start lswa 21
	hog_start lswb 22
	hog_ready lswa
	hog_ready lswb
	i=0
	while [ $i -lt $((mib * 4)) ]; do
		a=$(anon_kib lswa)
		b=$(anon_kib lswb)
		[ "$a" -lt 512 ] && [ "$b" -lt 512 ] && break
		echo 1M > $cg/lswa/memory.reclaim 2>/dev/null
		echo 1M > $cg/lswb/memory.reclaim 2>/dev/null
		i=$((i + 1))
	done
	log "after $i turns of memory.reclaim: anon lswa $(anon_kib lswa) KiB, lswb $(anon_kib lswb) KiB; swap used $(awk -v d="$LSW_DEV" '$1 == d { print $4 }' /proc/swaps) KiB"
	# The RAM buffers to flash: every page stored gets its EU.
	run lsw-blk flush "$LSW_DEV"
	lsw_settle
	swapslots "$PID_lswa" > /tmp/lswa.slots || die "swapslots lswa"
	swapslots "$PID_lswb" > /tmp/lswb.slots || die "swapslots lswb"
	cat "$LSW_DBG/slots" > /tmp/slots
	tee /tmp/groups < "$LSW_DBG/groups"
	lsw_check
	hog_stop lswa "$PID_lswa"
	hog_stop lswb "$PID_lswb"
	PIDS=
	swapoff "$LSW_DEV" || die "swapoff"
	lsw_finish
	awk '
		FILENAME == "/tmp/slots" { if (FNR > 1) { eu[$1] = $2; st[$1] = $3; gr[$1] = $4 } next }
		{
			c = FILENAME == "/tmp/lswa.slots" ? "a" : "b"
			pages[c]++
			if (!($2 in eu) || st[$2] != "hot")
				next
			flash[c]++
			if (!((c, eu[$2]) in seen)) {
				seen[c, eu[$2]] = 1
				neus[c]++
				owner[eu[$2]] = owner[eu[$2]] c
			}
			if (!((c, gr[$2]) in gseen)) {
				gseen[c, gr[$2]] = 1
				groups[c] = groups[c] (groups[c] == "" ? "" : ",") gr[$2]
			}
		}
		END {
			for (e in owner)
				if (owner[e] == "ab" || owner[e] == "ba")
					shared++
			printf "%d %d %d %d %d %d %d %s %s\n", pages["a"], flash["a"],
			       pages["b"], flash["b"], shared, neus["a"], neus["b"],
			       groups["a"] == "" ? "-" : groups["a"],
			       groups["b"] == "" ? "-" : groups["b"]
		}' /tmp/slots /tmp/lswa.slots /tmp/lswb.slots
}

# The hints are blkcg css ids (not visible from userspace): the groups
# file must show two distinct non-zero hints for the two groups used.
for policy in stream hotcold; do
	(placed "$policy") > /tmp/placed.out 2>&1
	rc=$?
	cat /tmp/placed.out
	[ $rc = 0 ] || die "$policy run failed"
	set -- $(tail -n 1 /tmp/placed.out)
	log "$policy: lswa $2/$1 swapped pages on flash in $6 EUs (groups $8), lswb $4/$3 in $7 EUs (groups $9); EUs shared: $5"
	[ "$1" -ge $((mib * 256 / 2)) ] && [ "$3" -ge $((mib * 256 / 2)) ] ||
		die "$policy: fewer than half the pages swapped out ($1, $3)"
	[ "$2" -ge $(($1 / 2)) ] && [ "$4" -ge $(($3 / 2)) ] ||
		die "$policy: fewer than half the swapped pages found on flash ($2/$1, $4/$3)"
	[ "$6" -ge 2 ] && [ "$7" -ge 2 ] || die "$policy: a cgroup in fewer than 2 EUs"
	if [ "$policy" = stream ]; then
		[ "$5" = 0 ] || die "stream: the two cgroups share $5 EUs"
		case "$8$9" in *,*) die "stream: a cgroup's pages in several groups ($8 / $9)" ;; esac
		[ "$8" != 0 ] && [ "$9" != 0 ] && [ "$8" != "$9" ] ||
			die "stream: groups $8 and $9: not two distinct stream groups"
		ha=$(awk -v g="$8" 'NR > 1 && $1 == g { print $2 }' /tmp/groups)
		hb=$(awk -v g="$9" 'NR > 1 && $1 == g { print $2 }' /tmp/groups)
		log "stream: group $8 holds hint $ha, group $9 hint $hb"
		[ -n "$ha" ] && [ -n "$hb" ] && [ "$ha" != 0 ] && [ "$ha" != "$hb" ] ||
			die "stream: groups file: hints '$ha' and '$hb'"
	else
		# Negative control: without per-cgroup streams the check fails.
		[ "$5" -gt 0 ] || die "negative control: hotcold shows no shared EU, the check cannot fail"
		log "negative control: with hotcold the check fails as it must ($5 EUs shared)"
	fi
done
rmdir $cg/lswa $cg/lswb
log "ok"
