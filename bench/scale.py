"""Ten times the data (issue 25): the same pages on the 100,000 set and the 1,000,000 set,
in one session, one database after the other, and each page's p95 and ratios compared.

    .venv/bin/python -m bench.scale --small postgres://.../casemgmt_bench \\
        --large postgres://.../casemgmt_bench_1m [--runs 100] [--out bench/results/scale.json]

Each set is measured by ``bench.run --pages-only`` in a process of its own (its own
connection and caches); the large set is measured first, then the small one, then the
large again, and each page's larger p95 of the large set's two runs is kept, so a noisy
minute on the shared machine cannot favour the large set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PAGES = ("prisoner_list", "case_file", "search_cyrillic", "search_latin")
LIMIT = 1.25


def measure(url: str, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pages.json"
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.run", "--pages-only", "--runs", str(runs), "--out", str(out)],
            cwd=BASE, env=dict(os.environ, DATABASE_URL=url), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return json.loads(out.read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", required=True, help="DATABASE_URL of the 100,000 set")
    parser.add_argument("--large", required=True, help="DATABASE_URL of the 1,000,000 set")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--out", default=str(BASE / "bench" / "results" / "scale.json"))
    args = parser.parse_args(argv)

    large_1 = measure(args.large, args.runs)
    small = measure(args.small, args.runs)
    large_2 = measure(args.large, args.runs)
    rows, met = [], {}
    lines = [
        f"Ten times the data: {small['prisoners']:,} and {large_1['prisoners']:,} prisoners, one session "
        f"(large, small, large; the large set's worse p95 kept)",
        "",
        f"{'page':<24}{'p95 small':>10}{'p95 large':>10}{'large/small':>12}{'x raw small':>12}"
        f"{'x raw large':>12}  verdict",
    ]
    for name in ("healthz", "signed_in_empty", "officer_home", *PAGES, "caseload", "timeline_1000_notes"):
        s = small["results"][name]
        lg = max(large_1["results"][name], large_2["results"][name], key=lambda x: x["p95_ms"])
        growth = round(lg["p95_ms"] / max(s["p95_ms"], 0.01), 2)
        verdict = ("met" if growth <= LIMIT else "MISSED") if name in PAGES else ""
        if name in PAGES:
            met[f"{name} p95 on 1M <= {LIMIT}x 100k"] = growth <= LIMIT
        rows.append({"page": name, "small": s, "large": lg, "p95_growth": growth})
        lines.append(
            f"{name:<24}{s['p95_ms']:>10}{lg['p95_ms']:>10}{growth:>12}{s.get('ratio_to_raw_sql', ''):>12}"
            f"{lg.get('ratio_to_raw_sql', ''):>12}  {verdict}"
        )
    lines += [""] + [f"target {k:<40} {'met' if v else 'MISSED'}" for k, v in met.items()]
    out = Path(args.out)
    out.write_text(json.dumps({"rows": rows, "targets_met": met}, indent=2, ensure_ascii=False, default=str))
    out.with_suffix(".txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
