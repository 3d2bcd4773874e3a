from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    ILL_TREATMENT = "ill_treatment", _("Complaint of ill-treatment")
    URGENT_HEALTH = "urgent_health", _("Urgent health need at reception")
    DEATH = "death", _("Death in custody")
    PLACEMENT = "placement", _("Placement against Mandela Rule 11")


#: The texts of the alerts by code: an alert stores its code and values and is read in the
#: reader's language (issue 23: it used to be stored in the raiser's). The texts name no one:
#: the home page lists them without opening a file.
ALERT_MESSAGES = {
    "death_recorded": _("A death in custody was recorded: refer it for an independent investigation."),
    "ill_treatment_after_admission": _("A complaint of ill-treatment was recorded after admission."),
    "ill_treatment_at_reception": _("A complaint of ill-treatment was recorded at reception."),
    "ill_treatment_in_complaint": _(
        "An allegation of torture or ill-treatment was made in a request or complaint."
    ),
    "placement_after_correction": _(
        "An identity correction puts a person in a unit of another category (Mandela Rule 11)."
    ),
    "urgent_health_at_reception": _("An urgent health need was found at reception."),
}


def alert_text(code: str, params: dict | None = None) -> str | None:
    """The alert in the active language (None for an unknown code)."""
    template = ALERT_MESSAGES.get(code)
    if template is None:
        return None
    return str(template) % params if params else str(template)


class Alert(models.Model):
    """Something a facility's supervisors must act on now (e.g. an allegation of
    ill-treatment, Mandela Rule 57). Shown until a supervisor acknowledges it."""

    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, related_name="alerts", db_index=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    # the code and values of the text (``ALERT_MESSAGES``), rendered in the reader's language;
    # ``message`` keeps the text as the raiser read it (and is all a row from before has)
    code = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
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
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def text(self) -> str:
        """The alert in the reader's language; a row stored before the codes reads as written."""
        return alert_text(self.code, self.params) or self.message
