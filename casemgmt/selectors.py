"""Reads of the core. Every query of prisoner data starts from ``restrict``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import BooleanField, Count, Q, QuerySet, Value, Window
from django.db.models.expressions import RawSQL

from casemgmt import names
from casemgmt.models import Facility, Prisoner, PrisonerUserObjectPermission, StaffAssignment, Unit
from core import tallies
from core.choices import AuditAction
from core.grants import capabilities_of
from core.models import AuditEvent, ReadEvent
from core.pagination import narrowing
from core.prepared import Key, Prepared
from core.prepared import User as PreparedUser
from core.querysets import Walk, codename_for, file_get, grant_names, grant_sql, groups_of_sql, permission_sql


def prisoner_list(*, user: Any, action: str = "view", walk: Walk = Walk.FETCH) -> QuerySet[Prisoner]:
    return Prisoner.objects.restrict(user, action, walk=walk).for_display()


_list_page = Prepared(
    lambda user, walk, bottom, top: prisoner_list(user=user, walk=walk)[bottom:top],
    user=PreparedUser(),
    walk=Key,
    bottom=Key,
    top=Key,
)


def prisoner_page(*, user: Any, walk: Walk, bottom: int, top: int) -> list[Prisoner]:
    """Rows ``bottom`` to ``top`` of ``prisoner_list`` (nothing narrowing it), by a statement
    compiled once for each page (``core.prepared``): the list's first pages are the most
    read page of the service."""
    return _list_page.all(user=user, walk=Walk(walk), bottom=bottom, top=top)


def visible_count(*, user: Any, action: str = "view") -> int:
    return visible_and_total(user=user, action=action)[0]


def visible_and_total(*, user: Any, action: str = "view") -> tuple[int, int]:
    """How many files ``user`` may see, and about how many files there are, in one query
    (two for a user who holds the capability through two groups or more): counted from
    the grants alone, no probe of the prisoner table (``core.tallies.visible_and_total``)."""
    return tallies.visible_and_total(user, codename_for(action))


def visible_estimate(*, user: Any, action: str = "view") -> tuple[int, int]:
    """``visible_and_total`` remembered for five minutes per user and capability, for
    choosing a plan only (``core.tallies.visible_estimate``). A name search spends no
    query on it then."""
    return tallies.visible_estimate(user, codename_for(action))


#: What reading a list page costs, in microseconds a row (``bench/results/plan_costs.md``):
#: an index entry walked and probed against the grant indexes (``Walk.PROBED``); the
#: others are ``core.tallies``' (an entry tested against the hashed grants, a grant hashed,
#: a visible file fetched and sorted).
PROBED_ENTRY = 9.0


def list_walk(*, visible: int, total: int, offset: int, per_page: int) -> Walk:
    """The cheapest way to read a page of the name-ordered list. A walk of the name index
    reads about (offset + page) x total / visible entries, testing each against the grants:
    by a probe of their indexes (``PROBED``: its cost does not grow with ``visible``), or
    against every grant of the user hashed first (``HASHED``); a fetch reads every visible
    file and sorts them (``FETCH``: a case manager's caseload)."""
    if visible <= 0 or total <= 0:
        return Walk.FETCH
    walked = (offset + per_page) * total / visible
    costs = {
        Walk.PROBED: walked * PROBED_ENTRY,
        Walk.HASHED: visible * tallies.HASHED_GRANT + walked * tallies.HASHED_ENTRY,
        Walk.FETCH: visible * tallies.FETCHED_FILE,
    }
    return min(costs, key=costs.__getitem__)


def list_plan(*, user: Any, params: Mapping[str, str], per_page: int) -> tuple[Walk, int | None]:
    """How to read one page of the prisoner list (the HTML page and the API alike):
    how to restrict (``core.querysets.Walk``), and, when nothing narrows the list, the
    number of visible files (the page's count, taken from the grants). A name search, a
    facility or unit, and the unfiltered list choose by the user's share of the files
    (``search_walk_pays``, ``list_walk``); any other filter, and a prison number, keep the
    plain join."""
    query = params.get("q", "")
    narrowed = narrowing(params)
    page = params.get("page") or "1"
    if narrowed and not search_is_by_name(query):
        if query or not narrowed & PLACE_FILTERS:  # a prison number; a filter of any rows
            return Walk.FETCH, None
        # a facility or a unit: walked in its own names' order (their indexes), priced as
        # the whole list's walk (a facility's walk is shorter). Any other filter is fetched:
        # its rows may be rare in the names' order (a walk of 1,000,000 names to find no
        # woman in a men's colony: 3 s; 0.4 s fetched), and the planner cannot tell
        visible, total = visible_estimate(user=user)
        offset = _offset(page, per_page, visible)
        return list_walk(visible=visible, total=total, offset=offset, per_page=per_page), None
    if narrowed:
        visible, total = visible_estimate(user=user)
        return (Walk.PROBED if search_walk_pays(query, visible=visible, total=total) else Walk.FETCH), None
    visible, total = visible_and_total(user=user)
    return list_walk(
        visible=visible, total=total, offset=_offset(page, per_page, visible), per_page=per_page
    ), visible


#: filters of the list that an index keeps in the list's order (``prisoner_facility_names``,
#: ``prisoner_unit_names``); any other filter's rows may be rare in the names' order
PLACE_FILTERS = frozenset({"facility", "unit"})


def _offset(page: str, per_page: int, visible: int) -> int:
    """The first row of page ``page`` (a page that is not a positive number: past the end)."""
    return (int(page) - 1) * per_page if page.isdigit() and int(page) > 0 else visible


def search_walk_pays(query: str, *, visible: int, total: int) -> bool:
    """Whether a name search is cheaper read from the trigram index's matches in the user's
    facilities (``matches_first``), each tested by a probe of the grant indexes
    (``restrict(walk=Walk.PROBED)``: ~700 matches of a common name in a facility of 54,000
    files, which hashing the grants would read whole), than by testing the name of each
    visible file. A match costs less than a visible file tested, but the trigram index is
    read across all files, so the matches win only for a user who sees more than about one
    file in thirty (a case manager's caseload is fetched); and a word under three letters
    has no trigram, so the index cannot narrow it (figures: ``bench/results/plan_costs.md``)."""
    words = names.search_key(query).split()
    return bool(words) and all(len(word) >= 3 for word in words) and visible * 30 > total > 0


def search_is_by_name(query: str) -> bool:
    """A query with a digit is a prison number; any other is a name (see below)."""
    query = (query or "").strip()
    return bool(query) and not any(ch.isdigit() for ch in query)


def prisoner_get(*, user: Any, pk: Any, action: str = "view") -> Prisoner:
    prisoner: Prisoner = file_get(user=user, pk=pk, action=action)
    return prisoner


def prisoner_file(*, user: Any, pk: Any) -> tuple[Prisoner, frozenset[str]]:
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
    if not search_is_by_name(query):
        return queryset.filter(prison_number__icontains=query)
    key = names.search_key(query)
    if not key:
        return queryset.none()
    return _by_name(queryset, key, key.split())


def _by_name(queryset: QuerySet[Prisoner], key: str, words: list[str]) -> QuerySet[Prisoner]:
    condition = Q()
    for word in words:
        # The key is lower case already: a plain LIKE is served by the trigram index
        # (ILIKE compiles to UPPER(...) LIKE, which no index serves). The word is a value of
        # its own (LIKE '%' || word || '%', its wildcards escaped in SQL), which PostgreSQL
        # folds to the same pattern, and the same plan, as '%word%': a prepared statement
        # (search_page) can then take it as it is.
        condition &= Q(search_latin__contains=Value(word)) | Q(search_latin__trigram_word_similar=word)
    return (
        queryset.filter(condition)
        .annotate(similarity=TrigramWordSimilarity(key, "search_latin"))
        .order_by("-similarity", "family_name", "given_name", "id")
    )


#: a name search's page statements, by number of words (one prepared statement each)
_SEARCH_PAGES: dict[int, Prepared] = {}
#: a search of more words than this is built by the ORM each time (rare; keeps shapes few)
SEARCH_PREPARED_WORDS = 4


def _search_page(words: int) -> Prepared:
    prepared = _SEARCH_PAGES.get(words)
    if prepared is None:
        names_ = [f"w{i}" for i in range(words)]

        def build(user: Any, key: str, walk: Walk, bottom: int, top: int, **given: str) -> Any:
            files = matches_first(prisoner_list(user=user, walk=walk), user=user, walk=walk)
            rows = _by_name(files, key, [given[n] for n in names_])
            return rows.annotate(_window_total=Window(Count("pk")))[bottom:top]

        inputs: dict[str, Any] = {
            "user": PreparedUser(),
            "key": str,
            "walk": Key,
            "bottom": Key,
            "top": Key,
        }
        inputs.update(dict.fromkeys(names_, str))  # a word a parameter
        # planned for its words each time: their trigrams' frequencies choose the plan
        prepared = _SEARCH_PAGES[words] = Prepared(build, plan_once=False, **inputs)
    return prepared


def search_page(*, user: Any, query: str, walk: Walk) -> Any:
    """Rows ``bottom`` to ``top`` of a name search of ``prisoner_list`` (nothing else
    narrowing it), each with ``_window_total`` (``core.pagination.CountInPagePaginator``), by
    a statement compiled once for each number of words and page: a callable ``rows(bottom,
    top)``, or None when the search is not by name or has too many words."""
    query = (query or "").strip()
    if not search_is_by_name(query):
        return None
    key = names.search_key(query)
    words = key.split()
    if not words or len(words) > SEARCH_PREPARED_WORDS:
        return None
    prepared, given = _search_page(len(words)), {f"w{i}": word for i, word in enumerate(words)}
    return lambda bottom, top: prepared.all(
        user=user, key=key, walk=Walk(walk), bottom=bottom, top=top, **given
    )


def facilities_for(user: Any) -> QuerySet[Facility]:
    """Facilities a member of staff works in (for filters and the home page)."""
    if not user.is_authenticated:
        return Facility.objects.none()
    return Facility.objects.filter(assignments__user=user.pk).order_by("name")


def facilities_visible(user: Any) -> QuerySet[Facility]:
    """Facilities a member of staff works in or holds a visible prisoner of (an
    administrator granted files has no assignment but can filter by their facility)."""
    if not user.is_authenticated:
        return Facility.objects.none()
    return Facility.objects.filter(pk__in=RawSQL(*_facility_ids_visible(user))).order_by("name")  # noqa: S611


def _facility_ids_visible(user: Any) -> tuple[str, tuple[Any, ...]]:
    """The ids of ``facilities_visible``, as SQL text (each value a parameter): the
    facilities the user works in, and those of the files they may see
    (``_facilities_held_sql``). Each source a branch of one UNION ALL of facility ids (no
    join, so no DISTINCT): a join of the assignments made an OR scan every member of
    staff's assignment (issue 25). Written as text, not built by the ORM: the list's two
    filters (facilities, and units of those facilities) compiled these subqueries twice a
    page, ~1.5 ms (issue #25)."""
    held, params = _facilities_held_sql(user, codename_for("view"))
    sql = (
        f'SELECT "facility_id" FROM "{StaffAssignment._meta.db_table}" WHERE "user_id" = %s UNION ALL {held}'  # noqa: S608
    )
    return sql, (user.pk, *params)


def _facilities_held_sql(user: Any, codename: str) -> tuple[str, tuple[Any, ...]]:
    """The facilities of every file on which ``user`` holds ``codename`` (a file not placed
    yet has none: NULL), as SQL text: facility ids, some more than once, perhaps a
    facility of none of them, never one missing.

    Read from the grants, not from the files (54,000 of them for an officer of the largest
    facility at 1,000,000): a facility group's grants are on that facility's files, always
    (a movement moves them in the transaction that moves the file: ``custody``'s
    ``_place``), so its facility stands for all of them; the files granted to the user
    directly (case managers, programme staff) or through any other group are few, and
    give their own facilities."""
    direct, _via_group = grant_sql()  # the user's own grants of a file (core.querysets)
    names = grant_names()
    member_of = groups_of_sql()
    facility, prisoner = Facility._meta.db_table, Prisoner._meta.db_table
    facility_groups = f'SELECT "officers_group_id" FROM "{facility}" UNION ALL SELECT "supervisors_group_id" FROM "{facility}"'  # noqa: S608
    via_other_groups = (
        f'SELECT g."{names["object"]}" FROM "{names["by_group"]}" g '  # noqa: S608
        f'INNER JOIN "{names["members"]}" m ON (m."{names["member_group"]}" = g."{names["group"]}") '
        f'WHERE m."{names["member_user"]}" = %s AND g."permission_id" = {permission_sql()} '
        f'AND m."{names["member_group"]}" NOT IN ({facility_groups})'
    )
    sql = (
        f'SELECT "id" FROM "{facility}" WHERE "officers_group_id" IN ({member_of}) '  # noqa: S608
        f'UNION ALL SELECT "id" FROM "{facility}" WHERE "supervisors_group_id" IN ({member_of}) '
        f'UNION ALL SELECT "facility_id" FROM "{prisoner}" WHERE "id" IN ({direct}) '
        f'UNION ALL SELECT "facility_id" FROM "{prisoner}" WHERE "id" IN ({via_other_groups})'
    )
    content_type = ContentType.objects.get_for_model(Prisoner).pk
    return sql, (user.pk, user.pk, user.pk, content_type, codename, user.pk, content_type, codename)


def in_facilities_held(user: Any, action: str = "view") -> Q:
    """Files in one of the facilities of the files on which ``user`` holds ``action``
    (``_facilities_held_sql``), or not placed yet: every such file, and others. Not a
    restriction (it adds the files of those facilities that the user may not see): a
    narrowing of one, for a read that starts from an index over all files (a name
    search's trigram matches), so that it reads only the matches of the user's facilities
    (``facility_id = ANY(ARRAY(...))``, an index condition: the facility's index ANDed
    with the trigram index's matches)."""
    sql, params = _facilities_held_sql(user, codename_for(action))
    column = f'"{Prisoner._meta.db_table}"."{Prisoner._meta.get_field("facility").column}"'
    where = f"({column} = ANY(ARRAY({sql})) OR {column} IS NULL)"
    return Q(RawSQL(where, params, output_field=BooleanField()))  # noqa: S611 - values are parameters


def matches_first(
    files: QuerySet[Prisoner], *, user: Any, walk: Walk, action: str = "view"
) -> QuerySet[Prisoner]:
    """``files`` (restricted for ``user`` with ``walk``) as a name search reads them: a
    walk of the trigram matches (any walk but ``FETCH``: ``list_plan``) is narrowed to the
    user's facilities (``in_facilities_held``). At 1,000,000 files a common family name
    matches ~13,000 files across the country, of which an officer may see ~700; a fetch of
    the visible files (a case manager's caseload) needs no narrowing (it costs it ~0.4 ms)."""
    return files if walk == Walk.FETCH else files.filter(in_facilities_held(user, action))


def searched_files(files: QuerySet[Prisoner], *, user: Any, walk: Walk, query: str) -> QuerySet[Prisoner]:
    """``files`` as the list reads them before its filters (the HTML list and the API):
    ``matches_first`` for a search by name, as they are otherwise."""
    return matches_first(files, user=user, walk=walk) if search_is_by_name(query) else files


def units_for(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(facility__in=facilities_for(user)).select_related("facility")


def prisoner_history(*, prisoner: Prisoner, limit: int = 100) -> QuerySet[AuditEvent]:
    """The changes to the file (reads are left out: they are the access log)."""
    return AuditEvent.objects.filter(subject=prisoner).exclude(action="view").order_by("-id")[:limit]


@dataclass(frozen=True)
class AccessEntry:
    """One line of "who read or changed this file": a read event or a change."""

    at: dt.datetime
    who: str
    kind: str  # "read", or the change's action code
    kind_label: str
    page: str
    detail: str
    reason: str


def record_type_label(object_type: str) -> str:
    """A record type ("casework.casenote") in the reader's language, as its model names it."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return object_type


def file_access_log(
    *,
    prisoner: Prisoner,
    who: str = "",
    kind: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 200,
) -> list[AccessEntry]:
    """Reads (the read log) and changes (the change log) of one file, newest first.
    ``kind`` is "read", "change" or empty for both; ``who`` matches the recorded user name."""

    def narrowed(qs: QuerySet[Any]) -> QuerySet[Any]:
        if who:
            qs = qs.filter(actor_label__icontains=who)
        if since:
            qs = qs.filter(at__date__gte=since)
        if until:
            qs = qs.filter(at__date__lte=until)
        return qs.order_by("-id")[:limit]

    entries: list[AccessEntry] = []
    if kind in ("", "read"):
        for e in narrowed(ReadEvent.objects.filter(subjects__contains=[prisoner.pk])):
            entries.append(
                AccessEntry(
                    e.at,
                    e.actor_label,
                    "read",
                    str(AuditAction.VIEW.label),
                    e.route or e.path,
                    e.query,
                    e.reason,
                )
            )
    if kind in ("", "change"):
        for e in narrowed(AuditEvent.objects.filter(subject=prisoner)):
            entries.append(
                AccessEntry(
                    e.at,
                    e.actor_label,
                    e.action,
                    e.get_action_display(),
                    record_type_label(e.object_type),
                    e.object_repr,
                    e.reason,
                )
            )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def granted_personally(*, user: Any, capability: str, limit: int = 50) -> list[Prisoner]:
    """The files granted to ``user`` personally with ``capability`` (a case manager's
    caseload, programme staff's participants), not through a facility group."""
    ids = PrisonerUserObjectPermission.objects.filter(user=user, permission__codename=capability).values(
        "content_object_id"
    )
    return list(prisoner_list(user=user).filter(pk__in=ids)[:limit])
