"""Security operations: movements (where a person is and how they got there), the
search log with finds and their chain of custody, and incident reports.

``Movement`` is the history of a prisoner's location; ``Prisoner.facility``,
``unit``, ``cell`` and ``custody_status`` are its denormalised present, written
only by ``custody.services.movement_record`` in the same transaction.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from custody.choices import OUT_KINDS, MovementKind
from custody.querysets import CustodyQuerySet


class Movement(models.Model):
    """One change of a prisoner's location, with when, from, to, who authorised it and why
    (Mandela Rule 7(c): the day and hour of admission, release and any transfer).
    Rows are never changed or deleted (a database trigger refuses it)."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="movements", verbose_name=_("prisoner")
    )
    kind = models.CharField(_("movement"), max_length=14, choices=MovementKind.choices)
    occurred_at = models.DateTimeField(_("date and hour"))
    from_facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_unit = models.ForeignKey(
        "casemgmt.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_cell = models.ForeignKey(
        "casemgmt.Cell", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements_in",
        verbose_name=_("facility"),
    )
    to_unit = models.ForeignKey(
        "casemgmt.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    to_cell = models.ForeignKey(
        "casemgmt.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cell"),
    )
    external_place = models.CharField(_("place outside the facility"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    authorised_by = models.CharField(_("authorised by"), max_length=200, blank=True)
    conflicts = models.JSONField(_("conflicts found"), default=list, blank=True)
    override_reason = models.TextField(_("reason for overriding the conflicts"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    property_signed = models.BooleanField(_("the prisoner signed for the property returned"), default=False)
    property_note = models.CharField(_("property note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["prisoner", "-occurred_at"], name="movement_history")]
        constraints = [
            models.CheckConstraint(
                condition=Q(override_reason="") | Q(override_by__isnull=False),
                name="movement_override_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in OUT_KINDS]) | ~Q(external_place=""),
                name="movement_out_has_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner_id}: {self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)
