"""Writes of the separation log: periods placed, reviewed and ended, daily health visits
(Rules 44-46). Every step is audited in its transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.choices import Role
from core import audit, grants, writes
from core.choices import AuditAction
from discipline import regime
from discipline.choices import ReviewDecision, SeparationKind
from discipline.models import HealthVisit, Separation, SeparationReview
from discipline.rules import check_day, feed_case, now_or, refuse

SEPARATION_FIELDS = [
    "kind",
    "legal_basis",
    "sanction",
    "classification",
    "started_at",
    "planned_end",
    "hours_out",
    "review_days",
]


#: A period starting within this time of the end of the person's previous one continues it.
ADJOINING = dt.timedelta(days=1)


def counted_from(prisoner, started_at):
    """When the consecutive days apart of a period starting at ``started_at`` began: the
    count of the person's previous period if it ended less than a day before (a change of
    ground — disciplinary, protective, the classification's regime — is no break for Rule
    44), else the start itself."""
    previous = (
        Separation.objects.filter(
            prisoner=prisoner,
            ended_at__isnull=False,
            ended_at__gte=started_at - ADJOINING,
            ended_at__lte=started_at,
        )
        .order_by("-ended_at")
        .values_list("counted_from", flat=True)
        .first()
    )
    return previous or started_at


def separation_open(
    *,
    actor,
    prisoner,
    kind,
    legal_basis,
    started_at,
    planned_end,
    hours_out,
    sanction=None,
    classification=None,
    review_days=None,
) -> Separation:
    """Open a period (the callers checked who may): audited, the case manager told, and a
    period that is not the classification's own decision brings the risk review forward."""
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": _("Give the legal basis of the separation.")})
    if Separation.objects.filter(prisoner=prisoner, ended_at__isnull=True).exists():
        raise ValidationError(_("This person is already held apart: end or review that period first."))
    separation = Separation(
        counted_from=counted_from(prisoner, started_at),
        prisoner=prisoner,
        facility_id=prisoner.facility_id,
        kind=kind,
        legal_basis=legal_basis,
        sanction=sanction,
        classification=classification,
        started_at=started_at,
        planned_end=planned_end,
        hours_out=hours_out,
        review_days=review_days or settings.SEPARATION_REVIEW_DAYS,
        placed_by=actor if actor and actor.pk else None,
    )
    writes.create(actor, separation, subject=prisoner.pk, fields=SEPARATION_FIELDS)
    feed_case(
        actor,
        prisoner,
        _("Held apart (%(kind)s) from %(date)s")
        % {"kind": separation.get_kind_display(), "date": timezone.localdate(started_at)},
        "discipline.separation",
        separation.pk,
        reverse("discipline:separation", args=[separation.pk]),
        flag=classification is None,
    )
    return separation


@transaction.atomic
def separation_start(
    *,
    actor,
    prisoner,
    kind: str,
    legal_basis: str,
    hours_out: Decimal,
    planned_end: dt.date | None = None,
    started_at: dt.datetime | None = None,
    review_days: int | None = None,
) -> Separation:
    """A supervisor holds a person apart for protection, administration or the
    classification's separation regime. A disciplinary separation is only ever a
    sanction imposed at a hearing (``sanctions_impose``)."""
    grants.require(actor, prisoner, "change_prisoner")
    if actor is not None and Role.SUPERVISOR not in actor.roles:
        raise Http404
    if kind == SeparationKind.DISCIPLINARY:
        refuse(
            _("Mandela Rule 39(1)"),
            _("a disciplinary separation is imposed only as a sanction at a hearing."),
            "kind",
        )
    if kind not in SeparationKind.values:
        raise ValidationError({"kind": _("Choose the kind of separation.")})
    if prisoner.facility_id is None:
        raise ValidationError(_("This person is not held in a facility."))
    started_at = now_or(started_at, "started_at")
    if started_at < timezone.now() - dt.timedelta(days=366):
        raise ValidationError({"started_at": _("The date is implausibly far in the past.")})
    if planned_end is not None:
        if planned_end < timezone.localdate(started_at):
            raise ValidationError({"planned_end": _("The planned end is before the start.")})
        check_day(planned_end, "planned_end", future_days=366)
    return separation_open(
        actor=actor,
        prisoner=prisoner,
        kind=kind,
        legal_basis=legal_basis,
        started_at=started_at,
        planned_end=planned_end,
        hours_out=hours_out,
        review_days=review_days,
    )


def _locked_separation(actor, separation: Separation, action: str) -> Separation:
    qs = Separation.objects.select_for_update().filter(pk=separation.pk)
    if actor is not None:
        qs = qs.restrict(actor, action)
    locked = qs.first()
    if locked is None:
        raise Http404
    return locked


def separation_close(actor, locked: Separation, reason: str, ended_at=None) -> Separation:
    """End a locked period (the callers checked who may), audited."""
    if locked.ended_at is not None:
        raise ValidationError(_("This separation has already ended."))
    locked.ended_at, locked.ended_by, locked.end_reason = ended_at or timezone.now(), actor, reason[:200]
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        after={"ended_at": locked.ended_at.isoformat(), "end_reason": locked.end_reason},
        reason="end",
    )

    regime.resume(actor, locked)
    return locked


@transaction.atomic
def separation_end(
    *, actor, separation: Separation, reason: str, ended_at: dt.datetime | None = None
) -> Separation:
    locked = _locked_separation(actor, separation, "appeal")
    if not reason.strip():
        raise ValidationError({"end_reason": _("Say why the separation ends.")})
    ended_at = now_or(ended_at, "ended_at")
    if ended_at < locked.started_at:
        raise ValidationError({"ended_at": _("The end is before the start.")})
    return separation_close(actor, locked, reason, ended_at)


@transaction.atomic
def separation_review(*, actor, separation: Separation, decision: str, note: str) -> SeparationReview:
    """A supervisor's review (Rule 45(1): kept under review); ending it ends the period."""
    locked = _locked_separation(actor, separation, "appeal")
    if locked.ended_at is not None:
        raise ValidationError(_("This separation has already ended."))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("Choose the decision.")})
    review = SeparationReview(
        separation=locked, prisoner_id=locked.prisoner_id, decision=decision, note=note, reviewed_by=actor
    )
    writes.create(actor, review, subject=locked.prisoner_id, after={"decision": decision, "note": note})
    if decision == ReviewDecision.END:
        separation_close(actor, locked, _("Ended at review"))
    return review


@transaction.atomic
def health_visit_record(
    *, actor, separation: Separation, visited_at: dt.datetime | None = None, adverse_effects: bool = False
) -> HealthVisit:
    """Health care staff visited the separated person today (Rule 46(1))."""
    locked = _locked_separation(actor, separation, "health")
    visited_at = now_or(visited_at, "visited_at")
    day = timezone.localdate(visited_at)
    if day < timezone.localdate(locked.started_at) or (
        locked.ended_at and day > timezone.localdate(locked.ended_at)
    ):
        raise ValidationError({"visited_at": _("The visit is outside the period of separation.")})
    if HealthVisit.objects.filter(separation=locked, visited_on=day).exists():
        raise ValidationError(_("The visit of this day is already recorded."))
    visit = HealthVisit(
        separation=locked,
        prisoner_id=locked.prisoner_id,
        visited_on=day,
        visited_at=visited_at,
        visited_by=actor,
        adverse_effects=adverse_effects,
    )
    writes.create(
        actor,
        visit,
        subject=locked.prisoner_id,
        after={"separation": locked.pk, "visited_on": day.isoformat(), "adverse_effects": adverse_effects},
        validate_constraints=False,
    )
    return visit
