from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseMgmtConfig(AppConfig):
    name = "casemgmt"
    verbose_name = _("Case management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import signals  # noqa: F401 - connects the receivers

        # TODO(issue 16): import casemgmt.checks here once every app declares its access.
