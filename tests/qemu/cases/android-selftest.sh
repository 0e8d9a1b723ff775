# android-selftest.sh: mempressure's integrity check can fail.  With
# --corrupt 5 (a bit flipped in 5 pages before the final check, no swap
# involved) it must exit 1 and report exactly integrity_failures=5; the
# same run without --corrupt must exit 0 with integrity_failures=0.
. /tests/lib.sh

mempressure -n 3 -m 4 -s 10 -t 1 -q > /tmp/mp.out 2>&1
rc=$?
cat /tmp/mp.out
[ $rc = 0 ] && grep -q '^integrity_failures=0$' /tmp/mp.out ||
	die "clean run: status $rc"
mempressure -n 3 -m 4 -s 10 -t 1 -q --corrupt 5 > /tmp/mp.out 2>&1
rc=$?
cat /tmp/mp.out
[ $rc = 1 ] || die "corrupted run exited with $rc, not 1"
grep -q '^integrity_failures=5$' /tmp/mp.out || die "corrupted run: not 5 failures"
log "the checker caught all 5 corrupted pages"
