#!/usr/bin/python3
"""Prints scripts/bench's table (contender x op: ns/item, MB/s, ratio to ddbx) from <out dir>/results.csv,
where scripts/bench wrote each contender's figures as it measured them, and draws <out dir>/results.png
(log scale) when matplotlib is there. Exits non-zero when a contender's figure is missing.
usage: report.py <out dir>"""
import csv
import math
import os
import sys

out_dir = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out_dir, "results.csv"))))
ops = ["encode", "encode-utf8", "decode", "decode-reused", "decode-shuffled", "decode-reversed", "expression",
       "expression-noinline", "expression-builder"]
order = ["ddbx", "ddbx-value", "simdjson-walk", "memcpy", "node", "go", "boto3"]
rows = [r for r in rows if r["op"] in ops and r["contender"] in order]
rows.sort(key=lambda r: (ops.index(r["op"]), order.index(r["contender"])))
ns = {(r["contender"], r["op"]): float(r["ns_per_item"]) for r in rows}

cpu = "unknown cpu"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open(os.path.join(out_dir, "machine.txt")) if l.startswith("cpu:"))
except (OSError, StopIteration):
    pass
print(f"machine: {cpu} (the rest in {out_dir}/machine.txt)")
print(f"{'op':<21}{'contender':<15}{'ns/item':>12}{'MB/s':>10}{'× ddbx':>10}")
for r in rows:
    ref = ns.get(("ddbx", r["op"]), math.nan)
    t = float(r["ns_per_item"])
    print(f"{r['op']:<21}{r['contender']:<15}{t:>12,.0f}{float(r['mb_per_s']):>10,.0f}{t / ref:>10.2f}")


def ratio(a, b):
    return f"{ns[a] / ns[b]:.2f}×" if a in ns and b in ns else "n/a"


print(f"ddbx decode / simdjson walk: {ratio(('ddbx', 'decode'), ('simdjson-walk', 'decode'))} fresh, "
      f"{ratio(('ddbx', 'decode-reused'), ('simdjson-walk', 'decode'))} over a reused page, "
      f"{ratio(('ddbx', 'decode-shuffled'), ('simdjson-walk', 'decode-shuffled'))} shuffled; "
      f"shuffled / ordered decode: {ratio(('ddbx', 'decode-shuffled'), ('ddbx', 'decode'))} "
      f"(ddbx::value {ratio(('ddbx-value', 'decode-shuffled'), ('ddbx-value', 'decode'))}); "
      f"reversed / ordered decode: {ratio(('ddbx', 'decode-reversed'), ('ddbx', 'decode'))} "
      f"(the walk's own {ratio(('simdjson-walk', 'decode-reversed'), ('simdjson-walk', 'decode'))}); "
      f"UTF-8 / ASCII encode: {ratio(('ddbx', 'encode-utf8'), ('ddbx', 'encode'))} per item")
print(f"ddbx::value / struct: encode {ratio(('ddbx-value', 'encode'), ('ddbx', 'encode'))}, "
      f"decode {ratio(('ddbx-value', 'decode'), ('ddbx', 'decode'))} fresh, "
      f"{ratio(('ddbx-value', 'decode-reused'), ('ddbx', 'decode-reused'))} over a reused page")

# Every contender must give a figure (scripts/test runs scripts/bench --quick for this).
want = {(c, op) for c in ["ddbx", "ddbx-value", "boto3", "node", "go"] for op in ["encode", "decode"]}
want |= {(c, op) for c in ["ddbx", "ddbx-value"] for op in ["decode-reused", "decode-shuffled", "encode-utf8"]}
want |= {("ddbx", "decode-reversed")}
want |= {("simdjson-walk", "decode"), ("simdjson-walk", "decode-shuffled"), ("simdjson-walk", "decode-reversed")}
want |= {("ddbx", op) for op in ["expression", "expression-noinline", "expression-builder"]}
missing = want - set(ns)

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("(python3-matplotlib is not installed: no chart)")
else:
    fig, axes = plt.subplots(3, 3, figsize=(15, 10))
    for ax, op in zip(axes.flat, ops):
        rs = [r for r in rows if r["op"] == op]
        ax.barh([r["contender"] for r in rs], [float(r["ns_per_item"]) for r in rs],
                color=["#d62728" if r["contender"].startswith("ddbx") else "#7f7f7f" for r in rs])
        ax.set_xscale("log")
        ax.set_xlim(left=1)  # bars from one common origin, so short ones do not look empty
        ax.set_title(f"{op} ({'ns per build' if op.startswith('expression') else 'ns per item'}, log)")
        ax.invert_yaxis()
    for ax in list(axes.flat)[len(ops):]:
        ax.axis("off")
    fig.suptitle(f"ddbx vs peers — 10,000 seed users as one Query page — {cpu}")
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "results.png"), dpi=90)
    print(f"wrote {out_dir}/results.png")
if missing:
    sys.exit(f"bench: no figure for {sorted(missing)}")
