# vswap-lib.sh: helpers of the vswap-* cases (mm-patches kernel), sourced
# after lsw-lib.sh.  CK is the driver's check of the table (its only slot
# map) against the engine's accounting: each PHYS word names a valid block,
# none twice, every valid block is named, each LOG word a buffered page of
# its slot.  VS is the kernel's per-tag counters of logswap0's table.
CK=/sys/kernel/debug/logswap_vswap/logswap0
VS=/sys/kernel/debug/vswap/logswap0
ck() { awk -v k="$1" '$1 == k { print $2 }' "$CK"; }
vs() { awk -v k="$1" '$1 == k { print $2 }' "$VS"; }
M=1048576

# vswap_tmpfs_fill: 160 MiB of random data and 64 MiB of zeros in a tmpfs
# at /mnt/vs, pushed out to swap by a 96 MiB hog (256 MiB guest).  Sets
# $want, the data's md5sum.
vswap_tmpfs_fill() {
	mkdir -p /mnt/vs
	run mount -t tmpfs -o size=300M tmpfs /mnt/vs
	run dd if=/dev/urandom of=/tmp/seed bs=$M count=8
	for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do
		cat /tmp/seed >> /mnt/vs/data
	done
	want=$(md5sum < /mnt/vs/data)
	run dd if=/dev/zero of=/mnt/vs/zero bs=$M count=64
	run hog -m 96 -p 1
	lsw_settle
}

# vswap_tmpfs_verify: read both files back (swap-in) and check them.
vswap_tmpfs_verify() {
	[ "$(md5sum < /mnt/vs/data)" = "$want" ] || die "data read back wrong"
	cmp -n $((64 * M)) /mnt/vs/zero /dev/zero || die "zero file not zero"
}

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
