"""Reads of the core. Every query of prisoner data starts from ``restrict``."""

from __future__ import annotations

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Q, QuerySet
from django.http import Http404

from casemgmt import names
from casemgmt.models import AuditEvent, Facility, Prisoner, PrisonerUserObjectPermission, Unit
from casemgmt.permissions import capabilities_of

LIST_RELATED = ("facility", "unit", "cell")


def prisoner_list(*, user, action: str = "view") -> QuerySet[Prisoner]:
    return Prisoner.objects.restrict(user, action).select_related(*LIST_RELATED)


def visible_count(*, user, action: str = "view") -> int:
    """How many files ``user`` may see, counted from the grants alone (the grant
    tables' index, no probe of the prisoner table; a grant's prisoner always exists:
    the grant cascades with it). UNION, not UNION ALL: a direct grant and a group
    grant on the same file count once."""
    from casemgmt.querysets import codename_for, grant_subqueries

    if user is None or not user.is_authenticated or not user.is_active:
        return 0
    direct, via_group = grant_subqueries(user, codename_for(action))
    return direct.union(via_group).count()


def get_visible(queryset: QuerySet, pk):
    """One record of a restricted queryset, or 404 — the same answer whether it does
    not exist or the user may not see it."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def prisoner_get(*, user, pk, action: str = "view") -> Prisoner:
    return get_visible(prisoner_list(user=user, action=action), pk)


def prisoner_file(*, user, pk) -> tuple[Prisoner, frozenset[str]]:
    prisoner = prisoner_get(user=user, pk=pk)
    return prisoner, capabilities_of(user, prisoner)


def search_prisoners(queryset: QuerySet[Prisoner], query: str) -> QuerySet[Prisoner]:
    """Name search in any script: the query and the file meet on one Latin key.

    A prison number matches exactly; otherwise each word must be similar to a
    word of the names (trigram word similarity, served by the GIN index).
    """
    query = (query or "").strip()
    if not query:
        return queryset
    if any(ch.isdigit() for ch in query):
        return queryset.filter(prison_number__icontains=query)
    key = names.search_key(query)
    if not key:
        return queryset.none()
    condition = Q()
    for word in key.split():
        # The key is lower case already: a plain LIKE is served by the trigram index
        # (ILIKE compiles to UPPER(...) LIKE, which no index serves).
        condition &= Q(search_latin__contains=word) | Q(search_latin__trigram_word_similar=word)
    return (
        queryset.filter(condition)
        .annotate(similarity=TrigramWordSimilarity(key, "search_latin"))
        .order_by("-similarity", "family_name", "given_name", "id")
    )


def facilities_for(user) -> QuerySet[Facility]:
    """Facilities a member of staff works in (for filters and the home page)."""
    if not user.is_authenticated:
        return Facility.objects.none()
    return Facility.objects.filter(assignments__user=user).order_by("name")


def facilities_visible(user) -> QuerySet[Facility]:
    """Facilities a member of staff works in or holds a visible prisoner of (an
    administrator granted files has no assignment but can filter by their facility)."""
    if not user.is_authenticated:
        return Facility.objects.none()
    # Read from the grants, not from every visible file (5,000 of them for an officer of a
    # large facility): a facility group's grants are on that facility's prisoners (they follow
    # the prisoner), and direct grants (case managers, programme staff, administrators) are few.
    groups = user.groups.values("pk")
    direct = PrisonerUserObjectPermission.objects.filter(
        user=user, permission__codename="view_prisoner"
    ).values("content_object__facility_id")
    return (
        Facility.objects.filter(
            Q(assignments__user=user)
            | Q(officers_group__in=groups)
            | Q(supervisors_group__in=groups)
            | Q(pk__in=direct)
        )
        .distinct()
        .order_by("name")
    )


def units_for(user) -> QuerySet[Unit]:
    return Unit.objects.filter(facility__in=facilities_for(user)).select_related("facility")


def prisoner_history(*, prisoner: Prisoner, limit: int = 100) -> QuerySet[AuditEvent]:
    """The changes to the file (reads are left out: they are the access log)."""
    return AuditEvent.objects.filter(subject=prisoner).exclude(action="view").order_by("-id")[:limit]


def prisoner_access_log(*, prisoner: Prisoner, limit: int = 100) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject=prisoner, action="view").order_by("-id")[:limit]
