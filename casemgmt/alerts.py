"""Alerts to a facility's supervisors: raised by services, acknowledged by a supervisor."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.choices import Role
from casemgmt.models.alerts import ALERT_MESSAGES, Alert, AlertKind, alert_text
from core import audit, writes
from core.choices import AuditAction

__all__ = ["ALERT_MESSAGES", "AlertKind", "alert_acknowledge", "alert_create", "alerts_for"]


@transaction.atomic
def alert_create(
    *,
    actor,
    facility,
    kind: str,
    code: str,
    params: dict | None = None,
    link: str = "",
    object_type: str = "",
    object_id: str = "",
) -> Alert:
    """Raise an alert to the facility's supervisors. It stores the code of its text and
    the values (``ALERT_MESSAGES``), so each reader reads it in their own language."""
    if code not in ALERT_MESSAGES:
        raise ValueError(f"unknown alert code: {code}")
    alert = Alert(
        facility=facility,
        kind=kind,
        code=code,
        params=params or {},
        message=(alert_text(code, params) or "")[:300],
        link=link,
        object_type=object_type,
        object_id=object_id,
        created_by=actor if actor and actor.pk else None,
    )
    writes.create(actor, alert, after={"kind": kind, "facility": facility.code})
    return alert


def alerts_for(user) -> QuerySet[Alert]:
    """Open alerts of the facilities where the user is a supervisor."""
    if not user.is_authenticated or Role.SUPERVISOR not in user.roles:
        return Alert.objects.none()
    return Alert.objects.filter(
        facility__assignments__user=user, acknowledged_at__isnull=True
    ).select_related("facility")


@transaction.atomic
def alert_acknowledge(*, actor, alert: Alert) -> Alert:
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if not alerts_for(actor).filter(pk=locked.pk).exists():
        raise ValidationError(_("This alert is not yours to acknowledge."))
    locked.acknowledged_at = timezone.now()
    locked.acknowledged_by = actor
    locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
    audit.record(actor, AuditAction.UPDATE, locked, after={"acknowledged": True})
    return locked
