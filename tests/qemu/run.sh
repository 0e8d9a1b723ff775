#!/bin/bash
# Boot Debian's kernel in QEMU (TCG) with one ZNS and one conventional NVMe
# namespace, run a suite of guest cases, and judge the console log.
#
#   tests/qemu/run.sh [--suite FILE | --case 'NAME ARGS'] [options]
#
#   --suite FILE       suite to bake into the initramfs (default suites/smoke)
#   --case 'NAME ARGS' run just this one case (instead of --suite)
#   --name NAME        names the run directory and prefixes the result line
#   --ko PATH          logswap.ko to ship as /lib/modules/logswap.ko
#   --bin PATH         a static program to ship in /tests/bin (repeatable)
#   --file SRC=DEST    ship the file SRC at the guest path DEST, its mode
#                      kept (repeatable); a dynamic program brings the
#                      libraries ldd names and the ELF interpreter, as
#                      nvme-cli does (e.g. a package's installed files)
#   --kernel PATH      boot this bzImage instead of Debian's (e.g. the
#                      mm-patches kernel of `make kernel`); Debian's modules
#                      still fill the initramfs, built-in drivers need none
#   --fio              include fio (about 80 MB) in the initramfs
#   --mem SIZE         guest memory (default 256M)
#   --zone-size SIZE   ZNS zone size (default 4M)
#   --zone-cap SIZE    ZNS zone capacity (default: the zone size)
#   --max-open N       ZNS max open = max active zones (default 16)
#   --zns-size SIZE    ZNS namespace size (default 256M)
#   --conv-size SIZE   conventional namespace size (default 512M: a 400 MiB
#                      hog in a 256M guest does not fit in 256M of swap)
#   --timeout SECONDS  host-side limit for the whole boot (default 900)
#   --case-timeout S   per-case limit in the guest (default 300)
#   --append ARGS      extra kernel command line, may be given more than once
#                      (NAME=VALUE reach the cases
#                      as environment variables)
#   --build DIR        build directory (default build/qemu at the repo top)
#   --throttle-write BPS  QEMU throttling of writes to both namespaces, in
#                      bytes per second (a slow device: writes queue up)
#   --blkdebug-zns FILE, --blkdebug-conv FILE
#                      put that namespace behind QEMU's blkdebug driver with
#                      FILE's [inject-error] rules (raw format above it; the
#                      conventional one also gets discard=unmap so that
#                      discards reach blkdebug); see README, Fault injection
#
# Prints one line per case and ends with "N passed, N failed" (", N skipped"
# when some were skipped).  Exit 0 only if nothing failed.  The console log
# is kept in BUILD/runs/NAME/console.log.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
BUILD=$TOP/build/qemu
SUITE=$HERE/suites/smoke
CASE=
NAME=
PREFIX=
KO=
BINS=
FILES=
KERNEL_IMG=
FIO=
MEM=256M
ZONE_SIZE=4M
ZONE_CAP=
MAX_OPEN=16
ZNS_SIZE=256M
CONV_SIZE=512M
TIMEOUT=900
CASE_TIMEOUT=300
APPEND=
BLKDEBUG_ZNS=
BLKDEBUG_CONV=
THROTTLE=

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }

