#!/bin/sh
# guest-cpus N: the guest runs SMP with N CPUs online (issue 12: a kernel
# without ACPI boots one CPU of -smp 2, and nothing then runs two CPUs at
# once).
want=${1:?usage: guest-cpus N}
have=$(nproc)
online=$(cat /sys/devices/system/cpu/online)
echo "kernel $(uname -r): nproc $have, online $online"
[ "$have" = "$want" ] || { echo "FAIL: nproc is $have, want $want"; exit 1; }
