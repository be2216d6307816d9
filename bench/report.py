#!/usr/bin/python3
"""Prints scripts/bench's table (contender x op: ns/item, MB/s, ratio to ddbx), copies the CSV to
docs/bench/results.csv and draws docs/bench/results.png (log scale) when matplotlib is there.
usage: report.py <results.csv> <out dir> [compile.csv]"""
import csv
import os
import platform
import shutil
import subprocess
import sys

results, out_dir = sys.argv[1], sys.argv[2]
compile_csv = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
instructions_csv = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
rows = list(csv.DictReader(open(results)))
ref = {r["op"]: float(r["ns_per_item"]) for r in rows if r["contender"] == "ddbx"}
order = ["ddbx", "ddbx-value", "simdjson-walk", "memcpy", "node", "go", "boto3"]
rows.sort(key=lambda r: (["encode", "decode", "expression"].index(r["op"]), order.index(r["contender"])))

cpu = "unknown cpu"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
print(f"machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
print(f"{'op':<11}{'contender':<15}{'ns/item':>12}{'MB/s':>10}{'× ddbx':>10}")
for r in rows:
    ns = float(r["ns_per_item"])
    ratio = ns / ref[r["op"]] if r["op"] in ref else float("nan")
    mb = float(r["mb_per_s"])
    print(f"{r['op']:<11}{r['contender']:<15}{ns:>12,.0f}{mb:>10,.0f}{ratio:>10.2f}")
missing = {(c, op) for c in ["ddbx", "ddbx-value", "boto3", "node", "go"] for op in ["encode", "decode"]} - {
    (r["contender"], r["op"]) for r in rows}
if missing:
    sys.exit(f"bench: no figure for {sorted(missing)}")

shutil.copy(results, os.path.join(out_dir, "results.csv"))
if compile_csv:
    print("\ncompile time of a TU including only the header (best of 3):")
    for r in csv.DictReader(open(compile_csv)):
        print(f"  {r['compiler']:<8} {r['header']:<26} {float(r['seconds']):.2f} s")
    shutil.copy(compile_csv, os.path.join(out_dir, "compile_times.csv"))
if instructions_csv:
    print("\nddbx instructions per item (valgrind --tool=callgrind, one pass over the page):")
    for r in csv.DictReader(open(instructions_csv)):
        print(f"  {r['op']:<8} {int(r['instructions_per_item']):>8,}")
    shutil.copy(instructions_csv, os.path.join(out_dir, "instructions.csv"))
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("(python3-matplotlib is not installed: no chart)")
    sys.exit(0)
fig, axes = plt.subplots(1, 3, figsize=(13, 4))
for ax, op in zip(axes, ["encode", "decode", "expression"]):
    rs = [r for r in rows if r["op"] == op]
    ax.barh([r["contender"] for r in rs], [float(r["ns_per_item"]) for r in rs],
            color=["#d62728" if r["contender"].startswith("ddbx") else "#7f7f7f" for r in rs])
    ax.set_xscale("log")
    ax.set_title(f"{op} ({'ns per build' if op == 'expression' else 'ns per item'}, log)")
    ax.invert_yaxis()
fig.suptitle(f"ddbx vs peers — 10,000 seed users as one Query page — {cpu}")
fig.tight_layout()
fig.savefig(os.path.join(out_dir, "results.png"), dpi=90)
print(f"wrote {out_dir}/results.csv and {out_dir}/results.png")
