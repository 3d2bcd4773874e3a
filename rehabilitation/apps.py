from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabilitationConfig(AppConfig):
    name = "rehabilitation"
    verbose_name = _("Rehabilitation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from rehabilitation import tabs

        tabs.register()
