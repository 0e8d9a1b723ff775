# lsw-swaptrace.sh KIND: a trace of real swap traffic for the cross-check.
#
# logswap0 at its largest size on KIND (the churn suite's 64 MiB
# namespaces), the trace recorder on from before mkswap to after swapoff,
# and a memory hog of the available RAM plus most of the swap, 3 passes:
# swap-outs are stores, swap slot frees (swap_slot_free_notify, under the
# swap lock) are 'd' records, and the flush and GC workers' calls are
# recorded in the order the engine ran them.  The hog must get every page
# back; the trace is printed as LSW-TRACE-BEGIN/END KIND-swap for
# tests/qemu/crosscheck.sh.
. /tests/cases/lsw-lib.sh
. /tests/cases/lsw-trace-lib.sh

kind=${1:?usage: lsw-swaptrace.sh zns|conv}
extra=
[ "$kind" = conv ] && extra=erase_unit=1M
# shellcheck disable=SC2086
lsw_setup "$kind" max $extra
lsw_trace_start 1048576

lsw_swap_hog 3 9
lsw_show
lsw_check
[ "$(lsw_gc discards)" -gt 0 ] || die "no swap slot was freed"
lsw_trace_dump "$kind-swap"
lsw_finish
