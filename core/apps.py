from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared engine: restriction, grants, audit, read audit, bases of views and viewsets,
    the edge. It imports no domain app; the file model it restricts is named by the
    setting ``CASE_FILE_MODEL`` (``core.querysets.file_model``)."""

    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # checks: every routed view must declare its access (manage.py check refuses otherwise)
        from core import checks, outbox, signals  # noqa: F401 - registers the check, connects the receivers

        outbox.connect_signals()  # a worker confirms the outbox message of each task it ran
        self._forget_prepared_statements_on_change()

    @staticmethod
    def _forget_prepared_statements_on_change() -> None:
        """A prepared statement (``core.prepared``) holds the settings and content type ids
        its build read: compiled again after a setting changes (tests) or a database is
        migrated or flushed (a transactional test's flush numbers content types anew)."""
        from django.core.signals import setting_changed
        from django.db.models.signals import post_migrate

        from core.prepared import forget_all

        setting_changed.connect(forget_all, dispatch_uid="core.prepared.settings")
        post_migrate.connect(forget_all, dispatch_uid="core.prepared.migrate")
