"""Reads of case management, each from the restricted querysets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Count, Exists, F, IntegerField, OrderBy, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casemgmt.models import Prisoner, PrisonerGroupObjectPermission, PrisonerUserObjectPermission, User
from casemgmt.permissions import Capability
from casework import caseload as caseload_columns
from casework.choices import ActionStatus, PlanStatus
from casework.models import Action, Allocation, CaseNote, CasePlan
from casework.querysets import readable_kinds
from classification.due import review_due_expr
from classification.models import ReviewFlag
from core.prepared import Key, Prepared
from core.prepared import User as PreparedUser

NOTES_PAGE = 25


def notes_visible(*, user: Any) -> QuerySet[CaseNote]:
    """Notes of files where the user manages the case plan; sensitive kinds need their
    own capability too (``CaseNote.objects.restrict``). One query, whatever the number
    of files."""
    return CaseNote.objects.restrict(user, Capability.MANAGE_CASEPLAN)


def notes_of_file(*, prisoner: Prisoner, capabilities: Collection[str]) -> QuerySet[CaseNote]:
    """``notes_visible`` for one file on which the caller already holds ``capabilities``
    (``capabilities_of``, as the case file and the timeline have): the same rule read
    from that set, without a grant subquery."""
    if Capability.MANAGE_CASEPLAN not in capabilities:
        return CaseNote.objects.none()
    return CaseNote.objects.filter(prisoner=prisoner, kind__in=readable_kinds(capabilities))


def notes_page(
    *, user: Any, prisoner: Prisoner, query: str = "", before_id: int | None = None, kind: str = ""
) -> tuple[list[CaseNote], int | None]:
    """Newest first, keyset-paginated (``before_id``), optionally full-text searched."""
    qs = notes_visible(user=user).filter(prisoner=prisoner).select_related("author", "corrects")
    if kind:
        qs = qs.filter(kind=kind)
    if query.strip():
        qs = qs.annotate(search=SearchVector("text", config="simple")).filter(
            search=SearchQuery(query, config="simple", search_type="websearch")
        )
    if before_id:
        anchor = CaseNote.objects.filter(pk=before_id).values("created_at").first()
        if anchor:
            qs = qs.filter(
                Q(created_at__lt=anchor["created_at"]) | Q(created_at=anchor["created_at"], id__lt=before_id)
            )
    rows = list(qs.order_by("-created_at", "-id")[: NOTES_PAGE + 1])
    more = rows[NOTES_PAGE].pk if len(rows) > NOTES_PAGE else None
    rows = rows[:NOTES_PAGE]
    return rows, (rows[-1].pk if more else None)


def plan_current(*, user: Any, prisoner: Prisoner) -> CasePlan | None:
    return (
        CasePlan.objects.restrict(user, "manage_caseplan")
        .filter(prisoner=prisoner)
        .exclude(status=PlanStatus.CLOSED)
        .first()
    )


CASELOAD_SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("family_name", "given_name"),
    "review": (F("review_due").asc(nulls_last=True), "family_name"),
    "overdue": ("-overdue_actions", "family_name"),
    "note": (F("latest_note").asc(nulls_first=True), "family_name"),
    "plan": ("plan_status", "family_name"),
}


def caseload(
    *,
    user: Any,
    case_manager: User,
    sort: str = "review",
    only_overdue: bool = False,
    action: str = Capability.MANAGE_CASEPLAN,
    today: dt.date | None = None,
) -> QuerySet[Prisoner]:
    """The case manager's prisoners with the figures of the caseload page, in one query:
    only those on which ``user`` holds ``action`` (plan status, overdue actions and the
    latest note are case-plan data), with the registered columns' annotations."""
    today = today or timezone.localdate()
    allocated = Allocation.objects.filter(case_manager=case_manager, ended_at__isnull=True).values(
        "prisoner_id"
    )
    open_plan = CasePlan.objects.filter(prisoner=OuterRef("pk")).exclude(status=PlanStatus.CLOSED)
    overdue = (
        Action.objects.filter(
            goal__plan__prisoner=OuterRef("pk"),
            target_date__lt=today,
            status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS],
        )
        .exclude(goal__plan__status=PlanStatus.CLOSED)
        .order_by()
        .values("goal__plan__prisoner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    latest_note = (
        CaseNote.objects.filter(prisoner=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
    )
    qs: QuerySet[Prisoner] = (
        Prisoner.objects.restrict(user, action)
        .filter(pk__in=allocated)
        .select_related("facility", "unit")
        .annotate(
            review_due=review_due_expr(),  # the one rule (classification.due)
            early_review=Exists(ReviewFlag.objects.filter(prisoner=OuterRef("pk"), cleared_by__isnull=True)),
            plan_status=Subquery(open_plan.values("status")[:1]),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
            latest_note=Subquery(latest_note),
            **caseload_columns.all_annotations(),  # the other apps' columns (casework.caseload)
        )
    )
    if only_overdue:
        qs = qs.filter(Q(overdue_actions__gt=0) | Q(review_due__lt=today) | Q(early_review=True))
    return qs.order_by(*CASELOAD_SORTS.get(sort, CASELOAD_SORTS["review"]))


_caseload = Prepared(
    lambda user, manager, today, sort, only_overdue, action: caseload(
        user=user, case_manager=manager, sort=sort, only_overdue=only_overdue, action=action, today=today
    ),
    user=PreparedUser(),
    manager=int,
    today=dt.date,
    sort=Key,
    only_overdue=Key,
    action=Key,
)


def caseload_rows(
    *,
    user: Any,
    case_manager: User,
    sort: str = "review",
    only_overdue: bool = False,
    action: str = Capability.MANAGE_CASEPLAN,
) -> list[Prisoner]:
    """``caseload(...)``'s rows, by its statement compiled once for each sort (``core.prepared``):
    the caseload page's one query, which the ORM took longer to build than PostgreSQL to run."""
    return _caseload.all(
        user=user,
        manager=case_manager.pk,
        today=timezone.localdate(),
        sort=sort if sort in CASELOAD_SORTS else "review",  # a page's parameter: the shapes stay few
        only_overdue=bool(only_overdue),
        action=action,
    )


def file_readers(prisoner: Prisoner, codename: str = Capability.VIEW) -> QuerySet[User]:
    """The active staff who hold ``codename`` on this file, directly or through a group
    (who may own an action of its plan: the reminder shows the prisoner)."""
    perms = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Prisoner), codename=codename
    ).values("pk")
    direct = PrisonerUserObjectPermission.objects.filter(
        content_object_id=prisoner.pk, permission__in=perms
    ).values("user_id")
    groups = PrisonerGroupObjectPermission.objects.filter(
        content_object_id=prisoner.pk, permission__in=perms
    ).values("group_id")
    return User.objects.filter(is_active=True).filter(Q(pk__in=direct) | Q(groups__in=groups)).distinct()


def overdue_cutoff() -> dt.date:
    return timezone.localdate()
