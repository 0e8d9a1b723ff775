#!/bin/bash
# Run the test tiers named on the command line (unit, qemu, ...), show each
# tier's output, and close with one line: the sum of their `N passed, N failed`.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
# The kernel a tier runs on, for its summary line.
tier_kernel() {
	case $1 in
	qemu) echo "Debian 12's 6.1" ;;
	qemu-*) echo "${1#qemu-}, tools/kernels/pins" ;;
	kernel) echo "6.1 with mm-patches" ;;
	dkms) echo "6.1, 6.12, 7.2" ;;
	ctl) echo "userspace; test-deb: a 7.2 guest" ;;
	*) echo "userspace" ;;
	esac
}
for tier in "$@"; do
	log=$(mktemp)
	t0=$SECONDS
	echo "=== tier: $tier"
	case "$tier" in
	unit)	make --no-print-directory test-unit 2>&1 | tee "$log" ;;
	qemu)	make --no-print-directory -k test-qemu 2>&1 | tee "$log" ;;
	qemu-6.12|qemu-7.2)
		make --no-print-directory -k "test-$tier" 2>&1 | tee "$log" ;;
	dkms)	make --no-print-directory test-dkms 2>&1 | tee "$log" ;;
	sim)	make --no-print-directory test-sim 2>&1 | tee "$log" ;;
	kernel)	make --no-print-directory test-kernel 2>&1 | tee "$log" ;;
	fuzz)	make --no-print-directory test-fuzz 2>&1 | tee "$log" ;;
	ctl)	make --no-print-directory -k test-ctl test-deb 2>&1 | tee "$log" ;;
	*)	echo "unknown tier $tier" | tee "$log" ;;
	esac
	rc=${PIPESTATUS[0]}
	# Sum every `N passed, N failed` a tier printed (one per run in it).
	sums=$(sed -n 's/^\(.*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*$/\2 \3/p' "$log" |
		awk '{p+=$1; f+=$2} END {print p+0, f+0, NR}')
	read -r p f n <<<"$sums"
	if [ "$n" = 0 ] || { [ "$rc" != 0 ] && [ "$f" = 0 ]; }; then
		echo "tier $tier: exit $rc with no failing count: counted as 1 failure"
		f=$((f + 1))
	fi
	echo "tier $tier ($(tier_kernel "$tier")): $p passed, $f failed in $((SECONDS - t0)) s"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	rm -f "$log"
done
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" = 0 ]
