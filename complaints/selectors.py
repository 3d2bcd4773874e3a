"""Reads of the requests and complaints register; each starts from the restriction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from classification.models import Classification
from complaints.choices import OPEN_STATUSES, Category, ReprisalKind, Route, Status
from complaints.models import Complaint, ReprisalReview
from complaints.standards import overdue_q
from custody.models import Movement
from rehabilitation.models import StatusChange

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

    from casemgmt.models import Facility, Prisoner

    class Access(TypedDict):
        readable: bool
        handleable: bool

    #: complaints annotated with ``readable`` and ``handleable`` (``with_access``)
    Visible = QuerySet[WithAnnotations[Complaint, Access]]

RELATED = ("prisoner", "facility", "handler", "about_staff")


def visible(*, user: Any, action: str = "exists") -> Visible:
    """The complaints the user may know of (``exists``), each saying whether its content
    is readable and whether the user may handle it."""
    return Complaint.objects.restrict(user, action).with_access(user).select_related(*RELATED)


def of_file(*, user: Any, prisoner: Prisoner) -> list[Complaint]:
    return list(visible(user=user).filter(prisoner=prisoner))


def register(
    *,
    user: Any,
    status: str = "",
    category: str = "",
    route: str = "",
    overdue: bool = False,
    facility: Facility | None = None,
    today: dt.date | None = None,
) -> Visible:
    """The facility register with its filters. Filtering by category or route narrows to the
    complaints whose content the user may read (a confidential one's category is content)."""
    qs = visible(user=user)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if category or route:
        qs = qs.filter(readable=True)
    if category:
        qs = qs.filter(category=category)
    if route:
        qs = qs.filter(route=route)
    if overdue:
        qs = qs.filter(overdue_q(today or timezone.localdate()))
    if facility is not None:
        qs = qs.filter(facility=facility)
    return qs


def overdue(*, user: Any, today: dt.date | None = None) -> Visible:
    return visible(user=user).filter(overdue_q(today or timezone.localdate())).order_by("received_at", "pk")


# --- no reprisal (Rule 57(2)) ------------------------------------------------------------

LEVEL_RANK = {"standard": 0, "enhanced": 1, "high": 2}


@dataclass
class AfterComplaint:
    """Something that happened to a complainant within the window after a complaint."""

    kind: str
    event_id: int
    at: dt.datetime
    prisoner: Prisoner
    complaint: Complaint
    detail: str = ""

    @property
    def label(self) -> StrOrPromise:
        return ReprisalKind(self.kind).label


def _complaint_before(
    complaints: dict[int, list[Complaint]], prisoner_id: int, at: dt.datetime, window: dt.timedelta
) -> Complaint | None:
    """The latest complaint of the person made before ``at`` and within the window."""
    for complaint in complaints.get(prisoner_id, []):  # newest first
        if complaint.received_at <= at <= complaint.received_at + window:
            return complaint
    return None


def after_complaint(*, user: Any, now: dt.datetime | None = None) -> list[AfterComplaint]:
    """Cell moves, transfers, a raised security level and a lost programme place of a
    complainant within ``COMPLAINT_REPRISAL_WINDOW_DAYS`` after their complaint, not yet
    reviewed, for the supervisors of their file (``view_complaints``). Reads the other
    apps' records, never writes them."""
    now = now or timezone.now()
    window = dt.timedelta(days=settings.COMPLAINT_REPRISAL_WINDOW_DAYS)
    since = now - 2 * window  # events still in some complaint's window
    complaints: dict[int, list[Complaint]] = {}
    rows = (
        Complaint.objects.restrict(user, "complainants")
        .filter(received_at__gte=since)
        .select_related("prisoner")
        .order_by("-received_at")
    )
    for complaint in rows:
        complaints.setdefault(complaint.prisoner_id, []).append(complaint)
    if not complaints:
        return []
    ids = list(complaints)
    earliest = min(c.received_at for cs in complaints.values() for c in cs)
    found: list[AfterComplaint] = []

    def add(kind: str, event_id: int, prisoner_id: int, at: dt.datetime, detail: str = "") -> None:
        complaint = _complaint_before(complaints, prisoner_id, at, window)
        if complaint is not None:
            found.append(AfterComplaint(kind, event_id, at, complaint.prisoner, complaint, detail))

    moves = Movement.objects.filter(
        prisoner_id__in=ids, kind__in=["cell_move", "transfer"], occurred_at__gte=earliest
    ).select_related("to_facility", "to_cell")
    for m in moves:
        where = m.to_cell or m.to_facility
        add(
            ReprisalKind.CELL_MOVE if m.kind == "cell_move" else ReprisalKind.TRANSFER,
            m.pk,
            m.prisoner_id,
            m.occurred_at,
            str(where or ""),
        )

    decisions = list(
        Classification.objects.filter(prisoner_id__in=ids, decided_at__isnull=False)
        .exclude(status="proposed")
        .order_by("prisoner_id", "decided_at")
        .values("pk", "prisoner_id", "decided_at", "security_level")
    )
    previous: dict[int, str] = {}
    for d in decisions:
        before = previous.get(d["prisoner_id"])
        previous[d["prisoner_id"]] = d["security_level"]
        raised = before is not None and LEVEL_RANK.get(d["security_level"], 0) > LEVEL_RANK.get(before, 0)
        if raised and d["decided_at"] >= earliest:
            add(ReprisalKind.RECLASSIFIED, d["pk"], d["prisoner_id"], d["decided_at"], d["security_level"])

    lost = StatusChange.objects.filter(
        referral__prisoner_id__in=ids, status__in=["suspended", "withdrawn"], at__gte=earliest
    ).select_related("referral__offering__programme")
    for change in lost:
        add(
            ReprisalKind.PROGRAMME_LOST,
            change.pk,
            change.referral.prisoner_id,
            change.at,
            str(change.referral.offering.programme),
        )

    reviewed = set(
        ReprisalReview.objects.filter(
            event_id__in=[f.event_id for f in found], event_kind__in={f.kind for f in found}
        ).values_list("event_kind", "event_id")
    )
    return sorted(
        (f for f in found if (f.kind, f.event_id) not in reviewed), key=lambda f: f.at, reverse=True
    )


# --- statistics --------------------------------------------------------------------------


def statistics(
    *,
    user: Any,
    facility: Facility | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Counts over the complaints whose content the user may read (a confidential one's
    category and route are content), plus how many confidential ones exist and are overdue."""
    today = today or timezone.localdate()
    base = Complaint.objects.all()
    if facility is not None:
        base = base.filter(facility=facility)
    if since:
        base = base.filter(received_at__date__gte=since)
    if until:
        base = base.filter(received_at__date__lte=until)
    readable = base.restrict(user, "view")
    by: dict[str, list[dict[str, Any]]] = {}
    for field in ("category", "route", "facility__name"):
        by[field] = list(readable.values(field).annotate(n=Count("pk")).order_by("-n", field))
    by["month"] = list(
        readable.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    totals = readable.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(today)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        on_time=Count("pk", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("answer_due"))),
        allegations=Count("pk", filter=Q(category=Category.ILL_TREATMENT)),
        referred=Count("pk", filter=Q(category=Category.ILL_TREATMENT, referred_at__isnull=False)),
    )
    hidden = (
        base.restrict(user, "exists")
        .exclude(pk__in=readable.values("pk"))
        .aggregate(confidential=Count("pk"), confidential_overdue=Count("pk", filter=overdue_q(today)))
    )
    totals.update(hidden)
    totals["on_time_percent"] = (
        round(100 * totals["on_time"] / totals["answered"]) if totals["answered"] else None
    )
    totals["not_referred"] = totals["allegations"] - totals["referred"]
    labels = {"category": dict(Category.choices), "route": dict(Route.choices)}  # the field's choices
    for field in ("category", "route"):
        for row in by[field]:
            row["label"] = labels[field].get(row[field], row[field])
    return {"totals": totals, "by": by, "status_labels": dict(Status.choices)}
