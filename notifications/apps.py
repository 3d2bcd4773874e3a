from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """No history rule (``casemgmt.history``) to register: this app's only change-log row,
    ``preferences_set``, is about the user's own account and names no prisoner."""

    name = "notifications"
    verbose_name = _("Reminders and notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.views import health
        from notifications.services import sweep_health

        # /healthz: the age of beat's last reminder sweep against its interval (same query)
        health.register("reminder_sweep", *sweep_health())
