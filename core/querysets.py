"""The restricted queryset: every read of a file's data starts here.

``Prisoner.objects.restrict(user, "view")`` keeps the files on which the user holds the
capability directly or through one of their groups. It is one SQL query with two
``IN (subquery)`` clauses over the file model's direct-FK permission tables (django-guardian's
``UserObjectPermissionBase`` / ``GroupObjectPermissionBase`` subclasses); global permissions
are never consulted (default deny), so neither a superuser nor an administrator reads a file
without a grant.

The engine knows the file model only by the setting ``CASE_FILE_MODEL`` ("app.Model"), as
Django's auth knows the user model by ``AUTH_USER_MODEL``: it imports no domain app.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import cache, reduce
from typing import Any, Self

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

#: Django's own permissions of a model, named by their action ("view" is ``view_prisoner``
#: when the file model is ``Prisoner``); any other codename is passed as it is.
MODEL_ACTIONS = frozenset({"view", "change", "add", "delete"})


def codename_for(action: str) -> str:
    if action in MODEL_ACTIONS:
        return f"{action}_{file_model()._meta.model_name}"
    return action


@cache
def file_model() -> type[models.Model]:
    """The model whose rows are the files access is granted on (``CASE_FILE_MODEL``); read
    once (every restriction asks for it)."""
    return apps.get_model(settings.CASE_FILE_MODEL)


@cache
def grant_models() -> tuple[Any, Any]:
    """The file model's direct-FK grant tables: (per user, per group)."""
    model = file_model()
    related = [r.related_model for r in model._meta.related_objects]
    user = next(m for m in related if issubclass(m, UserObjectPermissionBase))
    group = next(m for m in related if issubclass(m, GroupObjectPermissionBase))
    return user, group


class FileQuerySet(models.QuerySet[Any]):
    """The queryset of the file model."""

    def restrict(self, user: Any, action: str = "view", *, index_walk: bool = False) -> Self:
        """``index_walk=True`` writes the same restriction as two hashed subplans joined by OR
        instead of one ``IN (UNION ALL)``. The planner then reads files in the order of an
        index (names, for the first pages of a long list; trigram matches, for a name
        search) and tests each row against the grants, instead of fetching every granted
        file first and sorting them. It pays when the user sees many files (an officer of a
        large facility) and costs when they see few (a case manager's caseload: the walk
        reads most of the index), so the caller chooses; see ``casemgmt.selectors.list_walk_pays``
        and the figures in ``bench/results/plan_costs.md``."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        codename = codename_for(action)
        if index_walk:
            direct, via_group = grant_subqueries(user, codename)
            return self.filter(models.Q(pk__in=direct) | models.Q(pk__in=via_group))
        return self.filter(pk__in=granted_ids(user, codename))

    def for_display(self) -> Self:
        """What a page of one file or a list of files reads with each row (the file model's
        queryset names its related rows)."""
        return self


def grant_subqueries(user: Any, codename: str) -> tuple[models.QuerySet[Any], models.QuerySet[Any]]:
    """The user's direct grants and group grants of ``codename``, as two subqueries."""
    by_user, by_group = grant_models()
    ct = ContentType.objects.get_for_model(file_model())
    # The permission as a scalar subquery (an InitPlan), not a join: the planner then
    # probes the (group, permission, file) unique index with one value and
    # estimates the rows from its statistics. As a join it guessed ~200 rows for a
    # facility of 5,000 and joined facility, unit and cell before sorting (issue #11).
    permission = models.Subquery(
        Permission.objects.filter(content_type=ct, codename=codename).values("pk")[:1]
    )
    direct = by_user.objects.filter(user_id=user.pk, permission_id=permission).values("content_object_id")
    via_group = by_group.objects.filter(group__user=user.pk, permission_id=permission).values(
        "content_object_id"
    )
    return direct, via_group


def granted_ids(user: Any, codename: str) -> models.QuerySet[Any]:
    """A subquery of the ids of files on which ``user`` holds ``codename``."""
    direct, via_group = grant_subqueries(user, codename)
    return direct.union(via_group, all=True)


def held_any(user: Any, codenames: Iterable[str], field: str = "prisoner") -> models.Q:
    """Records whose file (``field``) ``user`` holds any one of ``codenames`` on: one
    ``IN (subquery)`` of the grants per capability, ORed."""
    return reduce(
        operator.or_, (models.Q(**{f"{field}_id__in": granted_ids(user, codename_for(c))}) for c in codenames)
    )


class FileRecordQuerySet(models.QuerySet[Any]):
    """For records that hang from a file (notes, plans, documents...): visible through the
    file's grant of the capability the record needs. Reading ("view") takes any one of
    ``read_any_of`` when the model names several (custody staff or the case manager, say);
    every other action takes that capability itself."""

    prisoner_field = "prisoner"
    read_any_of: tuple[str, ...] = ()

    def restrict(self, user: Any, action: str = "view") -> Self:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        codenames = self.read_any_of if action == "view" and self.read_any_of else (action,)
        return self.filter(held_any(user, codenames, self.prisoner_field))


def get_visible(queryset: models.QuerySet[Any], pk: Any) -> Any:
    """One record of a restricted queryset, or 404 — the same answer whether it does
    not exist or the user may not see it."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def file_get(*, user: Any, pk: Any, action: str = "view") -> Any:
    """One file the user may see with ``action``, with what its pages show beside it; 404 otherwise."""
    manager: Any = file_model()._default_manager
    return get_visible(manager.restrict(user, action).for_display(), pk)
