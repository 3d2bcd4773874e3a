from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from intake import history, tabs

        tabs.register()
        history.register()
        from intake import home

        home.register()  # its section of the home page (casemgmt.home)
