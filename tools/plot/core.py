#!/usr/bin/env python3
"""bench-core: build/bench/core.log -> core.json + core.png.

    tools/plot/core.py CORE_LOG OUTDIR NPROC

Keys (issue 14): store_instr_excl_copy (goal <= 100), store_ns_1t,
store_speedup_2t (goal >= 1.8 on 2 cores), seg_cost_ns {EUs: ns} (flat).
Medians of the runs in the log; the runs themselves are kept under "runs".
"""
import json
import re
import statistics
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    mt = {1: [], 2: []}
    mc = {1: [], 2: []}
    seg = {}
    cb = {}
    res = {}
    load = None
    for line in open(sys.argv[1]):
        m = re.match(r"store_mt_ns (\d+): ([\d.]+)", line)
        if m:
            mt[int(m.group(1))].append(float(m.group(2)))
        m = re.match(r"memcpy_mt_ns (\d+): ([\d.]+)", line)
        if m:
            mc[int(m.group(1))].append(float(m.group(2)))
        m = re.match(r"seg_cost_ns (\d+): (\d+)", line)
        if m:
            seg.setdefault(m.group(1), []).append(int(m.group(2)))
        m = re.match(r"seg_cost_ns_cost_benefit (\d+): (\d+)", line)
        if m:
            cb.setdefault(m.group(1), []).append(int(m.group(2)))
        m = re.match(r"(store_ns_per_page|load_ns_per_page|"
                     r"callgrind_instr_per_store_excl_copy|"
                     r"callgrind_instr_per_store): (\d+)", line)
        if m:
            res[m.group(1)] = int(m.group(2))
        m = re.match(r"loadavg: ([\d.]+) ([\d.]+)", line)
        if m:
            load = [float(m.group(1)), float(m.group(2))]
    # Throughput ratio of each alternated pair, then the median.
    pairs = [a / b for a, b in zip(mt[1], mt[2]) if b]
    out = {
        "store_instr_excl_copy": res["callgrind_instr_per_store_excl_copy"],
        "store_instr": res["callgrind_instr_per_store"],
        "store_ns_1t": res["store_ns_per_page"],
        "load_ns_1t": res["load_ns_per_page"],
        "store_speedup_2t": round(statistics.median(pairs), 3),
        "memcpy_speedup_2t": round(statistics.median(
            [a / b for a, b in zip(mc[1], mc[2]) if b]), 3),
        "store_mt_ns_1t": round(statistics.median(mt[1]), 1),
        "store_mt_ns_2t": round(statistics.median(mt[2]), 1),
        "seg_cost_ns": {k: int(statistics.median(v)) for k, v in seg.items()},
        "seg_cost_ns_cost_benefit": {k: int(statistics.median(v))
                                     for k, v in cb.items()},
        "goals": {"store_instr_excl_copy": 100, "store_speedup_2t": 1.8},
        "machine": {"nproc": int(sys.argv[3]), "loadavg_begin_end": load},
        "runs": {"store_mt_ns": {str(k): v for k, v in mt.items()},
                 "memcpy_mt_ns": {str(k): v for k, v in mc.items()},
                 "seg_cost_ns": seg, "seg_cost_ns_cost_benefit": cb},
    }
    with open(f"{sys.argv[2]}/core.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    xs = sorted(seg, key=int)
    ax[0].plot([int(x) for x in xs], [out["seg_cost_ns"][x] for x in xs],
               "o-", label="greedy")
    xc = sorted(cb, key=int)
    if xc:
        ax[0].plot([int(x) for x in xc],
                   [out["seg_cost_ns_cost_benefit"][x] for x in xc], "s--",
                   label="cost-benefit")
    ax[0].legend()
    for x in xs:
        ax[0].scatter([int(x)] * len(seg[x]), seg[x], s=8, c="gray")
    ax[0].set_xscale("log", base=2)
    ax[0].set_ylim(bottom=0)
    ax[0].set_xlabel("erase units")
    ax[0].set_ylabel("ns per flushed segment (median)")
    ax[0].set_title("Flush + GC cost per segment vs device size")
    ax[1].bar(["1 thread", "2 threads"],
              [1e3 / out["store_mt_ns_1t"], 1e3 / out["store_mt_ns_2t"]])
    ax[1].set_ylabel("million stores / s")
    ax[1].set_title(f"Store x{out['store_speedup_2t']} (goal x1.8), "
                    f"bare memcpy x{out['memcpy_speedup_2t']}\nloadavg {load}",
                    fontsize=9)
    fig.tight_layout()
    fig.savefig(f"{sys.argv[2]}/core.png", dpi=100)
    print(json.dumps({k: out[k] for k in out if k != "runs"}))


if __name__ == "__main__":
    main()
