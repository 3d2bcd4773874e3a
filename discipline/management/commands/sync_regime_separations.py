from django.core.management.base import BaseCommand

from discipline import regime


class Command(BaseCommand):
    help = (
        "Open the separation period of every current classification decision with the "
        "separation regime that has none yet (decisions approved before the link existed). "
        "Safe to run again: it opens nothing twice."
    )

    def handle(self, *args, **options):
        opened = regime.sync()
        self.stdout.write(self.style.SUCCESS(f"{opened} separation periods opened"))
