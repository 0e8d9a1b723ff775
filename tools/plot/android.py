#!/usr/bin/env python3
"""bench-android: console log of the bench-android QEMU run -> JSON + PNGs.

    tools/plot/android.py CONSOLE_CLEAN OUTDIR

Reads the "bench: KEY=VALUE" lines each android-run case prints (between
its "# case N: android-run BACKEND ..." header and its ok/not ok line),
writes OUTDIR/android.json in the issue-5 schema (plus extra keys), and
the plots OUTDIR/android-latency-cdf.png and OUTDIR/android-flash-bytes.png.
"""
import json
import re
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# logswap-zns-cg / -stream: each app in its own memory cgroup, placement
# hotcold (one HOT group) / stream (a group per app's blkcg).
ORDER = ["logswap-zns", "logswap-conv", "swap-conv", "zram",
         "logswap-zns-cg", "logswap-zns-stream"]


def parse(path):
    runs, cur = [], None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^# case \d+: android-run (\S+)(.*)$", line)
            if m:
                cur = {"name": m.group(1), "args": m.group(2).strip(), "kv": {}}
                continue
            if cur is None:
                continue
            m = re.match(r"^    bench: ([a-z_0-9]+)=(\S*)$", line)
            if m:
                cur["kv"][m.group(1)] = m.group(2)
                continue
            m = re.match(r"^(not )?ok \d+ - ", line)
            if m:
                cur["passed"] = m.group(1) is None
                runs.append(cur)
                cur = None
    return runs


def num(kv, key, conv=int, default=0):
    try:
        return conv(kv[key])
    except (KeyError, ValueError):
        return default


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    runs = parse(sys.argv[1])
    if not runs:
        sys.exit("android.py: no android-run case in " + sys.argv[1])
    runs.sort(key=lambda r: ORDER.index(r["name"]) if r["name"] in ORDER else 99)
    backends = []
    lats = {}
    for r in runs:
        kv = r["kv"]
        lat = [float(x) for x in kv.get("latencies_ms", "").split(",") if x]
        lats[r["name"]] = lat
        b = {
            "name": r["name"],
            "relaunch_ms": {p: num(kv, "relaunch_%s_ms" % p, float)
                            for p in ("p50", "p95", "p99")},
            # LMK kills plus apps the kernel's OOM killer took.
            "kills": num(kv, "kills") + num(kv, "app_deaths"),
            "pswpin": num(kv, "pswpin"),
            "pswpout": num(kv, "pswpout"),
            "flash_bytes": num(kv, "flash_bytes"),
            "integrity_failures": num(kv, "integrity_failures",
                                      default=-1),
            # Extra keys, beyond the schema.
            "lmk_kills": num(kv, "kills"),
            "oom_deaths": num(kv, "app_deaths"),
            "cold_starts": num(kv, "cold_starts"),
            "relaunches": num(kv, "relaunches"),
            "relaunch_max_ms": num(kv, "relaunch_max_ms", float),
            "elapsed_s": num(kv, "elapsed_s", float),
            "dev_write_bytes": num(kv, "dev_write_bytes"),
            "case_passed": r.get("passed", False),
            "scenario": "mempressure " + r["args"],
        }
        if "host_bytes" in kv:
            b["host_bytes"] = num(kv, "host_bytes")
        if "gc_moved" in kv:
            b["gc_moved_blocks"] = num(kv, "gc_moved")
        if "placement" in kv:
            b["placement"] = kv["placement"]
            b["app_memcgs"] = r["name"].endswith(("-cg", "-stream"))
        if "zram_mem_used_max" in kv:
            b["zram_mem_used_bytes"] = num(kv, "zram_mem_used_max")
        backends.append(b)

    out = sys.argv[2]
    with open(out + "/android.json", "w") as f:
        json.dump({"backends": backends}, f, indent=2)
        f.write("\n")

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, lat in lats.items():
        if not lat:
            continue
        lat = sorted(lat)
        ys = [(i + 1) / len(lat) for i in range(len(lat))]
        ax.step(lat, ys, where="post", label="%s (n=%d)" % (name, len(lat)))
    ax.set_xscale("log")
    ax.set_xlabel("relaunch latency (ms, log scale)")
    ax.set_ylabel("fraction of relaunches")
    ax.set_title("Android-style app relaunch latency (QEMU TCG guest)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out + "/android-latency-cdf.png", dpi=110)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    names = [b["name"] for b in backends]
    mib = [b["flash_bytes"] / 1048576 for b in backends]
    bars = ax.bar(names, mib, color="tab:blue", label="flash written")
    for bar, b in zip(bars, backends):
        label = "%.0f MiB" % (b["flash_bytes"] / 1048576)
        if "gc_moved_blocks" in b:
            label += "\nGC moved %d" % b["gc_moved_blocks"]
        if "zram_mem_used_bytes" in b:
            label = "0 (RAM: %.0f MiB)" % (b["zram_mem_used_bytes"] / 1048576)
        ax.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("MiB written to flash")
    ax.tick_params(axis="x", labelrotation=20)
    ax.margins(y=0.12)
    ax.set_title("Flash bytes written during the scenario")
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out + "/android-flash-bytes.png", dpi=110)

    for b in backends:
        print("%-18s p50 %8.1f p95 %8.1f p99 %8.1f ms  kills %3d  pswpin %7d "
              "pswpout %7d  flash %6.1f MiB  gc_moved %s  bad %d" % (
                  b["name"], b["relaunch_ms"]["p50"], b["relaunch_ms"]["p95"],
                  b["relaunch_ms"]["p99"], b["kills"], b["pswpin"], b["pswpout"],
                  b["flash_bytes"] / 1048576, b.get("gc_moved_blocks", "-"),
                  b["integrity_failures"]))


if __name__ == "__main__":
    main()
