from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from core import backup


class Command(BaseCommand):
    help = "Write one archive (database dump, uploaded files, manifest with checksums) into --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(settings.BASE_DIR / "backups"), help="folder of the archive")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            archive = backup.backup(
                database_url=backup.database_url(connection.settings_dict),
                media_root=Path(settings.PRIVATE_MEDIA_ROOT),
                out_dir=Path(options["out"]),
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(archive)s") % {"archive": archive}))