while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || case $1 in --fio|-h|--help) ;; *) usage ;; esac
	case $1 in
	--suite) SUITE=$2; shift ;;
	--case) CASE=$2; shift ;;
	--name) NAME=$2; shift ;;
	--ko) KO=$2; shift ;;
	--bin) [ -f "$2" ] || { echo "run.sh: no program $2" >&2; exit 2; }
	       BINS="$BINS $(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
	--file) src=${2%%=*} dest=${2#*=}
		[ "$src" != "$2" ] && [ -f "$src" ] && case $dest in /*) ;; *) false ;; esac ||
			{ echo "run.sh: --file $2: want an existing SRC=/DEST" >&2; exit 2; }
		case $2 in *[[:space:]]*) echo "run.sh: --file $2: no spaces" >&2; exit 2 ;; esac
		FILES="$FILES $(cd "$(dirname "$src")" && pwd)/$(basename "$src")=$dest"; shift ;;
	--kernel) KERNEL_IMG=$2; shift ;;
	--fio) FIO=--fio ;;
	--mem) MEM=$2; shift ;;
	--zone-size) ZONE_SIZE=$2; shift ;;
	--zone-cap) ZONE_CAP=$2; shift ;;
	--max-open) MAX_OPEN=$2; shift ;;
	--zns-size) ZNS_SIZE=$2; shift ;;
	--conv-size) CONV_SIZE=$2; shift ;;
	--timeout) TIMEOUT=$2; shift ;;
	--case-timeout) CASE_TIMEOUT=$2; shift ;;
	--append) APPEND="${APPEND:+$APPEND }$2"; shift ;;
	--build) BUILD=$2; shift ;;
	--blkdebug-zns) BLKDEBUG_ZNS=$2; shift ;;
	--blkdebug-conv) BLKDEBUG_CONV=$2; shift ;;
	--throttle-write) THROTTLE=",throttling.bps-write=$2"; shift ;;
	*) usage ;;
	esac
	shift
done
: "${ZONE_CAP:=$ZONE_SIZE}"

if [ -n "$NAME" ]; then
	NAME=$(echo "$NAME" | tr -c 'A-Za-z0-9_.\n-' _)
	PREFIX="$NAME: "
elif [ -n "$CASE" ]; then
	NAME=case-$(echo "${CASE%% *}" | tr -c 'A-Za-z0-9_.\n-' _)
else
	NAME=$(basename "$SUITE")
fi

# Setup failures still end with a result line.
setup_fail() {
	echo "run.sh: $*" >&2
	echo "${PREFIX}0 passed, 1 failed"
	exit 1
}

mkdir -p "$BUILD/runs/$NAME"
BUILD=$(cd "$BUILD" && pwd)
RUN=$BUILD/runs/$NAME
LOG=$RUN/console.log
rm -f "$LOG" "$RUN"/*.img

command -v qemu-system-x86_64 >/dev/null ||
	setup_fail "qemu-system-x86_64 not found (make deps)"

if [ -n "$CASE" ]; then
	echo "$CASE" > "$RUN/suite"
else
	[ -f "$SUITE" ] || setup_fail "no suite file $SUITE"
	cp "$SUITE" "$RUN/suite"
fi
if [ -n "$KO" ]; then
	[ -f "$KO" ] || setup_fail "no module $KO"
	KO=$(cd "$(dirname "$KO")" && pwd)/$(basename "$KO")
fi

t0=$(date +%s.%N)
kernel=$("$HERE/fetch-kernel.sh" "$BUILD") || setup_fail "fetch-kernel.sh failed"
eval "$kernel"
if [ -n "$KERNEL_IMG" ]; then
	[ -f "$KERNEL_IMG" ] || setup_fail "no kernel image $KERNEL_IMG"
	VMLINUZ=$(cd "$(dirname "$KERNEL_IMG")" && pwd)/$(basename "$KERNEL_IMG")
	KVER="custom ($VMLINUZ)"
fi
t1=$(date +%s.%N)
LSW_KO=$KO LSW_BINS=$BINS LSW_FILES=$FILES "$HERE/mkinitramfs.sh" -b "$BUILD" -o "$RUN/initrd.cpio.gz" \
	$FIO --suite "$RUN/suite" >/dev/null || setup_fail "mkinitramfs.sh failed"
t2=$(date +%s.%N)

truncate -s "$ZNS_SIZE" "$RUN/zns.img" && truncate -s "$CONV_SIZE" "$RUN/conv.img" ||
	setup_fail "cannot create the disk images"

# Drive specs; blkdebug:RULES:IMAGE under the raw format when asked.
ZNS_FILE=$RUN/zns.img
CONV_FILE=$RUN/conv.img
CONV_OPTS=
if [ -n "$BLKDEBUG_ZNS" ]; then
	[ -f "$BLKDEBUG_ZNS" ] || setup_fail "no blkdebug rules $BLKDEBUG_ZNS"
	cp "$BLKDEBUG_ZNS" "$RUN/zns.rules"
	ZNS_FILE=blkdebug:$RUN/zns.rules:$RUN/zns.img
fi
if [ -n "$BLKDEBUG_CONV" ]; then
	[ -f "$BLKDEBUG_CONV" ] || setup_fail "no blkdebug rules $BLKDEBUG_CONV"
	cp "$BLKDEBUG_CONV" "$RUN/conv.rules"
	CONV_FILE=blkdebug:$RUN/conv.rules:$RUN/conv.img
	CONV_OPTS=,discard=unmap
fi

echo "run.sh: $NAME: kernel $KVER, console $LOG" >&2
set +e
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 -accel tcg -m "$MEM" -smp 2 \
	-nographic -no-reboot -nic none \
	-kernel "$VMLINUZ" -initrd "$RUN/initrd.cpio.gz" \
	-append "console=ttyS0 panic=-1 quiet rootfstype=ramfs CASE_TIMEOUT=$CASE_TIMEOUT $APPEND" \
	-device nvme,id=nvme0,serial=zns0,mdts=8,zoned.zasl=8 \
	-drive "file=$ZNS_FILE,id=zns,format=raw,if=none$THROTTLE" \
	-device "nvme-ns,drive=zns,bus=nvme0,nsid=1,zoned=true,zoned.zone_size=$ZONE_SIZE,zoned.zone_capacity=$ZONE_CAP,zoned.max_open=$MAX_OPEN,zoned.max_active=$MAX_OPEN" \
	-device nvme,id=nvme1,serial=conv0 \
	-drive "file=$CONV_FILE,id=conv,format=raw,if=none$CONV_OPTS$THROTTLE" \
	-device nvme-ns,drive=conv,bus=nvme1,nsid=1 \
	< /dev/null > "$LOG" 2>&1 &
qpid=$!
# The guest's results are all on the console once it prints GUEST-DONE;
# its reboot is only the way out.  Measured once: a guest that printed
# GUEST-DONE and never reset (nothing more on the console), which held the
# boot until the host timeout.  So give the reboot 20 s, then stop QEMU.
done_at=
while kill -0 "$qpid" 2>/dev/null; do
	if [ -z "$done_at" ]; then
		grep -q '^GUEST-DONE' "$LOG" 2>/dev/null && done_at=$SECONDS
	elif [ $((SECONDS - done_at)) -ge 20 ]; then
		echo "run.sh: $NAME: GUEST-DONE but no reset after 20 s: stopping QEMU" >&2
		pkill -TERM -P "$qpid" 2>/dev/null
		break
	fi
	sleep 1
done
wait "$qpid"
qrc=$?
set -e
t3=$(date +%s.%N)
rm -f "$RUN/zns.img" "$RUN/conv.img"

awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
	printf "run.sh: fetch %.1fs, initramfs %.1fs, boot to exit %.1fs\n",
		b - a, c - b, d - c }' >&2

# --- judge the console log -------------------------------------------------
CLEAN=$RUN/console.clean
tr -d '\r' < "$LOG" > "$CLEAN"
RESULT_RE='^(not )?ok [0-9]+ - '
SCAN_RE='\bBUG:|kernel BUG at|WARNING:|Oops|Call Trace|KASAN|UBSAN:|Kernel panic'

# Which kernel the guest ran, and on how many CPUs (guest/init's lines).
gkver=$(sed -n 's/^# kernel //p' "$CLEAN" | head -n 1)
gcpus=$(sed -n 's/^# memory .*, cpus //p' "$CLEAN" | head -n 1)
echo "${PREFIX}guest kernel ${gkver:-unknown}, ${gcpus:-?} cpus"
grep -E "$RESULT_RE" "$CLEAN" || true
passed=$(grep -E '^ok [0-9]+ - ' "$CLEAN" | grep -vc ' # SKIP' || true)
skipped=$(grep -cE '^ok [0-9]+ - .* # SKIP' "$CLEAN" || true)
failed=$(grep -cE '^not ok [0-9]+ - ' "$CLEAN" || true)
results=$((passed + failed + skipped))

# Show the output of the failed cases (printed indented before their line).
awk '/^# case [0-9]+: / { out = "" ; next }
     /^    / { out = out $0 "\n"; next }
     /^not ok [0-9]+ - / { printf "--- output of %s\n%s", $0, out; out = "" }' \
	"$CLEAN" >&2

if grep -nE "$SCAN_RE" "$CLEAN" > "$RUN/scan.txt"; then
	echo "run.sh: kernel trouble on the console:" >&2
	head -n 40 "$RUN/scan.txt" >&2
	failed=$((failed + 1))
fi
if ! grep -q '^GUEST-DONE$' "$CLEAN"; then
	if [ $qrc = 124 ] || [ $qrc = 137 ]; then
		echo "run.sh: no GUEST-DONE: host timeout after ${TIMEOUT}s" >&2
	else
		echo "run.sh: no GUEST-DONE: qemu exited with status $qrc" >&2
	fi
	last=$(grep '^# case [0-9]*: ' "$CLEAN" | tail -n 1)
	[ -z "$last" ] || echo "run.sh: last case started: ${last#\# case }" >&2
	tail -n 30 "$CLEAN" >&2
	failed=$((failed + 1))
else
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$CLEAN" | head -n 1)
	if [ "${plan:-0}" -eq 0 ]; then
		echo "run.sh: the suite ran no case" >&2
		failed=$((failed + 1))
	elif [ "$results" -ne "$plan" ]; then
		echo "run.sh: $plan cases planned, $results results parsed" >&2
		failed=$((failed + 1))
	fi
fi
[ "$failed" -eq 0 ] || echo "run.sh: console log: $LOG" >&2

summary="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo "$PREFIX$summary (kernel ${gkver:-unknown})"
[ "$failed" -eq 0 ]
