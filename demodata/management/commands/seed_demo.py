import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demodata import builder as demo


class Command(BaseCommand):
    help = "Create the demo facilities, staff accounts and prisoners (once)."

    def add_arguments(self, parser):
        parser.add_argument("--prisoners", type=int, default=200)
        parser.add_argument("--password", help="password for every demo account")

    def handle(self, *args, prisoners, password, **options):
        if not settings.DEBUG and not password:
            raise CommandError(
                "DEBUG is off: refusing to create demo accounts with the "
                "published demo password. Pass --password to choose one."
            )
        if demo.already_seeded():
            self.stdout.write("Demo data is already there; nothing to do.")
            return
        password = password or settings.DEMO_PASSWORD

        def progress(done, total):
            if done % 20 == 0 or done == total:
                sys.stdout.write(f"\r  prisoners {done}/{total}")
                sys.stdout.flush()
                if done == total:
                    sys.stdout.write("\n")

        self.stdout.write("Seeding demo data...")
        built = demo.build(prisoners=prisoners, password=password, progress=progress, casework=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(built.facilities)} facilities, {len(built.users)} accounts, "
                f"{sum(len(p) for p in built.prisoners.values())} prisoners."
            )
        )
