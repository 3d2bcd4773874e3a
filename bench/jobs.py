"""The jobs ``make bench`` times besides pages: an admission's completion, the reminder
sweep over the whole set, and the streamed CSV export (its memory is measured in a
process of its own: ``bench.export_csv``)."""

from __future__ import annotations

import statistics
import sys
import time

from bench.measure import pct


def intake(bench, who):
    """``admission_complete`` on a fully filled draft, rolled back after each run."""
    from django.db import transaction

    from casemgmt.models import Unit
    from intake import services
    from intake.models import Admission

    unit = Unit.objects.filter(facility=who["facility"], sex="male", legal_category="remand").first()
    unit = unit or Unit.objects.filter(facility=who["facility"], sex="male").first()
    legal = "remand" if unit.legal_category == "remand" else "convicted"
    timings = []
    for i in range(bench.runs + 3):
        with transaction.atomic():
            admission = Admission.objects.create(
                facility=who["facility"], created_by=who["officer"], order_authority_kind="court",
                order_authority="Суди ноҳияи Сино", order_number=f"B-{i}", order_date="2026-01-10",
                legal_basis="Моддаи 186", arrested_at="2026-01-09T10:00:00+05:00", arrest_place="Душанбе",
                legal_status=legal, identity_decision="new", family_name="Бенчов", given_name="Тест",
                patronymic="Тестович", sex="male", date_of_birth="1990-05-05", unit=unit,
                languages=["tg"], info_given_on="2026-01-10", info_given_by=who["officer"],
                info_language="tg", info_rules=True, info_rights=True, info_complaints=True,
                info_legal_advice=True, info_acknowledged=True,
            )  # fmt: skip
            start = time.perf_counter()
            services.admission_complete(actor=who["officer"], admission=admission)
            if i >= 3:
                timings.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    bench.results["intake_completion"] = {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(pct(timings, 95), 1),
        "runs": bench.runs,
        "method": "intake.services.admission_complete on a complete draft, rolled back each time",
    }
    print(f"  intake_completion            p50 {statistics.median(timings):7.1f} ms", file=sys.stderr)


def sweep(bench):
    """The hourly reminder sweep over the whole set, rolled back so each run finds it all."""
    from django.db import transaction

    from notifications import services

    with transaction.atomic():
        start = time.perf_counter()
        run = services.sweep()
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    bench.results["reminder_sweep"] = {
        "seconds": round(elapsed, 2),
        "considered": run.considered,
        "reminders_created": run.created,
        "batches": run.batches,
    }
    print(f"  reminder_sweep               {elapsed:7.1f} s, {run.created:,} reminders", file=sys.stderr)


def csv_export(bench) -> None:
    """The streamed CSV export through the real view, each scope in a process of its own
    (``bench.export_csv``): its peak RSS is the export's, not this process's."""
    import json
    import os
    import subprocess

    print("csv export (view, streamed, own process):", file=sys.stderr)
    out = {}
    for scope in ("supervisor", "every_file"):
        text = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.export_csv", "--scope", scope, "--json"],
            capture_output=True, text=True, check=True, env=dict(os.environ),
        ).stdout  # fmt: skip
        out[scope] = json.loads(text.strip().splitlines()[-1])
        x = out[scope]
        print(f"  csv_export {scope:<17} {x['seconds']:7.2f} s  {x['rows']:>9,} rows  peak {x['peak_mb']} MB "
              f"(tracemalloc), RSS {x['rss_before_mb']} -> max {x['max_rss_mb']} MB", file=sys.stderr)  # fmt: skip
    bench.results["csv_export"] = {**out["every_file"], "supervisor": out["supervisor"]}
