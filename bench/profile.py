"""Where a page's Python time goes: cProfile over repeated requests of one bench page.

    DATABASE_URL=... .venv/bin/python -m bench.profile [page ...] [--runs 50] [--top 30]
                                                     [--sort tottime|cumtime]

A page is one of ``PAGES`` (the bench's own: the same users and URLs as ``bench.pages``).
Prints the page's mean server time, then the functions that take the most time under the
profiler (which slows Python about 2x: read the shares, not the milliseconds). ``--cpu`` times
this process's CPU instead of the clock, so a function's figure leaves out its wait for
PostgreSQL (what ``bench.instructions`` counts, by function). Not part of
``make bench``; a tool for deciding what to make faster.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def urls(who) -> dict[str, tuple[object, str]]:
    from django.urls import reverse

    file, heavy = who["file"], who["heavy"]
    return {
        "empty": (who["officer"], "/bench/empty/"),
        "home": (who["officer"], reverse("home")),
        "list": (who["officer"], reverse("prisoner-list")),
        "case_file": (who["supervisor"], reverse("prisoner-detail", args=[file.pk])),
        "search": (who["officer"], reverse("prisoner-list") + f"?q={file.family_name}"),
        "caseload": (who["case_manager"], reverse("casework:caseload")),
        "timeline": (who["heavy_supervisor"], reverse("casework:timeline", args=[heavy.pk])),
        "api_list": (who["officer"], "/api/v1/prisoners/"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["empty", "list"])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumtime"])
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="this process's CPU time, not the clock: no wait for PostgreSQL counted",
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from bench.measure import Bench

    bench = Bench(args.runs)
    who = bench.people()
    pages = urls(who)
    for name in args.pages:
        user, url = pages[name]
        client = bench.client(user)
        for _ in range(3):
            assert client.get(url).status_code == 200, (name, url)
        start = time.perf_counter()
        for _ in range(args.runs):
            client.get(url)
        plain = (time.perf_counter() - start) * 1000 / args.runs
        profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(args.sort).print_stats(args.top)
        print(f"=== {name} {url}: {plain:.2f} ms a request without the profiler ({args.runs} runs)")
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
