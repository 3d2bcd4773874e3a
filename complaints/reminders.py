"""The complaints' source of the reminder sweep (``notifications.services.register_source``).

Each deadline not yet met — acknowledgement, answer, and an allegation's referral to an
independent authority — is reminded to the handler (nobody named: whoever may handle it)
from ``COMPLAINT_REMINDER_LEAD_DAYS`` before it; once passed it is escalated to the
facility's supervisors. The sweep's unique key (kind, deadline, complaint, due date,
recipient) makes each of them exactly once. The member of staff complained about is
never told (Rule 57(2)); staff of the facility are told only while they hold the file.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from casemgmt.models import User
from complaints.choices import ROUTE_ROLES, Route, Status
from complaints.models import Complaint
from notifications.services import Due, for_readers, register_source

#: (subject type, due-date field, the field that meets it, reminder kind)
DEADLINES = (
    ("complaint.ack", "acknowledge_due", "acknowledged_at", "complaint_ack"),
    ("complaint.answer", "answer_due", "answered_at", "complaint_answer"),
    ("complaint.referral", "referral_due", "referred_at", "complaint_referral"),
)
ESCALATED = "complaint_overdue"


def _route_staff() -> dict[str, list[int]]:
    out = {}
    for route, role in ROUTE_ROLES.items():
        out[str(route)] = list(
            User.objects.filter(groups__name=role, is_active=True).values_list("pk", flat=True)
        )
    return out


def source(today: dt.date, after_id: int, batch: int, supervisors: dict[int, list[int]]):
    lead = today + dt.timedelta(days=settings.COMPLAINT_REMINDER_LEAD_DAYS)
    pending = Q()
    for _stype, due_field, met_field, _kind in DEADLINES:
        pending |= Q(**{f"{due_field}__lte": lead, f"{met_field}__isnull": True})
    fields = ["pk", "prisoner_id", "facility_id", "route", "confidential", "handler_id", "about_staff_id"]
    fields += [d[1] for d in DEADLINES] + [d[2] for d in DEADLINES]
    rows = list(
        Complaint.objects.filter(pending, pk__gt=after_id)
        .exclude(status=Status.CLOSED)
        .order_by("pk")
        .values(*fields)[:batch]
    )
    route_staff = _route_staff() if rows else {}
    review = reverse("complaints:review")
    found = []
    for row in rows:
        handlers = (
            [row["handler_id"]]
            if row["handler_id"]
            else supervisors.get(row["facility_id"], [])
            if row["route"] == Route.DIRECTOR
            else route_staff.get(row["route"], [])
        )
        # Facility supervisors may not open a confidential complaint: their link is the review page.
        detail = reverse("complaints:detail", args=[row["pk"]])
        for stype, due_field, met_field, kind in DEADLINES:
            due = row[due_field]
            if due is None or row[met_field] is not None or due > lead:
                continue
            for user in set(handlers) - {row["about_staff_id"]}:
                found.append(Due(kind, stype, row["pk"], due, user, row["prisoner_id"], detail))
            if due < today:
                link = review if row["confidential"] else detail
                for user in set(supervisors.get(row["facility_id"], [])) - {row["about_staff_id"]}:
                    found.append(Due(ESCALATED, stype, row["pk"], due, user, row["prisoner_id"], link))
    return (
        _recipients_who_read(found, route_staff, rows),
        (rows[-1]["pk"] if len(rows) == batch else None),
        len(rows),
    )


def _recipients_who_read(found, route_staff, rows):
    """A registered source answers for its recipients: the outside authority's members by
    their role (they hold no grant on the file), everyone else only while they hold the
    file (a handler or supervisor of a facility the person has left gets nothing)."""
    route_of = {row["pk"]: row["route"] for row in rows}
    by_role = [d for d in found if d.recipient_id in route_staff.get(route_of[d.subject_id], ())]
    return by_role + for_readers([d for d in found if d not in by_role])


def register() -> None:
    register_source("complaints", source)
