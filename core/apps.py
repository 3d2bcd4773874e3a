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
