#!/usr/bin/env python3
"""bench-io: console log of the bench-io QEMU run -> io.json + io.png.

    tools/plot/io.py CONSOLE_CLEAN OUTDIR

Reads the "bench: KIND.KEY=VALUE" lines of tests/qemu/cases/bench-io.sh.
io.json (issue 14): {"namespaces": {"zns": {...}, "conv": {...}}, "goals",
"host"}; each namespace has seq_write_ratio_qd4, seq_write_ratio_qd16,
read_ratio, swapout_vs_plain (None where no plain swap can run) and the
raw figures.  Goals: seq write >= 0.90, read >= 0.95, swap-out >= 1.0.
The host's load comes from the environment (tools/bench/bench-io.sh).
"""
import json
import os
import re
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SEQ_TARGET = 0.90
READ_TARGET = 0.95
SWAPOUT_TARGET = 1.0


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def host_load():
    """The host's load, recorded by tools/bench/bench-io.sh in the env."""
    out = {}
    for key, env in (("loadavg_before", "BENCH_LOAD_BEFORE"),
                     ("loadavg_after", "BENCH_LOAD_AFTER")):
        v = os.environ.get(env, "").split()
        out[key] = [float(x) for x in v[:3]] if len(v) >= 3 else None
    others = os.environ.get("BENCH_OTHERS", "").strip()
    out["other_work"] = others.splitlines() if others else []
    out["other_work_ran"] = bool(others)
    out["cpus"] = os.cpu_count()
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ns = {}
    with open(sys.argv[1], errors="replace") as f:
        for line in f:
            m = re.match(r"^    bench: (\w+)\.(\w+)=([0-9.]+)$", line.rstrip("\n"))
            if m:
                ns.setdefault(m.group(1), {})[m.group(2)] = float(m.group(3))
    if not ns:
        sys.exit("io.py: no bench line in " + sys.argv[1])
    # Not a namespace: the guest's copy ceiling (memory-backed null_blk).
    bounds = ns.pop("copy", {})
    for k, v in ns.items():
        for qd in (4, 16):
            v["seq_write_ratio_qd%d" % qd] = ratio(
                v.get("logswap_seq_write_qd%d_mibs" % qd),
                v.get("raw_seq_write_qd%d_mibs" % qd))
        v["read_ratio"] = ratio(v.get("logswap_randread_iops"),
                                v.get("raw_randread_iops"))
        v["swapout_vs_plain"] = ratio(v.get("logswap_swapout_mibs"),
                                      v.get("plain_swapout_mibs"))
    if "zns" in ns and "conv" in ns and ns["zns"]["swapout_vs_plain"] is None:
        # swapon refuses a host-managed zoned device: no plain swap on
        # ZNS to compare with.  The conventional namespace's plain swap,
        # same guest and boot, is the nearest reference.
        ns["zns"]["swapout_vs_plain_note"] = (
            "plain swap cannot run on a zoned namespace (swapon refuses "
            "it); swapout_vs_plain_conv compares with plain swap on conv")
        ns["zns"]["swapout_vs_plain_conv"] = ratio(
            ns["zns"].get("logswap_swapout_mibs"),
            ns["conv"].get("plain_swapout_mibs"))
    goals = {"seq_write_ratio_qd4": SEQ_TARGET, "seq_write_ratio_qd16": SEQ_TARGET,
             "read_ratio": READ_TARGET, "swapout_vs_plain": SWAPOUT_TARGET}
    for v in ns.values():
        v["goals_met"] = {g: (v.get(g) is not None and v[g] >= t)
                          for g, t in goals.items()}
    res = {
        "namespaces": ns,
        "goals": goals,
        "host": host_load(),
        "bounds": bounds,
        "method": "one QEMU TCG boot (tests/qemu/cases/bench-io.sh): fio 1 MiB "
                  "sequential writes at depth 4 and 16, raw then /dev/logswap0, "
                  "medians of IO_REPS passes; 4 KiB random reads raw/logswap "
                  "alternated, medians; hog swap-out MiB/s; *_inflight_*: the "
                  "backing device's average requests in flight (stat field 11 "
                  "delta over wall ms)",
    }
    out = sys.argv[2]
    with open(out + "/io.json", "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")

    fig, axes = plt.subplots(1, 3, figsize=(14, 4.5))
    kinds = list(ns)
    x = list(range(len(kinds)))
    w = 0.2
    ax = axes[0]
    for j, (key, label) in enumerate((
            ("raw_seq_write_qd4_mibs", "raw qd4"),
            ("logswap_seq_write_qd4_mibs", "logswap qd4"),
            ("raw_seq_write_qd16_mibs", "raw qd16"),
            ("logswap_seq_write_qd16_mibs", "logswap qd16"))):
        ax.bar([i + (j - 1.5) * w for i in x], [ns[k].get(key, 0) for k in kinds], w,
               label=label)
    ax.set_xticks(x)
    ax.set_xticklabels(kinds)
    ax.set_ylabel("MiB/s")
    ax.set_title("fio 1 MiB seq write (goal >= %.2f of raw)" % SEQ_TARGET)
    for i, k in enumerate(kinds):
        ax.annotate("qd4 %s  qd16 %s" % (ns[k]["seq_write_ratio_qd4"],
                                         ns[k]["seq_write_ratio_qd16"]),
                    (i, 0), ha="center", va="bottom", fontsize=8, xytext=(0, 3),
                    textcoords="offset points")
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.bar([i - w / 2 for i in x], [ns[k].get("raw_randread_iops", 0) for k in kinds], w,
           label="raw 4 KiB randread")
    ax.bar([i + w / 2 for i in x], [ns[k].get("logswap_randread_iops", 0) for k in kinds], w,
           label="/dev/logswap0 4 KiB randread")
    ax.set_xticks(x)
    ax.set_xticklabels(kinds)
    ax.set_ylabel("IOPS")
    ax.set_title("Read: logswap vs raw (goal >= %.2f)" % READ_TARGET)
    for i, k in enumerate(kinds):
        ax.annotate("ratio %s" % ns[k]["read_ratio"], (i, 0), ha="center",
                    va="bottom", fontsize=9, xytext=(0, 3), textcoords="offset points")
    ax.legend(fontsize=8)
    ax = axes[2]
    ax.bar([i - w / 2 for i in x], [ns[k].get("plain_swapout_mibs", 0) for k in kinds], w,
           label="plain swap (conv only)")
    ax.bar([i + w / 2 for i in x], [ns[k].get("logswap_swapout_mibs", 0) for k in kinds], w,
           label="logswap")
    ax.set_xticks(x)
    ax.set_xticklabels(kinds)
    ax.set_ylabel("MiB/s")
    ax.set_title("hog swap-out (goal >= %.1f of plain)" % SWAPOUT_TARGET)
    ax.legend(fontsize=8)
    fig.suptitle("logswap against its backing namespace (QEMU TCG guest, fio)")
    fig.tight_layout()
    fig.savefig(out + "/io.png", dpi=110)
    for k in kinds:
        print("%-5s %s" % (k, " ".join("%s=%s" % (a, b) for a, b in sorted(ns[k].items()))))

if __name__ == "__main__":
    main()
