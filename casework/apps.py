from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Case management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casework import history_rules, tabs

        tabs.register()
        history_rules.register()
        from casework import home

        home.register()  # its section of the home page (casemgmt.home)
