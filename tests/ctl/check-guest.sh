#!/bin/bash
# Host side of make qemu-ctl: parse the JSON that lsw-ctl-tool printed in
# the guest (between LSWCTL-JSON-BEGIN NAME and LSWCTL-JSON-END) and check
# it against the sysfs figures it printed (LSWCTL-SYSFS).
#
#   tests/ctl/check-guest.sh CONSOLE.CLEAN
#
# Ends with "N passed, N failed"; exit 0 only if nothing failed.
set -u
exec python3 - "${1:?usage: $0 console.clean}" <<'PY'
import json, sys

lines = [l[4:] if l.startswith("    ") else l
         for l in open(sys.argv[1], errors="replace").read().splitlines()]
blocks, cur, name, sysfs = {}, None, None, None
for l in lines:
    if l.startswith("LSWCTL-JSON-BEGIN "):
        name, cur = l.split()[1], []
    elif l == "LSWCTL-JSON-END" and cur is not None:
        blocks[name] = "\n".join(cur)
        cur = None
    elif cur is not None:
        cur.append(l)
    elif l.startswith("LSWCTL-SYSFS logswap0 "):
        sysfs = [int(x) for x in l.split()[2:]]

passed = failed = 0
def check(what, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - %s %s" % (what, detail))

def parse(n):
    try:
        return json.loads(blocks[n])
    except (KeyError, ValueError) as e:
        check("JSON %s parses" % n, False, repr(e))
        return None

cols = ["name", "backing", "model", "segment", "disksize", "stored", "zero",
        "flash", "waf", "free-eu", "gc", "swap"]
t = parse("table")
if t is not None:
    check("JSON table parses", True)
    devs = t.get("logswapdevices", [])
    check("two devices", [d.get("name") for d in devs] == ["/dev/logswap0", "/dev/logswap1"], devs)
    check("default columns, in order", all(list(d) == cols for d in devs), [list(d) for d in devs])
    if len(devs) == 2:
        d0, d1 = devs
        check("logswap0 zoned, not swapped on", d0["model"] == "zoned" and d0["swap"] is False, d0)
        check("logswap1 conventional, swapped on", d1["model"] == "conventional" and d1["swap"] is True, d1)
        check("human sizes are strings", d0["disksize"] == "24M" and d0["stored"] == "36M", d0)
        check("waf a number", isinstance(d0["waf"], float) and d0["waf"] >= 1.0, d0)
b = parse("bytes")
if b is not None and sysfs:
    check("JSON --bytes parses", True)
    d0 = b["logswapdevices"][0]
    check("--bytes: numbers", all(isinstance(d0[k], int) for k in ("segment", "disksize", "stored", "zero", "flash", "free-eu", "gc")), d0)
    check("--bytes: disksize, stored, flash, free-eu equal sysfs",
          [d0["disksize"], d0["stored"], d0["flash"], d0["free-eu"]] == sysfs, (d0, sysfs))
    check("--bytes: waf = flash / stored (3 decimals, truncated)",
          d0["waf"] == int(d0["flash"] // 4096 * 1000 // (d0["stored"] // 4096)) / 1000, d0)
elif b is not None:
    check("LSWCTL-SYSFS line printed", False)
s = parse("stats")
if s is not None:
    check("JSON --stats parses", True)
    st = {e["key"]: e for e in s.get("stats", [])}
    check("--stats: host_bytes in bytes", st.get("host_bytes", {}).get("unit") == "bytes", st.get("host_bytes"))
    check("--stats: every figure has a unit and a description",
          st and all(e["unit"] and e["description"] for e in st.values()), [k for k, e in st.items() if not e["unit"]])
    if sysfs:
        check("--stats: host_bytes, free_eus equal sysfs",
              st["host_bytes"]["value"] == sysfs[1] and st["free_eus"]["value"] == sysfs[3], (st.get("free_eus"), sysfs))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
