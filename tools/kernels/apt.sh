#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# apt-get/apt-cache through a private apt configuration under build/apt that
# adds Debian's trixie and sid suites.  The machine's own apt sources are
# never changed: the archive's address is read from them.
#
#   tools/kernels/apt.sh update
#   tools/kernels/apt.sh get|cache ARGS...
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APT=$ROOT/build/apt
SUITES="trixie sid"

archive_uri() {
	# deb822 sources first (Debian 12's default), then one-line sources.
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f"
	done
}

setup() {
	uri=$(archive_uri | grep -v -- '-security' | grep '/debian/*$' | head -n 1)
	[ -n "$uri" ] || { echo "apt.sh: no Debian archive in the machine's apt sources" >&2; exit 1; }
	mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
	key=/usr/share/keyrings/debian-archive-keyring.gpg
	: > "$APT/sources.list.new"
	for s in $SUITES; do
		echo "deb [signed-by=$key] $uri $s main" >> "$APT/sources.list.new"
	done
	mv "$APT/sources.list.new" "$APT/sources.list"
}

opts() {
	echo "-o Dir::Etc::sourcelist=$APT/sources.list -o Dir::Etc::sourceparts=-" \
	     "-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache" \
	     "-o APT::Sandbox::User=root -q"
}

[ $# -ge 1 ] || { echo "usage: $0 update | get ARGS | cache ARGS" >&2; exit 2; }
cmd=$1
shift
case $cmd in
update)
	setup
	# shellcheck disable=SC2046
	apt-get $(opts) update >/dev/null
	;;
get)
	[ -f "$APT/sources.list" ] || "$0" update
	# shellcheck disable=SC2046
	apt-get $(opts) "$@"
	;;
cache)
	[ -f "$APT/sources.list" ] || "$0" update
	# shellcheck disable=SC2046
	apt-cache $(opts) "$@"
	;;
*) echo "usage: $0 update | get ARGS | cache ARGS" >&2; exit 2 ;;
esac
