from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Run the reminder sweep now (what beat runs every hour); --dry-run only lists what is due."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        if dry_run:
            due = services.sweep(dry_run=True)
            for d in due:
                self.stdout.write(
                    f"{d.due_date}  {d.kind:20}  {d.subject_type}:{d.subject_id}  → user {d.recipient_id}"
                )
            self.stdout.write(f"{len(due)} reminders due (already sent ones included; nothing written)")
            return
        run = services.sweep()
        self.stdout.write(
            self.style.SUCCESS(
                f"sweep {run.pk}: {run.created} new reminders from {run.considered} records in {run.batches} batches"
            )
        )
