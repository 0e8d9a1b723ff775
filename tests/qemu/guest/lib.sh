# Helpers for case scripts: . /tests/lib.sh
#
# Contract (see tests/qemu/README.md): a case is /tests/cases/NAME.sh, run as
# "sh NAME.sh ARGS..." with stdin /dev/null; exit 0 = pass, 77 = skip (use
# skip), anything else = fail.  ZNS_DEV and CONV_DEV name the namespaces.
# Never print BUG:, WARNING:, Oops, Call Trace or KASAN yourself: the host
# fails the run on such console lines.

log() { echo "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

# backing_dev zns|conv: the device path of that namespace.
# In $(...) die only leaves the subshell: dev=$(backing_dev zns) || exit 1
backing_dev() {
	case $1 in
	zns) [ -n "${ZNS_DEV:-}" ] || die "no ZNS namespace (serial zns0)"
	     echo "$ZNS_DEV" ;;
	conv) [ -n "${CONV_DEV:-}" ] || die "no conventional namespace (serial conv0)"
	      echo "$CONV_DEV" ;;
	*) die "backing_dev: unknown kind '$1' (zns|conv)" ;;
	esac
}

# sysblk DEV: /sys/block directory of /dev/DEV.
sysblk() { echo "/sys/block/${1#/dev/}"; }

# is_zoned DEV: true for a host-managed zoned device.
is_zoned() { [ "$(cat "$(sysblk "$1")/queue/zoned" 2>/dev/null)" = host-managed ]; }

# dev_bytes DEV: size in bytes.
dev_bytes() { echo $(( $(cat "$(sysblk "$1")/size") * 512 )); }

# vmstat NAME: a counter from /proc/vmstat.
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }

# run CMD...: log the command, run it, die if it fails.
run() {
	echo "+ $*"
	"$@" || die "'$*' failed with status $?"
}

# read_range DEV OFFSET LEN: LEN bytes at byte OFFSET of DEV on stdout.
read_range() {
	bs=1048576
	while [ $(( $2 % bs )) -ne 0 ] || [ $(( $3 % bs )) -ne 0 ]; do
		bs=$((bs / 2))
	done
	dd if="$1" bs=$bs skip=$(( $2 / bs )) count=$(( $3 / bs )) 2>/dev/null
}

# check_zeros DEV OFFSET LEN: die unless LEN bytes at OFFSET read as zeros.
check_zeros() {
	got=$(read_range "$1" "$2" "$3" | wc -c)
	[ "$got" -eq "$3" ] || die "check_zeros $*: read $got bytes"
	nz=$(read_range "$1" "$2" "$3" | tr -d '\000' | wc -c)
	[ "$nz" -eq 0 ] || die "check_zeros $*: $nz non-zero bytes"
}

# Logswap module: /lib/modules/logswap.ko (from run.sh --ko), its module
# dependencies listed in /lib/modules/logswap.deps.
LSW_KO=/lib/modules/logswap.ko

# require_ko: skip the case when no logswap.ko was given.
require_ko() { [ -f "$LSW_KO" ] || skip "no logswap.ko (run.sh --ko)"; }

# lsw_load [PARAM=VALUE...]: load the dependencies, then logswap.ko.
lsw_load() {
	require_ko
	for m in $(cat /lib/modules/logswap.deps 2>/dev/null); do
		modprobe "$m" || die "modprobe $m failed"
	done
	insmod "$LSW_KO" "$@" || die "insmod logswap.ko $* failed"
}

# lsw_unload: remove the module (all devices must be reset first).
lsw_unload() { rmmod logswap || die "rmmod logswap failed"; }
