from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseMgmtConfig(AppConfig):
    name = "casemgmt"
    verbose_name = _("Case management")
    default_auto_field = "django.db.models.BigAutoField"
