# lsw-hostile-perms.sh KIND: who may write what, and what debugfs shows.
# Every logswap file under /sys/block/logswap0, /sys/class/logswap-control
# and /sys/kernel/debug/logswap: no group or other write bit; the debugfs
# ones (internals) 0400 or 0600.  As uid 65534 (lsw-nobody drops every
# capability) each writable file refuses to open for writing (EACCES) and
# nothing changes; flash_stat still reads.  No debugfs file prints
# anything that looks like a kernel pointer, before and after some I/O
# and a trace.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-hostile-perms.sh zns|conv}
lsw_setup "$kind" 64M segment_size=64K

ATTRS="backing_dev segment_size erase_unit nr_buffers disksize gc_policy gc_low gc_high wl_threshold reset flash_stat"
files=
for a in $ATTRS; do
	files="$files $LSW_SYS/$a"
done
files="$files $LSW_CTL/hot_add $LSW_CTL/hot_remove"
dbg=$(find /sys/kernel/debug/logswap -type f | sort)
[ -n "$dbg" ] || die "no debugfs files"

snap() {
	for a in $ATTRS; do
		[ "$a" = reset ] || printf '%s=%s\n' "$a" "$(cat "$LSW_SYS/$a")"
	done
	cat "$LSW_DBG/trace_enable"
	ls -d /sys/block/logswap*
}

for f in $files $dbg; do
	[ -e "$f" ] || die "$f missing"
	m=$(stat -c %a "$f")
	case $f in
	/sys/kernel/debug/*) case $m in 400|600) ;; *) die "$f: mode $m, want 0400 or 0600" ;; esac ;;
	*) [ $((0$m & 022)) = 0 ] || die "$f: mode $m has group or other write" ;;
	esac
	printf '%s %s\n' "$m" "$f"
done

# As nobody: every file that root may write refuses; nothing changes.
before=$(snap)
good() { case $1 in */disksize) echo 64M ;; */hot_remove) echo 0 ;; */trace_enable) echo 16 ;; */gc_policy) echo greedy ;; */backing_dev) echo "$LSW_BACKING" ;; */reset) echo 1 ;; *) echo 8 ;; esac; }
nw=0
for f in $files $dbg; do
	m=$(stat -c %a "$f")
	[ $((0$m & 0222)) = 0 ] && continue
	r=$(lsw-nobody -w "$f" "$(good "$f")")
	[ "$r" = open:EACCES ] || die "uid 65534 writing $f: $r, want open:EACCES"
	nw=$((nw + 1))
done
[ "$(snap)" = "$before" ] || die "writes as uid 65534 changed something"
r=$(lsw-nobody -r "$LSW_SYS/flash_stat") || die "uid 65534 cannot read flash_stat"
[ -n "$r" ] || die "uid 65534 read an empty flash_stat"
lsw-nobody -r "$LSW_DBG/gc" >/dev/null 2>&1 && die "uid 65534 can read debugfs gc"
lsw-nobody -r "$LSW_CTL/hot_add" >/dev/null 2>&1 && die "uid 65534 could hot_add"
[ "$(ls -d /sys/block/logswap* | wc -l)" = 1 ] || die "a device appeared"
log "uid 65534: $nw writable files refuse (EACCES), flash_stat readable, debugfs and hot_add not"

# Kernel pointers: 0xffff..., ffff8880..., any 12+ hex digit run.
ptrs() {
	for f in $dbg; do
		case $f in */trace) continue ;; esac	# checked below
		grep -HEi '(0x)?ffff[0-9a-f]{8,}|[0-9a-f]{12,}' "$f" && return 1
	done
	return 0
}
ptrs || die "a debugfs file shows something like a kernel pointer"
[ "$(lsw-wr "$LSW_DBG/trace_enable" 4096)" = ok ] || die "trace_enable 4096"
lsw_pattern /tmp/d 4
run dd if=/tmp/d of="$LSW_DEV" bs=1048576 oflag=direct conv=fsync
run lsw-blk discard "$LSW_DEV" 0 65536
lsw_settle
ptrs || die "a debugfs file shows something like a kernel pointer (after I/O)"
[ "$(lsw-wr "$LSW_DBG/trace_enable" 0)" = ok ] || die "trace_enable 0"
grep -HEi '0x|ffff[0-9a-f]{8,}|[0-9a-f]{12,}' "$LSW_DBG/trace" && die "the trace shows something like a kernel pointer"
log "$(cat $dbg 2>/dev/null | wc -l) debugfs lines: no kernel pointers"
[ "$(lsw-wr "$LSW_DBG/trace_enable" 0)" = ok ] || die "trace_enable 0 (free)"
lsw_check
lsw_finish
