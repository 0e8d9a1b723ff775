# lsw-hostile-bio.sh KIND: bad requests to /dev/logswap0 from user space -
# unaligned (by a byte, by 512 bytes, in memory), past the end, zero-length
# reads and writes, BLKDISCARD/BLKZEROOUT/BLKSECDISCARD with bad ranges,
# a write while swapped on, an fsync before disksize.  Each gets the errno
# the block layer gives (its checks come before the driver's; which errno
# is the 6.1 block layer's, see tests/qemu/README.md), and the device is
# unchanged: flash_stat and every debugfs gc counter read byte-identical
# before and after.  Then a buffered unaligned write, which the page cache
# turns into a whole-block read-modify-write, reads back right.
. /tests/cases/lsw-lib.sh

kind=${1:?usage: lsw-hostile-bio.sh zns|conv}
dev=$(backing_dev "$kind") || exit 1
M=1048576
S=$((64 * M))

lsw_start
snap() { cat "$LSW_SYS/flash_stat" "$LSW_DBG/gc"; }
n=0
# req WANT [-m MISALIGN] OP OFFSET LEN: lsw-bio must print WANT, and
# nothing may change.
req() {
	want=$1
	shift
	m=
	if [ "$1" = -m ]; then
		m="-m $2"
		shift 2
	fi
	before=$(snap)
	r=$(lsw-bio $m "$1" "$LSW_DEV" "$2" "$3")
	[ "$r" = "$want" ] || die "lsw-bio $m $*: '$r', want '$want'"
	after=$(snap)
	[ "$after" = "$before" ] || {
		echo "$before" > /tmp/b; echo "$after" > /tmp/a; diff /tmp/b /tmp/a
		die "lsw-bio $m $* ($r) changed the device"
	}
	n=$((n + 1))
}

# --- no disksize: capacity 0 ---------------------------------------------
req "ok 0" fsync 0 0		# an empty flush has nothing to write back
req "ok 0" dread 0 4096		# EOF
req ENOSPC dwrite 0 4096
req EINVAL discard 0 4096
req EINVAL zeroout 0 4096
log "$n requests to a device without disksize"

lsw_set backing_dev "$dev"
lsw_set segment_size 64K
lsw_set disksize 64M

# --- unaligned -------------------------------------------------------------
for op in dread dwrite; do
	req EINVAL $op 100 4096		# offset not 512-aligned
	req EINVAL $op 0 100		# length not 512-aligned
	req EINVAL $op 512 4096		# 512-aligned, not 4 KiB: the block size
	req EINVAL $op 4096 512
	req EINVAL $op 4096 $((4096 + 512))
	req EINVAL -m 512 $op 4096 4096	# memory not 4 KiB-aligned (dma_alignment)
	req EINVAL -m 1 $op 4096 4096
	req "ok 0" $op 0 0		# zero-length
	req "ok 0" $op $((S - 4096)) 0
	req "ok 0" $op $S 0
	req EINVAL $op 0x8000000000000000 4096	# a negative offset
done
req "ok 0" dread $S 4096		# past the end: EOF
req "ok 0" dread $((S + 4096)) 4096
req "ok 0" dread 0x4000000000000000 4096
req ENOSPC dwrite $S 4096		# past the end: no space
req ENOSPC dwrite $((S + 4096)) 4096
req ENOSPC dwrite 0x4000000000000000 4096
log "$n bad or empty reads and writes"

# --- discard, write-zeroes, secure discard -----------------------------------
for op in discard zeroout; do
	req EINVAL $op 100 4096
	req EINVAL $op 4096 100
	req EINVAL $op 512 4096
	req EINVAL $op 4096 512
	req EINVAL $op 4096 0		# empty
	req EINVAL $op $S 4096		# past the end
	req EINVAL $op $((S - 4096)) 8192	# across the end
	req EINVAL $op 0 $((S + 4096))
	req EINVAL $op 0xfffffffffffff000 8192	# start + len wraps
done
req EOPNOTSUPP secdiscard 0 4096
log "$n requests refused or empty, the device unchanged"
w=$(lsw-kmsg | grep -c 'logswap0: .*\(unaligned\|beyond the end\|without disksize\)')
log "driver bio-edge warnings so far: $w (the block layer refuses first)"

# --- partial: across the end ---------------------------------------------------
r=$(lsw-bio dread "$LSW_DEV" $((S - 4096)) 8192)
[ "$r" = "ok 4096" ] || die "read across the end: $r, want a short read"
r=$(lsw-bio dwrite "$LSW_DEV" $((S - 4096)) 8192)
[ "$r" = "ok 4096" ] || die "write across the end: $r, want a short write"
read_range "$LSW_DEV" $((S - 4096)) 4096 | tr -d Z | wc -c | grep -qx 0 ||
	die "the last slot does not hold the short write"

# --- swapped on: writes refused, reads fine ----------------------------------
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"
req ETXTBSY dwrite $((8 * M)) 4096
req ETXTBSY write $((8 * M)) 4096
r=$(lsw-bio dread "$LSW_DEV" 0 4096)
[ "$r" = "ok 4096" ] || die "read of a swapped-on device: $r"
run swapoff "$LSW_DEV"

# --- buffered and unaligned: the page cache does the read-modify-write -------
lsw_pattern /tmp/d 1
run dd if=/tmp/d of="$LSW_DEV" bs=$M seek=4 oflag=direct
r=$(lsw-bio write "$LSW_DEV" $((4 * M + 100)) 300)
[ "$r" = "ok 300" ] || die "buffered write of 300 bytes at +100: $r"
lsw_drop_caches
{ head -c 100 /tmp/d; printf '%300s' '' | tr ' ' Z; tail -c $((M - 400)) /tmp/d; } > /tmp/e
read_range "$LSW_DEV" $((4 * M)) $M | cmp - /tmp/e ||
	die "buffered unaligned write read back wrong"
log "buffered 300 bytes at +100: the neighbouring 3796 bytes of the block kept"

log "$n requests checked"
lsw_check
lsw_finish
