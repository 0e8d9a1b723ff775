#!/bin/bash
# make bench-core: timings (median of 5) and callgrind instructions per
# stored page, with the page copies (memcpy) subtracted.
set -eu
bin=$1
out=${BUILD:-build}/bench
mkdir -p "$out"
"$bin"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
	--toggle-collect=lsw_store "$bin" --callgrind >"$out/callgrind.log" 2>&1
stores=$(sed -n 's/^stored //p' "$out/callgrind.log")
callgrind_annotate --inclusive=yes "$out/callgrind.out" >"$out/callgrind.txt" 2>/dev/null
total=$(awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1; exit}' "$out/callgrind.txt")
copy=$(awk '/memcpy|memmove/ && !/lsw_/ {gsub(",","",$1); s+=$1} END {print s+0}' "$out/callgrind.txt")
echo "callgrind_instr_per_store: $(( total / stores ))"
echo "callgrind_instr_per_store_excl_copy: $(( (total - copy) / stores ))"
