"""``make bench``: generate the national data set if it is missing, measure, report.

    .venv/bin/python -m bench.run [--prisoners 100000] [--runs 100] [--no-load] [--pages-only]
                                  [--out bench/results/latest.json]

Targets are ratios measured in the same run (issue 25): each page's server time over
its raw SQL, each page's throughput over /healthz's, our list over the stock
django-guardian peer for every demo persona and the bench users, the read audit's share
of the list's throughput. Absolute figures are printed beside them as information.

Server time is measured inside Django (``bench.measure``): each request goes through
the whole stack by Django's test ``Client`` with a signed-in user (supervisors and
administrators pass two-factor verification on its page with their authenticator's
current code), in this process, against the benchmark database. Calibration pages
(``bench.pages``): /healthz, the sign-in page (anonymous) and a signed-in empty page.
Baselines in the same run: **raw SQL** (the page's SELECTs replayed on a plain cursor),
the list **unfiltered** (no restriction) and **without its read event**, and the
**guardian peer** (``bench.peer``).

The load run (``bench.load``) starts gunicorn on 127.0.0.1 (port ``BENCH_PORT``,
default 8014) with ``bench.settings`` and drives each page with ``wrk`` (Debian
package) for a bounded time. The CSV export is measured in a process of its own
(``bench.export_csv``). Nothing here is part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

# The bench's URLconf adds the guardian peer and the signed-in empty page (bench.urls).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# Measured as in production: no DEBUG (which would also record every query).
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prisoners", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)  # p95 of 100 is the 95th, not the 29th of 30
    parser.add_argument("--peer-runs", type=int, default=60, help="runs a user of the guardian comparison")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--pages-only", action="store_true", help="only the page timings (quick iterations)")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--out", default=str(BASE / "bench" / "results" / "latest.json"))
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import jobs, load, pages, report
    from bench.measure import Bench, wait_for_quiet

    call_command("migrate", verbosity=0)
    call_command("seed_bench", prisoners=args.prisoners, if_missing=True)
    from casemgmt.models import Prisoner

    bench = Bench(args.runs)
    who = bench.people()
    load_at_start = wait_for_quiet(float(os.environ.get("BENCH_QUIET_LOAD", "0.5")))
    pages.calibration(bench, who)
    pages.pages(bench, who)
    if not args.pages_only:
        pages.peer(bench, who, args.peer_runs)
        jobs.intake(bench, who)
        jobs.sweep(bench)
        jobs.csv_export(bench)
        if not args.no_load:
            load.load(bench, who, args.load_seconds, int(os.environ.get("BENCH_PORT", "8014")))
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "prisoners": Prisoner.objects.count(),
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"load average at start {load_at_start:.1f}",
        "method": " ".join(__doc__.split("\n\n")[2:5]).replace("\n", " "),
        "results": bench.results,
        "targets": report.TARGETS,
    }
    if not args.pages_only:
        from core import audit

        # after the load run's parallel writers (see casemgmt 0008, 0010): both chains
        chains = audit.verify_all()
        bench.results["audit_chain"] = [
            {"chain": c.chain, "ok": c.ok, "checked": c.checked, "problem": c.problem} for c in chains
        ]
    result["targets_met"] = report.verdicts(bench.results)
    if "audit_chain" in bench.results:
        result["targets_met"]["audit chains verify"] = all(c["ok"] for c in bench.results["audit_chain"])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    text = report.table(result)
    out.with_suffix(".txt").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
