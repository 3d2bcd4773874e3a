"""A prepared export (the job a worker runs: XLSX or CSV file) measured in a process of its own:
seconds, rows and the process's max RSS (issue 25: the job's files are gathered in SQL, so the
worker holds no list of ids; what remains is the file writer's own memory).

    DATABASE_URL=... .venv/bin/python -m bench.export_job [--scope every_file|supervisor] [--format xlsx|csv]

Against a database seeded by ``seed_bench``: the largest facility's supervisor's job, run by
``reports.services.export_job_run`` in this process (as the Celery task calls it), in a
transaction rolled back afterwards (the job and its file leave nothing behind). ``every_file``
switches the restriction off as ``bench.export_csv`` does. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=["every_file", "supervisor"], default="supervisor")
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import transaction
    from django.db.models import F, Func, IntegerField

    from bench.measure import Bench, nullcontext, unrestricted
    from reports import services
    from reports.models import ExportJob

    who = Bench(1).people()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with transaction.atomic(), unrestricted() if args.scope == "every_file" else nullcontext():
        job = ExportJob.objects.create(
            user=who["supervisor"], export="prisoners", format=args.format,
            reason="Benchmark of a prepared export (issue 25)", language="ru",
        )  # fmt: skip
        start = time.perf_counter()
        job = services.export_job_run(job_id=job.pk)
        seconds = time.perf_counter() - start
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = job.file.size
        # counted by PostgreSQL: loading the array here would be this script's memory, not the job's
        named = Func(F("subjects"), function="cardinality", output_field=IntegerField())
        files = ExportJob.objects.filter(pk=job.pk).annotate(n=named).values_list("n", flat=True)[0]
        job.file.delete(save=False)
        transaction.set_rollback(True)
    print(f"{args.scope} {args.format}: {seconds:.2f} s, {job.rows_total:,} rows, {files:,} files named, "
          f"{size / 1e6:.1f} MB, max RSS {rss_before:.0f} MB before, {max_rss:.0f} MB after")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
