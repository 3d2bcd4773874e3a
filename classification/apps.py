from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassificationConfig(AppConfig):
    name = "classification"
    verbose_name = _("Risk and classification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from classification import tabs

        tabs.register()
