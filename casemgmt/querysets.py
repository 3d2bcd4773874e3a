"""The restricted queryset: every read of prisoner data starts here.

``Prisoner.objects.restrict(user, "view")`` keeps the prisoners on which the
user holds the capability directly or through one of their groups. It is one
SQL query with two ``IN (subquery)`` clauses over the direct-FK permission
tables; global permissions are never consulted (default deny), so neither a
superuser nor an administrator reads a file without a grant.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

# HTTP-ish actions to capability codenames; any codename may be passed as is.
ACTIONS = {
    "view": "view_prisoner",
    "change": "change_prisoner",
    "add": "add_prisoner",
    "delete": "delete_prisoner",
}


def codename_for(action: str) -> str:
    return ACTIONS.get(action, action)


class PrisonerQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view", *, scan: bool = False) -> PrisonerQuerySet:
        """``scan=True`` writes the same restriction as two hashed subplans joined by OR
        instead of one ``IN (UNION ALL)``. The planner then reads prisoners in the order
        of an index (names, for the first pages of a long list; trigram matches, for a
        name search) and tests each row against the grants, instead of fetching every
        granted file first and sorting them. It pays when the user sees many files (an
        officer of a large facility) and costs when they see few (a case manager's
        caseload: the walk reads most of the index), so the caller chooses; see
        ``selectors.list_scan_pays`` and the figures in ``bench/results/plan_costs.md``."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        codename = codename_for(action)
        if scan:
            direct, via_group = grant_subqueries(user, codename, self.model)
            return self.filter(models.Q(pk__in=direct) | models.Q(pk__in=via_group))
        return self.filter(pk__in=granted_ids(user, codename, self.model))


def grant_subqueries(user, codename: str, model=None):
    """The user's direct grants and group grants of ``codename``, as two subqueries."""
    from django.contrib.auth.models import Permission

    from casemgmt.models import (
        Prisoner,
        PrisonerGroupObjectPermission,
        PrisonerUserObjectPermission,
    )

    ct = ContentType.objects.get_for_model(model or Prisoner)
    # The permission as a scalar subquery (an InitPlan), not a join: the planner then
    # probes the (group, permission, prisoner) unique index with one value and
    # estimates the rows from its statistics. As a join it guessed ~200 rows for a
    # facility of 5,000 and joined facility, unit and cell before sorting (issue #11).
    permission = models.Subquery(
        Permission.objects.filter(content_type=ct, codename=codename).values("pk")[:1]
    )
    direct = PrisonerUserObjectPermission.objects.filter(user_id=user.pk, permission_id=permission).values(
        "content_object_id"
    )
    via_group = PrisonerGroupObjectPermission.objects.filter(
        group__user=user.pk, permission_id=permission
    ).values("content_object_id")
    return direct, via_group


def granted_ids(user, codename: str, model=None):
    """A subquery of the ids of prisoners on which ``user`` holds ``codename``."""
    direct, via_group = grant_subqueries(user, codename, model)
    return direct.union(via_group, all=True)


class ChildQuerySet(models.QuerySet):
    """For records that hang from a prisoner (notes, plans, documents...):
    visible through the prisoner's grant of the capability the record needs."""

    prisoner_field = "prisoner"

    def restrict(self, user, action: str = "view") -> ChildQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(**{f"{self.prisoner_field}_id__in": granted_ids(user, codename_for(action))})
