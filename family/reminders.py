"""The family app's source of the reminder sweep (``notifications.services.register_source``).

- A contact restriction whose review date comes within ``FAMILY_RESTRICTION_REVIEW_LEAD_DAYS``
  (or has passed) reminds the facility's supervisors and whoever imposed it.
- A child living in prison who reaches the age limit (``FAMILY_CHILD_AGE_LIMIT_YEARS``)
  within ``FAMILY_CHILD_AGE_REMINDER_DAYS`` reminds the mother's case manager and the
  facility's supervisors.

The sweep's unique key (kind, subject, due date, recipient) makes each exactly once;
recipients are kept only while they may read the file (``for_readers``), and a child's
reminder only for holders of ``view_family``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from casemgmt.choices import CustodyStatus
from casemgmt.models import PrisonerGroupObjectPermission, PrisonerUserObjectPermission
from casework.models import Allocation
from family.models import Child, Restriction
from family.services import age_limit_date
from notifications.services import Due, for_readers, register_source

RESTRICTION = "restriction_review"
CHILD = "child_age_limit"


def source(today: dt.date, after_id: int, batch: int, supervisors: dict[int, list[int]]):
    """Restrictions and children together, by a combined cursor: restrictions use ids
    as they are, children ids shifted by 10**12 (one pass, resumable)."""
    found = []
    shift = 10**12
    n = 0
    if after_id < shift:
        lead = today + dt.timedelta(days=settings.FAMILY_RESTRICTION_REVIEW_LEAD_DAYS)
        rows = list(
            Restriction.objects.filter(pk__gt=after_id, ended_at__isnull=True, review_on__lte=lead)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .order_by("pk")
            .values("pk", "prisoner_id", "prisoner__facility_id", "imposed_by_id", "review_on")[:batch]
        )
        n = len(rows)
        for row in rows:
            link = reverse("family:restriction", args=[row["pk"]])
            for user in {*supervisors.get(row["prisoner__facility_id"], []), row["imposed_by_id"]} - {None}:
                found.append(
                    Due(
                        RESTRICTION,
                        "family.restriction",
                        row["pk"],
                        row["review_on"],
                        user,
                        row["prisoner_id"],
                        link,
                    )
                )
        if len(rows) == batch:
            return for_readers(found), rows[-1]["pk"], n
        after_id = shift
    years = settings.FAMILY_CHILD_AGE_LIMIT_YEARS
    ahead = today + dt.timedelta(days=settings.FAMILY_CHILD_AGE_REMINDER_DAYS)
    born_before = _years_before(ahead, years)
    children = list(
        Child.objects.filter(
            pk__gt=after_id - shift,
            whereabouts="in_prison",
            date_of_birth__lte=born_before,
            prisoner__custody_status__in=[CustodyStatus.IN_CUSTODY, CustodyStatus.TEMPORARILY_OUT],
        )
        .order_by("pk")
        .values("pk", "prisoner_id", "prisoner__facility_id", "date_of_birth")[:batch]
    )
    n += len(children)
    managers = dict(
        Allocation.objects.filter(
            prisoner_id__in=[c["prisoner_id"] for c in children], ended_at__isnull=True
        ).values_list("prisoner_id", "case_manager_id")
    )
    kids = []
    for c in children:
        link = reverse("family:child", args=[c["pk"]])
        due = age_limit_date(c["date_of_birth"])
        users = {*supervisors.get(c["prisoner__facility_id"], [])}
        if managers.get(c["prisoner_id"]):
            users.add(managers[c["prisoner_id"]])
        for user in users:
            kids.append(Due(CHILD, "family.child", c["pk"], due, user, c["prisoner_id"], link))
    found += _with_family(kids)
    next_after = (children[-1]["pk"] + shift) if len(children) == batch else None
    return for_readers(found), next_after, n


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _with_family(found):
    """Keep the child reminders whose recipient holds view_family on the mother's file."""
    if not found:
        return []

    users = {d.recipient_id for d in found}
    prisoners = {d.prisoner_id for d in found}
    cond = {"permission__codename": "view_family", "content_object_id__in": prisoners}
    held = set(
        PrisonerUserObjectPermission.objects.filter(user_id__in=users, **cond).values_list(
            "user_id", "content_object_id"
        )
    )
    held |= set(
        PrisonerGroupObjectPermission.objects.filter(group__user__in=users, **cond).values_list(
            "group__user", "content_object_id"
        )
    )
    return [d for d in found if (d.recipient_id, d.prisoner_id) in held]


def register() -> None:
    register_source("family", source)
