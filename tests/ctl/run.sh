#!/bin/bash
# Host test of tools/logswapctl: logswap-generator on sample configs (good
# and bad) in a temp dir, the units it writes and its errors; logswapctl's
# refusals that need no kernel (usage, values, config file, no module).
#
#   tests/ctl/run.sh BINDIR      (BINDIR holds logswapctl, logswap-generator)
#
# Ends with one line "N passed, N failed"; exit 0 only if nothing failed.
set -u
BIN=$(cd "${1:?usage: $0 BINDIR}" && pwd)
GEN=$BIN/logswap-generator
CTL=$BIN/logswapctl
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }

# gen NAME CONFIG-TEXT: run the generator on it into $T/NAME/out;
# sets rc, err (stderr), out (the directory).
gen() {
	d=$T/$1
	mkdir -p "$d/out"
	printf '%s' "$2" > "$d/logswap.conf"
	out=$d/out
	err=$(LOGSWAP_CONFIG=$d/logswap.conf "$GEN" "$out" "$d/early" "$d/late" 2>&1)
	rc=$?
}

# expect_bad NAME CONFIG ERROR-LINE: exit 1, the line in stderr, no unit.
expect_bad() {
	gen "$1" "$2"
	local conf=$T/$1/logswap.conf
	local want=${3//@/$conf}
	local n
	n=$(find "$out" -mindepth 1 | wc -l)
	if [ "$rc" = 1 ] && grep -qxF -- "$want" <<<"$err" && [ "$n" = 0 ]; then
		ok "generator refuses: $1"
	else
		bad "generator refuses: $1" "rc=$rc (want 1), $n files written (want 0)" \
			"want line: $want" "stderr: $err"
	fi
}

# --- good configurations ----------------------------------------------------
gen good '# two devices
[logswap0]
backing-device = /dev/nvme0n2
segment-size = 1M
size = max
gc-policy = cost-benefit
swap-priority = 100

  ; an indented comment, blanks around = and at the ends
[ logswap3 ]
	backing-device=/dev/disk/by-id/nvme-QEMU_NVMe_Ctrl_conv0-part1   
size = 2G
'
svc0=$out/logswap-setup-logswap0.service
svc3=$out/logswap-setup-logswap3.service
if [ "$rc" = 0 ] && [ -z "$err" ]; then ok "generator: good config, exit 0, silent"; else bad "generator: good config" "rc=$rc" "$err"; fi
want="ExecStart=/usr/sbin/logswapctl --setup-from-config logswap0 --config $T/good/logswap.conf"
if grep -qxF "$want" "$svc0"; then ok "service: ExecStart runs logswapctl --setup-from-config"; else bad "service ExecStart" "want: $want" "$(cat "$svc0" 2>&1)"; fi
for l in '[Unit]' '[Service]' 'Type=oneshot' 'RemainAfterExit=yes' 'DefaultDependencies=no' \
	'ExecStartPre=-/sbin/modprobe logswap' 'ExecStop=/usr/sbin/logswapctl --reset /dev/logswap0' \
	'BindsTo=dev-nvme0n2.device' 'After=dev-nvme0n2.device systemd-modules-load.service' \
	'Before=dev-logswap0.swap' 'Description=logswap device /dev/logswap0 on /dev/nvme0n2'; do
	if grep -qxF -- "$l" "$svc0"; then ok "service logswap0: $l"; else bad "service logswap0: $l" "$(cat "$svc0" 2>&1)"; fi
done
sw0=$out/dev-logswap0.swap
for l in '[Swap]' 'What=/dev/logswap0' 'Priority=100' 'Requires=logswap-setup-logswap0.service' \
	'After=logswap-setup-logswap0.service'; do
	if grep -qxF -- "$l" "$sw0"; then ok "swap unit logswap0: $l"; else bad "swap unit logswap0: $l" "$(cat "$sw0" 2>&1)"; fi
done
if [ "$(readlink "$out/swap.target.wants/dev-logswap0.swap")" = ../dev-logswap0.swap ] &&
   [ -f "$out/swap.target.wants/dev-logswap0.swap" ]; then
	ok "swap.target.wants/dev-logswap0.swap links to the unit"
else
	bad "swap.target.wants link" "$(ls -l "$out/swap.target.wants" 2>&1)"
fi
# The second section: no priority line, its own device, an escaped path.
esc='dev-disk-by\x2did-nvme\x2dQEMU_NVMe_Ctrl_conv0\x2dpart1.device'
if grep -qxF "BindsTo=$esc" "$svc3"; then ok "service logswap3: backing path escaped as systemd does"; else bad "logswap3 BindsTo" "want BindsTo=$esc" "$(grep BindsTo "$svc3" 2>&1)"; fi
if command -v systemd-escape >/dev/null; then
	e=$(systemd-escape --path --suffix=device /dev/disk/by-id/nvme-QEMU_NVMe_Ctrl_conv0-part1)
	if [ "$e" = "$esc" ]; then ok "systemd-escape agrees: $e"; else bad "systemd-escape says $e"; fi
fi
if [ -f "$out/dev-logswap3.swap" ] && ! grep -q '^Priority=' "$out/dev-logswap3.swap" &&
   grep -qxF 'What=/dev/logswap3' "$out/dev-logswap3.swap"; then
	ok "swap unit logswap3: What=/dev/logswap3, no Priority= without swap-priority"
else
	bad "swap unit logswap3" "$(cat "$out/dev-logswap3.swap" 2>&1)"
fi
n=$(find "$out" -type f | wc -l)
if [ "$n" = 4 ]; then ok "4 unit files for 2 sections"; else bad "unit files: $n, want 4" "$(find "$out")"; fi
if [ ! -e "$T/good/early" ] && [ ! -e "$T/good/late" ]; then ok "nothing in the early and late dirs"; else bad "early/late dirs touched"; fi

# systemd's own check of the units (logswapctl's path pointed at this
# build, as the real one is not installed here).
if command -v systemd-analyze >/dev/null; then
	mkdir -p "$T/verify"
	for f in "$svc0" "$sw0"; do
		sed "s|/usr/sbin/logswapctl|$CTL|" "$f" > "$T/verify/${f##*/}"
	done
	got=$(cd "$T/verify" && timeout 60 systemd-analyze verify --man=no \
		"$T/verify/logswap-setup-logswap0.service" "$T/verify/dev-logswap0.swap" 2>&1); r=$?
	if [ "$r" = 0 ] && [ -z "$got" ]; then ok "systemd-analyze verify: the units are clean"; else bad "systemd-analyze verify" "rc=$r" "$got"; fi
fi

# A config path with a blank and a % is quoted for Exec= and %%-escaped.
mkdir -p "$T/odd dir"
printf '[logswap0]\nbacking-device = /dev/vdb\n' > "$T/odd dir/a%b.conf"
mkdir -p "$T/odd/out"
LOGSWAP_CONFIG="$T/odd dir/a%b.conf" "$GEN" "$T/odd/out"
want="ExecStart=/usr/sbin/logswapctl --setup-from-config logswap0 --config \"$T/odd dir/a%%b.conf\""
if grep -qxF -- "$want" "$T/odd/out/logswap-setup-logswap0.service"; then ok "odd config path quoted in ExecStart"; else bad "odd path" "want: $want" "$(grep ExecStart "$T/odd/out/logswap-setup-logswap0.service")"; fi

# No configuration file: nothing to do, exit 0.
mkdir -p "$T/none/out"
err=$(LOGSWAP_CONFIG=$T/none/logswap.conf "$GEN" "$T/none/out" 2>&1); rc=$?
if [ "$rc" = 0 ] && [ -z "$err" ] && [ -z "$(ls -A "$T/none/out")" ]; then ok "no config file: exit 0, no unit"; else bad "no config file" "rc=$rc" "$err"; fi
# An empty one, or comments only: the same.
gen empty '# nothing yet
'
if [ "$rc" = 0 ] && [ -z "$(ls -A "$out")" ]; then ok "comments only: exit 0, no unit"; else bad "comments only" "rc=$rc" "$err"; fi

err=$("$GEN" 2>&1); rc=$?
if [ "$rc" = 2 ] && grep -q '^usage: logswap-generator NORMAL-DIR' <<<"$err"; then ok "generator without a directory: usage, exit 2"; else bad "generator usage" "rc=$rc" "$err"; fi

# --- bad configurations: exit 1, a line naming file:line, no unit -------
B='backing-device = /dev/nvme0n2'
expect_bad unknown-key "[logswap0]
$B
compression = lz4
" "@:3: unknown key 'compression' (keys: backing-device, segment-size, size, gc-policy, swap-priority)"
expect_bad bad-size "[logswap0]
$B
size = 12Q
" "@:3: size = '12Q': a size in bytes with an optional K, M, G or T suffix, or max"
expect_bad size-zero "[logswap0]
$B
size = 0
" "@:3: size = '0': a size in bytes with an optional K, M, G or T suffix, or max"
expect_bad size-overflow "[logswap0]
$B
size = 99999999999999T
" "@:3: size = '99999999999999T': a size in bytes with an optional K, M, G or T suffix, or max"
expect_bad missing-backing "# no backing device
[logswap0]
size = 1G
" "@:2: [logswap0] has no backing-device (the block device logswap writes to, e.g. backing-device = /dev/nvme0n2)"
expect_bad duplicate-section "[logswap0]
$B

[logswap0]
backing-device = /dev/nvme1n1
" "@:4: section [logswap0] again (first at line 1): one section per device"
expect_bad duplicate-key "[logswap0]
$B
size = 1G
size = 2G
" "@:4: size given twice in [logswap0] (first at line 3)"
expect_bad placement "[logswap0]
$B
placement = hot-cold
" "@:3: placement: not supported: the logswap driver has no placement attribute in sysfs yet (no kernel support for data placement hints); remove the key"
expect_bad segment-size "[logswap0]
$B
segment-size = 3M
" "@:3: segment-size = '3M': a power of two from 16K to 2M (K, M suffixes), e.g. 1M"
expect_bad gc-policy "[logswap0]
$B
gc-policy = lru
" "@:3: gc-policy = 'lru': greedy or cost-benefit"
expect_bad priority "[logswap0]
$B
swap-priority = 40000
" "@:3: swap-priority = '40000': a number from -1 to 32767 (as swapon -p takes it)"
expect_bad relative-backing "[logswap0]
backing-device = nvme0n2
" "@:2: backing-device = 'nvme0n2': an absolute path of a block device, e.g. /dev/nvme0n2 or /dev/disk/by-id/..."
expect_bad section-name "[zram0]
$B
" "@:1: section [zram0]: a section names its device, logswap0 to logswap255"
expect_bad section-leading-zero "[logswap01]
$B
" "@:1: section [logswap01]: a section names its device, logswap0 to logswap255"
expect_bad key-before-section "$B
[logswap0]
$B
" "@:1: backing-device: a key before the first [logswapN] section"
expect_bad garbage-line "[logswap0]
$B
swap on please
" "@:3: 'swap on please': expected [logswapN] or key = value"
expect_bad header-trailer "[logswap0] extra
$B
" "@:1: '[logswap0] extra': a section header is [logswapN] alone on its line"
expect_bad empty-value "[logswap0]
$B
gc-policy =
" "@:3: gc-policy has no value"
# One good section and one bad: still nothing written, and the count.
expect_bad one-bad-of-two "[logswap0]
$B
[logswap1]
$B
size = big
swap-priority = high
" "logswap-generator: @: 2 errors: no units written (logswap.conf(5))"

# --- logswapctl refusals that need no kernel ----------------------------
# ctl NAME RC LINE ARGS...: exit RC and LINE (a fixed string) in stderr.
ctl() {
	local name=$1 want_rc=$2 want=$3 got r
	shift 3
	got=$("$CTL" "$@" 2>&1 >/dev/null); r=$?
	if [ "$r" = "$want_rc" ] && grep -qF -- "$want" <<<"$got"; then
		ok "logswapctl $name: exit $r"
	else
		bad "logswapctl $name" "rc=$r (want $want_rc), want: $want" "got: $got"
	fi
}
ctl "--find without --backing" 2 "logswapctl: --find needs --backing DEV" --find
ctl "--find --backing missing" 2 "logswapctl: backing device /nonexistent: No such file or directory (ENOENT)" --find --backing /nonexistent
ctl "--find --backing /dev/null" 2 "logswapctl: backing device /dev/null: not a block device" --find --backing /dev/null
ctl "bad --size" 2 "logswapctl: --size '10Q': not a size" --find --backing /dev/null --size 10Q
ctl "bad --size hint" 2 "hint: a number of bytes with an optional K, M, G or T suffix, or max" --find --size 10Q
ctl "bad --segment-size" 2 "logswapctl: --segment-size '3M': not a segment size" --find --segment-size 3M
ctl "bad --gc-policy" 2 "hint: greedy or cost-benefit" --find --gc-policy lru
ctl "unknown column" 2 "logswapctl: --output: unknown column 'BOGUS'" -o NAME,BOGUS
ctl "two modes" 2 "logswapctl: --find and --reset do not go together" --find --reset
ctl "--wait without --gc" 2 "logswapctl: --wait and --timeout go with --gc" --wait
ctl "--backing without --find" 2 "logswapctl: --backing, --segment-size, --size and --gc-policy go with --find" --backing /dev/sda
ctl "--reset without device" 2 "logswapctl: --reset needs exactly one device, e.g. --reset /dev/logswap0" --reset
ctl "--reset not logswap" 2 "logswapctl: '/dev/sda' is not a logswap device: give /dev/logswapN" --reset /dev/sda
ctl "--timeout 0" 2 "logswapctl: --timeout '0': not a number of seconds" --gc --timeout 0 /dev/logswap0
ctl "--json --raw" 2 "logswapctl: --json and --raw do not go together" --json --raw
ctl "unknown option" 2 "hint: logswapctl --help lists the options" --frobnicate
ctl "bad section name" 2 "logswapctl: --setup-from-config 'zram0': a section is named after its device" --setup-from-config zram0
printf '[logswap0]\nbackin-device = /dev/vdb\n' > "$T/typo.conf"
ctl "config with an error" 3 "$T/typo.conf:2: unknown key 'backin-device'" --setup-from-config logswap0 --config "$T/typo.conf"
ctl "config with an error: summary" 3 "logswapctl: $T/typo.conf: 2 errors: nothing was set up (logswap.conf(5))" --setup-from-config logswap0 --config "$T/typo.conf"
ctl "config missing" 3 "logswapctl: cannot open the configuration $T/nope.conf: No such file or directory (ENOENT)" --setup-from-config logswap0 --config "$T/nope.conf"
printf '[logswap0]\nbacking-device = /dev/vdz9\n' > "$T/ok.conf"
ctl "no such section" 3 "logswapctl: $T/ok.conf: no section [logswap1]" --setup-from-config logswap1 --config "$T/ok.conf"
ctl "section's backing missing" 3 "logswapctl: backing device /dev/vdz9: No such file or directory (ENOENT)" --setup-from-config logswap0 --config "$T/ok.conf"
if [ ! -e /sys/class/logswap-control ]; then
	# This host has no logswap module (the guest tests the rest).
	ctl "no module: --reset" 4 "logswapctl: the logswap module is not loaded (no /sys/class/logswap-control): run modprobe logswap" --reset /dev/logswap0
	got=$("$CTL" 2>&1); r=$?
	if [ "$r" = 0 ] && [ -z "$got" ]; then ok "no module: the table is empty, exit 0"; else bad "no module: table" "rc=$r" "$got"; fi
	got=$("$CTL" --json 2>&1); r=$?
	if [ "$r" = 0 ] && python3 -c 'import json,sys; d=json.load(sys.stdin); assert d == {"logswapdevices": []}, d' <<<"$got"; then
		ok "no module: --json is {\"logswapdevices\": []}"
	else
		bad "no module: --json" "rc=$r" "$got"
	fi
fi
got=$("$CTL" --help); r=$?
if [ "$r" = 0 ] && grep -q '^Exit status: 0 ok, 1 refused or failed, 2 usage, 3 configuration file,' <<<"$got" &&
   grep -q '    FREE-EU  erase units free now' <<<"$got"; then ok "--help: columns and exit codes, exit 0"; else bad "--help" "rc=$r"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
