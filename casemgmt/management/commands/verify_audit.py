from django.core.management.base import BaseCommand, CommandError

from casemgmt import audit


class Command(BaseCommand):
    help = "Recompute the audit trail's hash chain; report the first broken row or OK."

    def handle(self, *args, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(
                f"audit chain BROKEN at event id {result.broken_id} after {result.checked} "
                f"good rows: {result.problem}"
            )
        self.stdout.write(self.style.SUCCESS(f"OK: {result.checked} audit events, chain intact"))
