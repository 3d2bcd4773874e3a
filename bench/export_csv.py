"""The streamed CSV export of the prisoner list, measured in a process of its own, so
its peak RSS is the export's and not the benchmark's (issue 25).

    DATABASE_URL=... .venv/bin/python -m bench.export_csv [--scope every_file|supervisor] [--json]

Against a database seeded by ``seed_bench``: the largest facility's supervisor posts the
export form to the real view (``reports:export``, CSV, with a reason) and the response's
``streaming_content`` is read to the end. ``every_file`` switches the restriction off
(no account sees every file) so the export carries the whole set: 100,000 or 1,000,000
rows. Reported: seconds, rows, MB of CSV, the peak of Python allocations while streaming
(tracemalloc, a second pass), the process's RSS before streaming and its max RSS
(``ru_maxrss``). Memory is flat when max RSS does not grow with the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")


def rss_now_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=["every_file", "supervisor"], default="every_file")
    parser.add_argument("--json", action="store_true", help="one JSON line on stdout")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.urls import reverse

    from bench.measure import Bench, nullcontext, unrestricted

    bench = Bench(1)
    who = bench.people()
    client = bench.client(who["supervisor"])
    url = reverse("reports:export", args=["prisoners"])
    form = {"format": "csv", "reason": "Benchmark of the CSV export (issue 25)"}

    def stream():
        start = time.perf_counter()
        response = client.post(url, form)
        assert response.status_code == 200, response.status_code
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        return time.perf_counter() - start, lines - 1, size

    rss_before = rss_now_mb()
    with unrestricted() if args.scope == "every_file" else nullcontext():
        seconds, rows, size = stream()
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()
        stream()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    out = {
        "scope": args.scope,
        "process": "own process (bench.export_csv)",
        "seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_second": round(rows / seconds),
        "csv_mb": round(size / 1e6, 1),
        "peak_mb": round(peak / 1e6, 1),
        "rss_before_mb": round(rss_before),
        "max_rss_mb": round(max_rss),
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{args.scope}: {seconds:.2f} s, {rows:,} rows, {size / 1e6:.1f} MB of CSV, peak Python "
              f"allocation {peak / 1e6:.1f} MB, RSS before {rss_before:.0f} MB, max RSS {max_rss:.0f} MB")  # fmt: skip
    return out


if __name__ == "__main__":
    main()
