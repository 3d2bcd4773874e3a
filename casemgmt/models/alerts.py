from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    ILL_TREATMENT = "ill_treatment", _("Complaint of ill-treatment")
    URGENT_HEALTH = "urgent_health", _("Urgent health need at reception")
    DEATH = "death", _("Death in custody")
    PLACEMENT = "placement", _("Placement against Mandela Rule 11")


class Alert(models.Model):
    """Something a facility's supervisors must act on now (e.g. an allegation of
    ill-treatment, Mandela Rule 57). Shown until a supervisor acknowledges it."""

    facility = models.ForeignKey("casemgmt.Facility", on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    message = models.CharField(_("message"), max_length=300)
    link = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["facility", "acknowledged_at"], name="alert_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"
