from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditlogConfig(AppConfig):
    """The audit viewer: the change log and the read log, for auditors. No models: it
    reads ``casemgmt.AuditEvent`` and ``casemgmt.ReadEvent``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "auditlog"
    verbose_name = _("Audit viewer")
