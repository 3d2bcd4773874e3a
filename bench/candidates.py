"""How fast is the intake's duplicate check on 100,000 files?

    EMBEDDED_DB_NAME=casemgmt_bench .venv/bin/python bench/candidates.py [N]

Fills a separate, empty database with the benchmark data set if it is not there
(``manage.py seed_bench --prisoners N``, default 100,000; see bench/seed.py), then times
``duplicate_candidates`` for spellings in both scripts and prints p50/p95 and the
query plan. Not part of the test suite.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from casemgmt.models import Prisoner  # noqa: E402
from intake.selectors import duplicate_candidates  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    call_command("seed_bench", prisoners=n, if_missing=True)
    queries = [
        ("Рахимов", "Фаридун"),
        ("Rakhimov", "Faridun"),
        ("Ҷӯраев", "Шерзод"),
        ("Dzhuraev", "Sherzod"),
        ("Qodirova", "Madina"),
        ("Ғафуров", ""),
        ("Ivanov", "Sergey"),
    ]
    timings = []
    for _ in range(5):
        for family, given in queries:
            start = time.perf_counter()
            duplicate_candidates(family_name=family, given_name=given)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"duplicate_candidates over {Prisoner.objects.count():,} files: "
        f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms ({len(timings)} runs)"
    )
    from django.contrib.postgres.search import TrigramWordDistance

    knn = (
        Prisoner.objects.filter(search_latin__gt="")  # as duplicate_candidates: the partial index's condition
        .annotate(d=TrigramWordDistance("rahimov faridun", "search_latin"))
        .order_by("d")[:32]
    )
    print("\n".join(knn.explain(analyze=True).splitlines()[:6]))


if __name__ == "__main__":
    main()
