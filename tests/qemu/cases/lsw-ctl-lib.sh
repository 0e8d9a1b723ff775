# lsw-ctl-lib.sh: helpers of the logswapctl cases (lsw-ctl-*.sh).
. /tests/cases/lsw-lib.sh

command -v logswapctl >/dev/null || skip "no logswapctl in /tests/bin (run.sh --bin)"
command -v logswap-generator >/dev/null || skip "no logswap-generator in /tests/bin (run.sh --bin)"

# ctl_expect RC TEXT CMD...: run CMD (logswapctl ...), which must exit RC
# with the fixed string TEXT in its stderr; the output is shown.
ctl_expect() {
	want_rc=$1
	want=$2
	shift 2
	echo "+ $* (expect exit $want_rc)"
	out=$("$@" 2>/tmp/ctl.err)
	r=$?
	sed 's/^/  | /' /tmp/ctl.err
	[ "$r" = "$want_rc" ] || die "'$*' exited $r, want $want_rc"
	grep -qF -- "$want" /tmp/ctl.err || die "'$*': no '$want' in its message"
	! grep -qx 'logswapctl: .*: Invalid argument' /tmp/ctl.err ||
		die "'$*': a bare Invalid argument"
}

# ctl_field DEV COL: one column of logswapctl's --raw --bytes table.
ctl_field() {
	logswapctl --raw --bytes --noheadings -o "$2" "$1" ||
		die "logswapctl -o $2 $1 failed"
}

# lsw_nr_devs: how many logswap devices exist.
lsw_nr_devs() { ls -d /sys/block/logswap* 2>/dev/null | wc -l; }
