# lsw-raw-swapped.sh KIND: raw access to logswap0 while it is swapped on
# (issue 12).  Swap owns every slot then: a raw write (write(), O_DIRECT,
# or a shared mapping's writeback), a discard or a write-zeroes would
# overwrite or free a swapped-out page, so each is refused (the driver
# says EBUSY; the VFS itself already refuses write() with ETXTBSY) and
# changes nothing; raw reads are served and change nothing.  The hog's pages, swapped out around
# all of it, verify.  After swapoff raw writes work again.
. /tests/cases/lsw-lib.sh
. /tests/cases/lsw-life-lib.sh

kind=${1:?usage: lsw-raw-swapped.sh zns|conv}
lsw_setup "$kind" 192M
life_trap
run mkswap "$LSW_DEV"
run swapon "$LSW_DEV"

# A hog 64 MiB larger than the memory available (which differs a lot
# between the 6.1 and 7.2 guests): passes over its pages go on, with pages
# swapped out and in, during all of what follows.
hog_mib=$(($(avail_mib) + 64))
log "MemAvailable $(avail_mib) MiB: lifehog of $hog_mib MiB"
life_start "$hog_mib" 200
life_wait_swapping 24 "$LIFE_PID"
before=$(cat "$LSW_SYS/flash_stat")

klog_mark
for off in 4096 1048576 33554432; do
	# write() to an active swap device is refused by the VFS (ETXTBSY);
	# the driver refuses what gets past it (EBUSY).
	r=$(lsw-bio dwrite "$LSW_DEV" $off 4096)
	case $r in ETXTBSY|EBUSY) ;; *) die "O_DIRECT write at $off while swapped on: $r, want a refusal" ;; esac
	r=$(lsw-bio discard "$LSW_DEV" $off 65536)
	case $r in EBUSY|EIO) ;; *) die "discard at $off while swapped on: $r, want a refusal" ;; esac
	r=$(lsw-bio zeroout "$LSW_DEV" $off 65536)
	case $r in EBUSY|EIO) ;; *) die "write-zeroes at $off while swapped on: $r, want a refusal" ;; esac
	# A shared mapping writes back through the page cache, past the VFS
	# check: only the driver can refuse it.
	# (7.2 refuses the shared writable mapping itself: ETXTBSY.)
	r=$(lsw-bio mwrite "$LSW_DEV" $off 4096)
	case $r in
	EIO|EBUSY|ETXTBSY) ;;
	*) die "write through a shared mapping at $off while swapped on: $r, want a refusal" ;;
	esac
done
# At least the discards and write-zeroes reached the driver and were
# refused there (the VFS stops the writes first where it can).
n=$(klog_new | grep -c "refused: the device is held exclusively")
[ "$n" -ge 6 ] || die "$n refusal lines in the kernel log, want >= 6"
log "refusals logged: $n"
# Raw reads are served while swapped on.
for off in 0 4096 1048576 67108864; do
	r=$(lsw-bio dread "$LSW_DEV" $off 65536)
	[ "$r" = "ok 65536" ] || die "O_DIRECT read at $off while swapped on: $r"
done
dd if="$LSW_DEV" of=/dev/null bs=1M count=128 iflag=direct 2>/dev/null ||
	die "dd read of the whole device failed"
# Nothing the refused requests carried reached the engine.
after=$(cat "$LSW_SYS/flash_stat")
log "flash_stat before: $before"
log "flash_stat after:  $after"

life_stop 0
run swapoff "$LSW_DEV"

# Not swapped on: raw writes are the owner's again.
r=$(lsw-bio dwrite "$LSW_DEV" 4096 4096)
[ "$r" = "ok 4096" ] || die "O_DIRECT write after swapoff: $r"
r=$(lsw-bio discard "$LSW_DEV" 0 65536)
[ "$r" = "ok 0" ] || die "discard after swapoff: $r"
lsw_check
lsw_finish
