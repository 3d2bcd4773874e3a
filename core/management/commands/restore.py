from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.utils.translation import gettext as _

from core import backup


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into DATABASE_URL and PRIVATE_MEDIA_ROOT, "
        "then prove it: the audit chains verify and the append-only triggers refuse changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that is not empty (media moved aside)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connections.close_all()  # pg_restore --clean must not wait behind this process
        try:
            done = backup.restore(
                archive=Path(options["archive"]),
                database_url=backup.database_url(connection.settings_dict),
                media_root=Path(settings.PRIVATE_MEDIA_ROOT),
                force=options["force"],
            )
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if done.media_moved_to:
            self.stdout.write(
                _("The media folder found was moved aside to %(folder)s.") % {"folder": done.media_moved_to}
            )
        problems = backup.verify(
            database_url=backup.database_url(connection.settings_dict), manifest=done.manifest
        )
        if problems:
            raise CommandError(_("Restored, but the proof FAILED:") + "\n" + "\n".join(problems))
        files = len(done.manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(archive)s (taken %(taken)s, %(files)s files): audit chains intact, "
                    "append-only triggers in force."
                )
                % {"archive": done.archive, "taken": done.manifest["created_at"], "files": files}
            )
        )
