"""Every route that takes no argument, requested as the bench's officer, supervisor and case
manager, slowest first: the pages no bench page measures (issue #25, sixth round).

    DATABASE_URL=... .venv/bin/python -m bench.routes [officer supervisor case_manager] [--top 25]

A page is requested once, then three times (the median shown with its query count); one
whose first request took over 2 s is shown with that time and ``-1`` queries. Routes named
admin, logout, export or download are left out, and the reports dashboard (its API twin,
``/api/v1/reports/statistics/``, is in). Not part of ``make bench``: a tool for finding
what to make faster (``bench/results/routes_1m.txt``).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SKIPPED = ("admin", "logout", "export", "download")
SLOW_MS = 2000


def route_urls() -> list[str]:
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

    def names(resolver, ns=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from names(p, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                yield ns + p.name

    urls = []
    for name in sorted(set(names(get_resolver()))):
        if any(word in name for word in SKIPPED) or name == "reports:dashboard":
            continue
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue  # takes an argument
    return urls


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roles", nargs="*", default=["officer", "supervisor", "case_manager"])
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    import django

    django.setup()
    logging.disable(logging.CRITICAL)  # the 404s of routes a role may not reach
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.measure import Bench

    bench = Bench(3)
    who = bench.people()
    urls = route_urls()
    rows = []
    for role in args.roles:
        client = bench.client(who[role])
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            first = (time.perf_counter() - start) * 1000
            kind = response.get("Content-Type", "")
            if response.status_code != 200 or not ("text/html" in kind or "json" in kind):
                continue
            if first > SLOW_MS:
                rows.append((first, role, url, -1))
                continue
            times = []
            for _ in range(3):
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            rows.append((statistics.median(times), role, url, len(queries.captured_queries)))
    for ms, role, url, count in sorted(rows, reverse=True)[: args.top]:
        print(f"{ms:9.1f} ms  {count:3d} q  {role:13s} {url}")
    print(len(rows), "pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
