#!/usr/bin/env python3
"""bench-io: console log of the bench-io QEMU run -> io.json + io.png.

    tools/plot/io.py CONSOLE_CLEAN OUTDIR

Reads the "bench: KIND.KEY=VALUE" lines of tests/qemu/cases/bench-io.sh.
The top-level keys of io.json (the issue-5 schema) are those of the ZNS
namespace, logswap's intended backing; "namespaces" holds both.
Targets: swapout_ratio >= 0.90, read_ratio >= 0.95.
"""
import json
import re
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SWAPOUT_TARGET = 0.90
READ_TARGET = 0.95


def ratio(a, b):
    return round(a / b, 3) if b else 0.0


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
    for k, v in ns.items():
        v["swapout_ratio"] = ratio(v.get("logswap_swapout_mibs", 0),
                                   v.get("raw_seq_write_mibs", 0))
        v["read_ratio"] = ratio(v.get("logswap_randread_iops", 0),
                                v.get("raw_randread_iops", 0))
        if v.get("plain_swapout_mibs"):
            # The kernel's own swap path on the same namespace: the ceiling
            # any swap device reaches in this guest.
            v["swapout_vs_plain_swap"] = ratio(v.get("logswap_swapout_mibs", 0),
                                               v["plain_swapout_mibs"])
        v["swapout_target_met"] = v["swapout_ratio"] >= SWAPOUT_TARGET
        v["read_target_met"] = v["read_ratio"] >= READ_TARGET
    main_ns = ns.get("zns") or next(iter(ns.values()))
    res = {
        "raw_seq_write_mibs": main_ns.get("raw_seq_write_mibs", 0),
        "logswap_swapout_mibs": main_ns.get("logswap_swapout_mibs", 0),
        "swapout_ratio": main_ns["swapout_ratio"],
        "raw_randread_iops": int(main_ns.get("raw_randread_iops", 0)),
        "logswap_randread_iops": int(main_ns.get("logswap_randread_iops", 0)),
        "read_ratio": main_ns["read_ratio"],
        "namespace": "zns" if "zns" in ns else next(iter(ns)),
        "targets": {"swapout_ratio": SWAPOUT_TARGET, "read_ratio": READ_TARGET},
        "namespaces": ns,
    }
    out = sys.argv[2]
    with open(out + "/io.json", "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
    kinds = list(ns)
    x = range(len(kinds))
    w = 0.2
    ax = axes[0]
    ax.bar([i - w for i in x], [ns[k].get("raw_seq_write_mibs", 0) for k in kinds], w,
           label="raw seq write (fio)")
    ax.bar(list(x), [ns[k].get("logswap_swapout_mibs", 0) for k in kinds], w,
           label="logswap swap-out (hog)")
    ax.bar([i + w for i in x], [ns[k].get("logswap_seq_write_mibs", 0) for k in kinds], w,
           label="/dev/logswap0 seq write (fio)")
    if any("plain_swapout_mibs" in ns[k] for k in kinds):
        ax.bar([i + 2 * w for i in x], [ns[k].get("plain_swapout_mibs", 0) for k in kinds], w,
               label="plain swap swap-out (hog)")
    ax.set_xticks(list(x))
    ax.set_xticklabels(kinds)
    ax.set_ylabel("MiB/s")
    ax.set_title("Write: swap-out vs raw (target >= %.2f)" % SWAPOUT_TARGET)
    for i, k in enumerate(kinds):
        ax.annotate("ratio %.2f" % ns[k]["swapout_ratio"], (i, 0), ha="center",
                    va="bottom", fontsize=9, xytext=(0, 3), textcoords="offset points")
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.bar([i - w / 2 for i in x], [ns[k].get("raw_randread_iops", 0) for k in kinds], w,
           label="raw 4 KiB randread")
    ax.bar([i + w / 2 for i in x], [ns[k].get("logswap_randread_iops", 0) for k in kinds], w,
           label="/dev/logswap0 4 KiB randread")
    ax.set_xticks(list(x))
    ax.set_xticklabels(kinds)
    ax.set_ylabel("IOPS")
    ax.set_title("Read: logswap vs raw (target >= %.2f)" % READ_TARGET)
    for i, k in enumerate(kinds):
        ax.annotate("ratio %.2f" % ns[k]["read_ratio"], (i, 0), ha="center",
                    va="bottom", fontsize=9, xytext=(0, 3), textcoords="offset points")
    ax.legend(fontsize=8)
    fig.suptitle("logswap against its backing namespace (QEMU TCG guest, fio)")
    fig.tight_layout()
    fig.savefig(out + "/io.png", dpi=110)
    for k in kinds:
        print("%-5s %s" % (k, " ".join("%s=%s" % (a, b) for a, b in sorted(ns[k].items()))))


if __name__ == "__main__":
    main()
