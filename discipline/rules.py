"""Checks and hooks shared by the discipline services (reports, appeals, separations)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.choices import Role
from casework.models import Allocation
from classification import services as classification
from core import audit
from core.choices import AuditAction
from discipline.models import Report
from notifications import services as notifications
from notifications.choices import ReminderKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from casemgmt.models import Prisoner


def refuse(rule: StrOrPromise, message: StrOrPromise, field: str | None = None) -> NoReturn:
    text = f"{rule}: {message}"
    raise ValidationError({field: text} if field else text, code="prohibited")


def not_health(actor: Any) -> None:
    if (
        actor is not None
        and Role.HEALTH in actor.roles
        and not ({Role.OFFICER, Role.SUPERVISOR} & actor.roles)
    ):
        refuse(_("Mandela Rule 46(1)"), _("health care staff take no part in disciplinary proceedings."))


def now_or(value: dt.datetime | None, field: str) -> dt.datetime:
    value = value or timezone.now()
    if value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: _("The date cannot be in the future.")})
    return value


def check_day(value: dt.date, field: str, past_days: int = 366, future_days: int = 0) -> None:
    today = timezone.localdate()
    if value > today + dt.timedelta(days=future_days):
        raise ValidationError({field: _("The date cannot be so far in the future.")})
    if value < today - dt.timedelta(days=past_days):
        raise ValidationError({field: _("The date is implausibly far in the past.")})


def feed_case(
    actor: Any,
    prisoner: Prisoner,
    note: str,
    subject_type: str,
    subject_id: int,
    link: str,
    flag: bool = True,
) -> None:
    """A proven offence or a separation: the next risk review is brought forward with it
    as evidence (``flag``), and the case manager is told (once: the sweep's unique key)."""
    if flag:
        classification.review_flag_raise(actor=actor, prisoner=prisoner, trigger="other", note=note[:300])
    manager = (
        Allocation.objects.filter(prisoner=prisoner, ended_at__isnull=True)
        .values_list("case_manager_id", flat=True)
        .first()
    )
    if manager:
        due = notifications.Due(
            ReminderKind.DISCIPLINE_OUTCOME,
            subject_type,
            subject_id,
            timezone.localdate(),
            manager,
            prisoner.pk,
            link,
        )
        notifications.remind_now([due])


def locked_report(actor: Any, report: Report, action: str) -> Report:
    qs = Report.objects.select_for_update().filter(pk=report.pk)
    if actor is not None:
        qs = qs.restrict(actor, action)
    locked: Report | None = qs.select_related("offence", "prisoner").first()
    if locked is None:
        raise Http404
    return locked


def save_report(actor: Any, report: Report, fields: Iterable[str], reason: str) -> Report:
    report.full_clean()
    report.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        report,
        subject=report.prisoner_id,
        after=audit.snapshot(report, ["status", *fields]),
        reason=reason,
    )
    return report
