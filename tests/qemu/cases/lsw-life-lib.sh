# lsw-life-lib.sh: helpers of the lifecycle cases (lsw-life-*.sh); sourced,
# not a case.
. /tests/cases/lsw-lib.sh

now() { cut -d' ' -f1 /proc/uptime; }
# since T: seconds from uptime T to now.
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
avail_mib() { awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo; }
# swap_used_kib: KiB of logswap0 in use as swap (0 when not swapped on).
swap_used_kib() {
	awk -v d="$LSW_DEV" '$1 == d { u = $4 } END { print u + 0 }' /proc/swaps
}

# life_start MIB [MS]: start the lifehog in the background (LIFE_PID),
# sleeping MS ms between passes, and wait until its first pass is written.
# In the hogs cgroup when life_cgroups made one.
life_start() {
	rm -f /tmp/life.stop /tmp/life.ready
	in_hogs lifehog -m "$1" -d "${2:-0}" -f /tmp/life.stop -r /tmp/life.ready > /tmp/lifehog.out 2>&1 &
	LIFE_PID=$!
	i=0
	while [ ! -e /tmp/life.ready ]; do
		kill -0 "$LIFE_PID" 2>/dev/null || die "lifehog: $(cat /tmp/lifehog.out)"
		i=$((i + 1))
		[ $i -le 600 ] || die "lifehog not ready after 60 s"
		sleep 0.1
	done
}

# life_stop WANT: stop the lifehog; its exit status must be WANT (0: every
# page verified).
life_stop() {
	touch /tmp/life.stop
	wait "$LIFE_PID"
	rc=$?
	cat /tmp/lifehog.out
	[ $rc = "$1" ] || die "lifehog: status $rc, expected $1"
	[ "$1" != 0 ] || grep -q 'bad=0$' /tmp/lifehog.out || die "lifehog: bad pages"
}

# life_wait_swapping MIB PID: wait (at most 120 s) until MIB of logswap0
# is in use as swap, while PID runs.
life_wait_swapping() {
	i=0
	while [ "$(swap_used_kib)" -lt $(($1 * 1024)) ]; do
		kill -0 "$2" 2>/dev/null || die "the hog ended before $1 MiB were swapped out"
		i=$((i + 1))
		[ $i -le 1200 ] || die "not $1 MiB swapped out after 120 s"
		sleep 0.1
	done
	log "swapping: $(swap_used_kib) KiB of swap in use, pswpout $(vmstat pswpout)"
}

# life_trap: on exit, kill the hogs (LIFE_PID, HOG_PID) before the usual
# cleanup, so that swapoff is not fighting them.
life_trap() {
	trap 'rc=$?; kill -9 ${LIFE_PID:-} ${HOG_PID:-} 2>/dev/null; wait; lsw_cleanup; exit $rc' EXIT
}

# nvme_ctrl DEV: the NVMe controller (nvmeN) of namespace DEV.
nvme_ctrl() { basename "$(readlink -f "$(sysblk "$1")/device")"; }

# wait_gone PID SECONDS: wait until PID has ended; false on timeout.
wait_gone() {
	i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le $(($2 * 10)) ] || return 1
		sleep 0.1
	done
}

# life_cgroups MIB: a cgroup v2 "hogs" with memory.max MIB, so that what
# in_hogs starts is swapped out by its own limit, with no global memory
# pressure: nothing else (not /init, not the case) goes to swap.  Sets
# LIFE_CG.
LIFE_CG=
life_cgroups() {
	cg=/sys/fs/cgroup
	mkdir -p $cg
	[ -e $cg/cgroup.procs ] || mount -t cgroup2 none $cg || die "no cgroup2"
	echo +memory > $cg/cgroup.subtree_control || die "no memory controller"
	mkdir -p $cg/hogs
	echo "${1}M" > $cg/hogs/memory.max || die "cannot set memory.max"
	LIFE_CG=$cg/hogs
}

# in_hogs CMD... &: exec CMD in the hogs cgroup (if any).  Only in the
# background: exec keeps $! the PID of CMD itself (for kill -USR1).
in_hogs() {
	if [ -n "$LIFE_CG" ]; then
		exec sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$LIFE_CG" "$@"
	else
		exec "$@"
	fi
}

# dump_blocked: name, wchan and kernel stack of every task in D state.
dump_blocked() {
	for s in /proc/[0-9]*/status; do
		d=${s%/status}
		grep -q '^State:.D' "$s" 2>/dev/null || continue
		echo "blocked: ${d#/proc/} $(awk '/^Name:/ { print $2 }' "$s") wchan $(cat "$d/wchan" 2>/dev/null)"
		sed 's/^/    /' "$d/stack" 2>/dev/null
	done
}

# bg_write FILE VALUE SECONDS: lsw-wr FILE VALUE, waiting at most SECONDS;
# prints its result, or "hung" (after dump_blocked) if it is still blocked.
bg_write() {
	lsw-wr "$1" "$2" > /tmp/bg_write.out &
	p=$!
	if ! wait_gone "$p" "$3"; then
		dump_blocked >&2
		echo hung
		return
	fi
	wait "$p"
	cat /tmp/bg_write.out
}

# LIFE_DIAG=1 (run.sh --append LIFE_DIAG=1): every kernel message on the
# console and hung-task reports after 20 s, to see where a hang sits.
if [ -n "${LIFE_DIAG:-}" ]; then
	echo 8 > /proc/sys/kernel/printk
	echo 20 > /proc/sys/kernel/hung_task_timeout_secs
fi
