"""Measure the streamed CSV export of the prisoner list: time and peak memory.

Adds N prisoners to facility A of a seeded database (``manage.py seed_demo``),
visible to supervisor.a through the facility's group grant, streams the export
exactly as the view does (restricted queryset, filters, ``.iterator``, csv_chunks)
and reports rows/s and the peak Python allocation (tracemalloc) while streaming.
Everything is rolled back at the end. Run:

    DATABASE_URL=... .venv/bin/python bench/export_csv.py 5000 50000
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402

from casemgmt.models import Facility, Prisoner, PrisonerGroupObjectPermission, User  # noqa: E402
from demodata.builder import FACILITY_A  # noqa: E402
from reports.exports import EXPORTS, csv_chunks  # noqa: E402


class Rollback(Exception):
    pass


def add_prisoners(n: int, start: int) -> None:
    a = Facility.objects.get(code=FACILITY_A)
    unit = a.units.get(code="M1")
    view = Permission.objects.get(codename="view_prisoner")
    batch = 5000
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        made = Prisoner.objects.bulk_create(
            Prisoner(
                prison_number=f"BENCH-{start + offset + i:07d}",
                family_name="Раҳимов",
                given_name="Фаридун",
                patronymic="Умедович",
                sex="male",
                legal_status="remand",
                nationality="Тоҷик",
                facility=a,
                unit=unit,
            )
            for i in range(size)
        )
        PrisonerGroupObjectPermission.objects.bulk_create(
            PrisonerGroupObjectPermission(content_object=p, permission=view, group=a.supervisors_group)
            for p in made
        )


def measure(user, params: QueryDict, trace: bool = True) -> tuple[int, float, int, int]:
    spec = EXPORTS["prisoners"]
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    queryset, _filters = spec.queryset(user, params)
    size = lines = 0
    for chunk in csv_chunks(spec, queryset, "ru"):
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - t0
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return lines - 1, elapsed, peak, size


def main(sizes: list[int]) -> None:
    user = User.objects.get(username="supervisor.a")
    params = QueryDict("current=1")
    try:
        with transaction.atomic():
            added = 0
            for n in sizes:
                add_prisoners(n - added, added)
                added = n
                with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give
                    cursor.execute(
                        "ANALYZE casemgmt_prisoner; ANALYZE casemgmt_prisonergroupobjectpermission"
                    )
                rows, elapsed, _peak, _size = measure(user, params, trace=False)
                print(f"{rows:>7} rows: {elapsed:6.2f} s, {rows / elapsed:8.0f} rows/s without tracing")
                rows, elapsed, peak, size = measure(user, params)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
                print(
                    f"{rows:>7} rows: {elapsed:6.2f} s, {rows / elapsed:8.0f} rows/s, "
                    f"{size / 1e6:6.1f} MB of CSV, peak Python allocation while streaming "
                    f"{peak / 1e6:5.1f} MB, process max RSS {rss} MB"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5000, 50000])
