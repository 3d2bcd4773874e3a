from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseMgmtConfig(AppConfig):
    name = "casemgmt"
    verbose_name = _("Case management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # checks: every routed view must declare its access (manage.py check refuses otherwise)
        from casemgmt import checks, outbox, signals  # noqa: F401 - registers the check, connects the receivers

        outbox.connect_signals()  # a worker confirms the outbox message of each task it ran
