"""``manage.py seed_bench --prisoners 100000``: the national benchmark data set.

Builds into an empty, migrated database (use a separate one: ``make bench`` uses
``casemgmt_bench``). See ``bench/seed.py`` for what is generated and how.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from bench import seed as generator


class Command(BaseCommand):
    help = "Generate the benchmark data set (bulk COPY) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--prisoners", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
        parser.add_argument(
            "--checked", action="store_true", help="keep foreign-key triggers on during the load (slower)"
        )
        parser.add_argument("--if-missing", action="store_true", help="do nothing if the set is there")

    def handle(self, *args, prisoners, seed, no_progress, checked, if_missing, **options):
        if if_missing and generator.already_seeded():
            self.stdout.write("The benchmark data set is already there.")
            return
        if prisoners < 100:
            raise CommandError("--prisoners must be at least 100")
        start = time.perf_counter()
        try:
            ctx = generator.build(
                prisoners=prisoners, seed=seed, progress=not no_progress, fast_load=not checked
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        for line in generator.summary_lines(ctx):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"{prisoners:,} prisoners in {time.perf_counter() - start:.0f} s")
        )
