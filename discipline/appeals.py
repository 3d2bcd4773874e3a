"""The appeal or review of a disciplinary sanction by a higher authority (Mandela Rule 41(4)).

An outcome that quashes the finding cancels every sanction of it; "sanctions reduced"
shortens or cancels the sanctions it names. Either way the running sanction's last day
moves, and a separation the sanction started ends (or its planned end moves) in the
same transaction, each change audited and kept with the appeal.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.choices import AuditAction
from discipline.choices import AppealOutcome, Status
from discipline.models import Report, Sanction, Separation
from discipline.rules import check_day, locked_report, save_report
from discipline.separations import separation_close

#: the new number of days that cancels a sanction
CANCEL = 0


@transaction.atomic
def appeal_lodge(*, actor, report: Report, lodged_on: dt.date, grounds: str) -> Report:
    """The person appeals the finding or the sanctions (recorded by the facility's staff)."""
    locked = locked_report(actor, report, "report")
    if locked.status != Status.HEARD:
        raise ValidationError(_("Only a proved charge can be appealed."))
    if not grounds.strip():
        raise ValidationError({"appeal_grounds": _("Write the grounds of the appeal.")})
    check_day(lodged_on, "appeal_on")
    locked.appeal_on, locked.appeal_grounds, locked.status = lodged_on, grounds, Status.APPEALED
    return save_report(actor, locked, ["appeal_on", "appeal_grounds"], "appeal")


def _changes(outcome: str, sanctions: list[Sanction], reductions: dict | None) -> dict[int, int]:
    """Sanction id -> its new number of days (``CANCEL``: cancelled), checked."""
    if outcome == AppealOutcome.QUASHED:
        return {s.pk: CANCEL for s in sanctions}
    wanted = {int(k): v for k, v in (reductions or {}).items() if v is not None and v != ""}
    if outcome == AppealOutcome.UPHELD:
        if wanted:
            raise ValidationError(
                {"reductions": _("An appeal that upholds the sanctions changes none of them.")}
            )
        return {}
    by_id = {s.pk: s for s in sanctions}
    if set(wanted) - set(by_id):
        raise ValidationError(
            {"reductions": _("Only a sanction of this report still in force can be reduced.")}
        )
    for pk, days in wanted.items():
        current = by_id[pk].effective_days
        if days < 0 or (current is None and days != CANCEL) or (current is not None and days >= current):
            raise ValidationError(
                {
                    "reductions": _("%(sanction)s: give fewer days than %(days)s, or 0 to cancel it.")
                    % {"sanction": by_id[pk].kind.name, "days": current or 0}
                }
            )
    if not wanted:
        raise ValidationError({"reductions": _("Say which sanctions are reduced or cancelled.")})
    return wanted


def _vary(actor, sanction: Sanction, days: int, reason: str) -> None:
    """Shorten or cancel one sanction; its separation ends or its planned end moves."""
    before = {"days": sanction.effective_days, "ends_on": sanction.ends_on}
    now = timezone.now()
    if days == CANCEL:
        sanction.cancelled_at = now
    else:
        sanction.appeal_days = days
    sanction.save(update_fields=["cancelled_at", "appeal_days"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        sanction,
        subject=sanction.prisoner_id,
        before=before,
        after={
            "days": None if days == CANCEL else days,
            "ends_on": None if days == CANCEL else sanction.ends_on,
            "cancelled_at": sanction.cancelled_at,
        },
        reason=reason,
    )
    separation = (
        Separation.objects.select_for_update().filter(sanction=sanction, ended_at__isnull=True).first()
    )
    if separation is None:
        return
    end = None if days == CANCEL else sanction.ends_on
    if end is None or end < timezone.localdate():
        separation_close(actor, separation, reason, ended_at=max(now, separation.started_at))
        return
    planned = separation.planned_end
    separation.planned_end = end
    separation.full_clean()
    separation.save(update_fields=["planned_end"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        separation,
        subject=separation.prisoner_id,
        before={"planned_end": planned},
        after={"planned_end": end},
        reason=reason,
    )


@transaction.atomic
def appeal_decide(
    *, actor, report: Report, outcome: str, reasons: str, reductions: dict | None = None
) -> Report:
    """A higher authority — a supervisor who neither reported nor heard it — decides.

    ``reductions`` (for "sanctions reduced"): ``{sanction id: new days}``, 0 cancels it."""
    locked = locked_report(actor, report, "appeal")
    if actor is not None and actor.pk in (locked.heard_by_id, locked.reported_by_id):
        raise ValidationError(
            _("The appeal is decided by a higher authority, not by who reported or heard it.")
        )
    if locked.status != Status.APPEALED:
        raise ValidationError(_("There is no appeal to decide."))
    if outcome not in AppealOutcome.values:
        raise ValidationError({"appeal_outcome": _("Choose the outcome.")})
    if not reasons.strip():
        raise ValidationError({"appeal_reasons": _("Give the reasons of the decision.")})
    sanctions = list(
        Sanction.objects.select_for_update()
        .filter(report=locked, cancelled_at__isnull=True)
        .select_related("kind")
        .order_by("pk")
    )
    changes = _changes(outcome, sanctions, reductions)
    locked.appeal_outcome, locked.appeal_reasons = outcome, reasons
    locked.appeal_by, locked.appeal_at, locked.status = actor, timezone.now(), Status.CLOSED
    save_report(actor, locked, ["appeal_outcome", "appeal_reasons", "appeal_at"], "appeal decided")
    reason = {
        AppealOutcome.QUASHED: _("Finding quashed on appeal"),
        AppealOutcome.VARIED: _("Sanction reduced on appeal"),
    }.get(outcome, "")
    for sanction in sanctions:
        if sanction.pk in changes:
            _vary(actor, sanction, changes[sanction.pk], reason)
    return locked
