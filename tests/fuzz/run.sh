#!/bin/bash
# libFuzzer target on the core engine (README.md, "Fuzzing the core").
#   run.sh BIN fuzz SECONDS        timed run; new inputs -> build/fuzz/corpus
#   run.sh BIN test SECONDS        every seed (tests/fuzz/corpus/) and
#                                  every crash input kept as a regression
#                                  (tests/unit/corpus/) replayed, then a
#                                  timed run; prints `N passed, N failed` last
set -u
cd "$(dirname "$0")/../.."
bin=$1 mode=$2 secs=${3:-300}
seeds=tests/fuzz/corpus
regressions=tests/unit/corpus
work=build/fuzz/corpus
crashes=build/fuzz/crashes/
mkdir -p "$work" "$crashes"
fuzz() {
	# Work corpus first: new units land there, the committed seeds stay.
	nice -n 5 "$bin" "$work" "$seeds" "$regressions" -max_total_time="$1" -max_len=4096 \
		-timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes" 2>&1 |
		grep -Ev '^#[0-9]+.*(NEW|REDUCE)|^INFO: (Loaded|Running with|-max_len)|^"|^#+ .*dictionary'
	return "${PIPESTATUS[0]}"
}
case "$mode" in
fuzz)
	fuzz "$secs"
	exit $?
	;;
test)
	pass=0 fail=0
	for f in "$seeds"/* "$regressions"/*; do
		if "$bin" "$f" >/dev/null 2>build/fuzz/last.log; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL regression $f:"
			grep -E 'fuzz_core:|ERROR|SUMMARY' build/fuzz/last.log
		fi
	done
	echo "regression: $pass inputs passed, $fail failed"
	if fuzz "$secs"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL timed run: crash input saved under $crashes"
	fi
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	;;
*)
	echo "usage: $0 BIN fuzz|test SECONDS" >&2
	exit 2
	;;
esac
