"""How fast is the intake's duplicate check on 100,000 files?

    EMBEDDED_DB_NAME=casemgmt_bench .venv/bin/python bench/candidates.py [N]

Fills a separate database with N prisoners (default 100,000; bulk insert, names
from the demo lists with the same search keys the services store), then times
``duplicate_candidates`` for spellings in both scripts and prints p50/p95 and the
query plan. Not part of the test suite.
"""

import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from casemgmt import demo, names  # noqa: E402
from casemgmt.models import Prisoner  # noqa: E402
from intake.selectors import duplicate_candidates  # noqa: E402


def fill(n: int) -> None:
    have = Prisoner.objects.count()
    if have >= n:
        return
    rng = random.Random(7)
    batch = []
    for i in range(have, n):
        female = rng.random() < 0.1
        family = rng.choice(demo.FAMILY)
        family, given = (
            (demo.feminine(family), rng.choice(demo.FEMALE)) if female else (family, rng.choice(demo.MALE))
        )
        patronymic = demo.patronymic(rng.choice(demo.FATHERS), "female" if female else "male")
        text = f"{family} {given} {patronymic}"
        batch.append(
            Prisoner(
                prison_number=f"BENCH-{i:07d}",
                family_name=family,
                given_name=given,
                patronymic=patronymic,
                family_name_latin=names.transliterate(family),
                given_name_latin=names.transliterate(given),
                sex="female" if female else "male",
                legal_status="convicted",
                date_of_birth=f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                search_name=names.fold_cyrillic(text),
                search_latin=names.search_key(f"{text} {names.transliterate(text)}"),
            )
        )
        if len(batch) == 5000:
            Prisoner.objects.bulk_create(batch)
            batch = []
            print(f"\r  {i + 1}/{n} prisoners", end="", flush=True)
    Prisoner.objects.bulk_create(batch)
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casemgmt_prisoner")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    fill(n)
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

    knn = Prisoner.objects.annotate(d=TrigramWordDistance("rahimov faridun", "search_latin")).order_by("d")[
        :32
    ]
    print("\n".join(knn.explain(analyze=True).splitlines()[:6]))


if __name__ == "__main__":
    main()
