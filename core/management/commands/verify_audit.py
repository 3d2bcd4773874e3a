from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core import audit


class Command(BaseCommand):
    help = "Recompute both hash chains (changes and reads); report the first broken row or OK."

    def handle(self, *args: Any, **options: Any) -> None:
        for result in audit.verify_all():
            if not result.ok:
                raise CommandError(
                    f"{result.chain}: chain BROKEN at event id {result.broken_id} after {result.checked} "
                    f"good rows: {result.problem}"
                )
            self.stdout.write(self.style.SUCCESS(f"OK: {result.checked} {result.chain}, chain intact"))
