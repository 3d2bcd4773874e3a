"""Reads of rehabilitation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rehabilitation.choices import PRESENT, EnrolmentStatus, ReferralStatus
from rehabilitation.models import Attendance, Enrolment, Offering, Referral, Session
from rehabilitation.querysets import RUN

if TYPE_CHECKING:
    from casemgmt.models import Prisoner


def offerings_for(user: Any) -> QuerySet[Offering]:
    """Offerings the user runs, or supervises at their facility."""
    return Offering.objects.restrict(user, RUN).select_related("programme", "facility")


def sessions_today(*, user: Any) -> QuerySet[Session]:
    return (
        Session.objects.restrict(user, RUN)
        .filter(date=timezone.localdate())
        .select_related("offering__programme", "offering__facility")
    )


def offering_stats(offering: Offering) -> dict[str, Any]:
    """Participants, attendance rate, completions and drop-outs, in two queries."""
    counts = Enrolment.objects.filter(offering=offering).aggregate(
        active=Count("pk", filter=Q(status=EnrolmentStatus.ACTIVE)),
        suspended=Count("pk", filter=Q(status=EnrolmentStatus.SUSPENDED)),
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        withdrawn=Count("pk", filter=Q(status=EnrolmentStatus.WITHDRAWN)),
    )
    attendance = Attendance.objects.filter(session__offering=offering).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(status__in=list(PRESENT)))
    )
    rate = round(100 * attendance["present"] / attendance["total"]) if attendance["total"] else None
    return {
        **counts,
        "attendance_rate": rate,
        "attendance_records": attendance["total"],
        "free": max(offering.capacity - counts["active"] - counts["suspended"], 0),
    }


def prisoner_programmes(*, user: Any, prisoner: Prisoner) -> list[Referral]:
    return list(
        Referral.objects.restrict(user)
        .filter(prisoner=prisoner)
        .select_related("offering__programme", "offering__facility", "enrolment")
        .order_by("-referred_at")
    )


def live_referrals(offering: Offering) -> QuerySet[Referral]:
    return (
        offering.referrals.filter(status__in=[ReferralStatus.PENDING, ReferralStatus.WAITING])
        .select_related("prisoner")
        .order_by("referred_at", "id")
    )


def programme_record(prisoner: Prisoner) -> list[Enrolment]:
    """The person's programme enrolments, newest first, with the goals' ratings and the
    attendance (sessions attended or late, of those recorded), for the risk assessor."""
    return list(
        Enrolment.objects.filter(prisoner=prisoner)
        .select_related("offering__programme")
        .prefetch_related("outcomes__goal")
        .annotate(
            sessions=Count("attendance"),
            attended=Count("attendance", filter=Q(attendance__status__in=["attended", "late"])),
        )
        .order_by("-id")[:20]
    )
