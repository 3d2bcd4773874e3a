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

import enum
import operator
from collections.abc import Iterable, Sequence
from functools import cache, reduce
from typing import Any, Self

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.expressions import RawSQL
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


class Walk(enum.StrEnum):
    """How a restricted query meets the user's grants.

    ``FETCH``: every granted file is fetched (``IN (UNION ALL)``), then sorted: for users
    who see few files (a case manager's caseload). The others read files in the order of
    an index (names, for the first pages of a long list; trigram matches, for a name
    search) and test each row: ``HASHED`` against the user's grants hashed once (two
    hashed subplans ORed: a walk that tests thousands of rows), ``PROBED`` by a probe of
    each grant table's index a row (the list's first pages and a name search's matches
    in the user's facilities, which test a few hundred files: its cost does not grow
    with the number of files the user sees, where hashing reads one grant per visible
    file). The caller chooses
    (``casemgmt.selectors.list_plan``; figures in ``bench/results/plan_costs.md``)."""

    FETCH = ""
    HASHED = "hashed"
    PROBED = "probed"


class FileQuerySet(models.QuerySet[Any]):
    """The queryset of the file model."""

    def restrict(self, user: Any, action: str = "view", *, walk: Walk = Walk.FETCH) -> Self:
        """The files on which ``user`` holds ``action``, the grants met as ``walk`` says."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        codename = codename_for(action)
        if walk == Walk.PROBED:
            return self.filter(Held(user.pk, codename))
        if walk == Walk.HASHED:
            direct, via_group = grant_subqueries(user, codename)
            return self.filter(models.Q(pk__in=direct) | models.Q(pk__in=via_group))
        return self.filter(pk__in=granted_ids(user, codename))

    def for_display(self) -> Self:
        """What a page of one file or a list of files reads with each row (the file model's
        queryset names its related rows)."""
        return self


@cache
def grant_sql() -> tuple[str, str]:
    """The text of the two grant subqueries (per user, per group), written once per process
    from the grant tables' names. Each takes (user id, file content type id, codename).

    Written by hand, not by the ORM: every page restricts several times (its rows, their
    count, the bell, the filter choices, the queue), and building and compiling the two
    subqueries and their union through the ORM cost ~2 ms of Python each time against
    ~0.05 ms to run them (``bench.profile``; issue #25). The SQL is what the ORM wrote,
    less its joins to ``auth_group`` and ``django_content_type``.

    The permission is a scalar subquery (an InitPlan), not a join and not a literal id:
    the planner then probes the (group, permission, file) unique index with one value and
    estimates the rows from its statistics; as a join it guessed ~200 rows for a facility
    of 5,000 and joined facility, unit and cell before sorting (issue #11). Looked up by
    name in the statement, the permission's id is never cached in the process (a test
    database's flush renumbers it)."""
    n = grant_names()
    permission = permission_sql()
    direct = (
        f'SELECT "{n["object"]}" FROM "{n["by_user"]}" '  # noqa: S608 - names from metadata
        f'WHERE "{n["user"]}" = %s AND "permission_id" = {permission}'
    )
    via_group = (
        f'SELECT g."{n["object"]}" FROM "{n["by_group"]}" g '  # noqa: S608 - names from metadata
        f'INNER JOIN "{n["members"]}" m ON (m."{n["member_group"]}" = g."{n["group"]}") '
        f'WHERE m."{n["member_user"]}" = %s AND g."permission_id" = {permission}'
    )
    return direct, via_group


class _FileTest(models.Expression):
    """A boolean SQL test of the row's file (``field``, a path to a file's id), which the
    ORM resolves to the column of the row's alias."""

    output_field = models.BooleanField()

    def __init__(self, field: str) -> None:
        super().__init__()
        self.file: Any = models.F(field)

    def get_source_expressions(self) -> list[Any]:
        return [self.file]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.file,) = exprs

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):  # type: ignore[no-untyped-def]
        resolved = self.copy()
        resolved.file = self.file.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return resolved


class Held(_FileTest):
    """``EXISTS``: the user holds ``codename`` on the row's file (``field``), directly or
    through a group: one probe of each grant table's index (``probe_sql``). One
    ``EXISTS`` over a ``UNION ALL``, so that the planner neither pulls it up into a join
    nor hashes it (it does both to a plain ``EXISTS``): it stays a test of each row read.

    ``either``: two ``EXISTS``, ORed, one a grant table; the planner answers each by a
    probe a row or by hashing the user's grants once, whichever its estimate of the rows
    tested makes cheaper (an ``AlternativeSubPlan``). For a term of an OR or an
    annotation (``holds``), where an ``IN (subquery)`` can only be hashed."""

    def __init__(self, user_pk: Any, codename: str, field: str = "pk", *, either: bool = False):
        super().__init__(field)
        self.user_pk, self.codename, self.either = user_pk, codename, either

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        file, file_params = compiler.compile(self.file)
        direct, via_group = probe_sql()
        ct = ContentType.objects.get_for_model(file_model()).pk
        joint = ") OR EXISTS (" if self.either else " UNION ALL "
        sql = f"(EXISTS ({direct.replace('{file}', file)}{joint}{via_group.replace('{file}', file)}))"
        params = [
            self.user_pk,
            ct,
            self.codename,
            *file_params,
            *file_params,
            ct,
            self.codename,
            self.user_pk,
        ]
        return sql, params


@cache
def probe_sql() -> tuple[str, str]:
    """The text of the two probes of ``Held``, ``{file}`` where the row's file id goes:
    (user id, content type, codename, file) and (file, content type, codename, user id).
    The group grant's is answered from its index on (file, permission, group) alone; the
    user's groups are listed once per statement (``ANY(ARRAY(...))``, an InitPlan)."""
    n = grant_names()
    permission = permission_sql()
    direct = (
        f'SELECT 1 FROM "{n["by_user"]}" WHERE "{n["user"]}" = %s '  # noqa: S608 - names from metadata
        f'AND "permission_id" = {permission} AND "{n["object"]}" = {{file}}'
    )
    via_group = (
        f'SELECT 1 FROM "{n["by_group"]}" WHERE "{n["object"]}" = {{file}} '  # noqa: S608 - names from metadata
        f'AND "permission_id" = {permission} AND "{n["group"]}" = ANY(ARRAY({groups_of_sql()}))'
    )
    return direct, via_group


class GrantedAny(_FileTest):
    """The row's file is one of those on which the user holds any of ``codenames``:
    ``file = ANY(ARRAY(...))`` of all those grants, listed once per statement (an
    InitPlan) and looked up in the records' index on their file. For a user who sees few
    files (see ``FileRecordQuerySet.restrict``): as ``IN (subquery)`` the planner joined
    every record to the nine rows a movement's page shows before meeting the grants (a
    case manager's movements: 510 ms at 100,000 files)."""

    def __init__(self, user: Any, codenames: Iterable[str], field: str) -> None:
        super().__init__(field)
        self.parts = [granted_sql(user, codename_for(c)) for c in codenames]

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        file, file_params = compiler.compile(self.file)
        union = " UNION ALL ".join(part for part, _params in self.parts)
        return f"{file} = ANY(ARRAY({union}))", [*file_params, *(p for _part, ps in self.parts for p in ps)]


@cache
def held_sql() -> str:
    """The text of the codenames one user holds on one file, directly or through a group;
    takes (user id, file id, user id, file id). Text for the reason ``grant_sql`` is."""
    n = grant_names()
    return (
        f'SELECT "codename" FROM "{n["permission"]}" WHERE "id" IN ('  # noqa: S608 - names from metadata
        f'SELECT "permission_id" FROM "{n["by_user"]}" WHERE "{n["user"]}" = %s AND "{n["object"]}" = %s '
        f'UNION ALL SELECT g."permission_id" FROM "{n["by_group"]}" g '
        f'INNER JOIN "{n["members"]}" m ON (m."{n["member_group"]}" = g."{n["group"]}") '
        f'WHERE m."{n["member_user"]}" = %s AND g."{n["object"]}" = %s)'
    )


@cache
def groups_of_sql() -> str:
    """The text of the ids of one user's groups; takes (user id)."""
    n = grant_names()
    return f'SELECT "{n["member_group"]}" FROM "{n["members"]}" WHERE "{n["member_user"]}" = %s'  # noqa: S608


@cache
def permission_sql() -> str:
    """The text of a permission's id as a scalar subquery; takes (content type id, codename).
    Every grant statement names its permission so (see ``grant_sql``)."""
    return (
        f'(SELECT "id" FROM "{grant_names()["permission"]}" WHERE "content_type_id" = %s AND "codename" = %s)'  # noqa: S608
    )


@cache
def grant_names() -> dict[str, str]:
    """Tables and columns of the grants, from the models' metadata (never typed text)."""
    by_user, by_group = grant_models()
    groups: Any = get_user_model()._meta.get_field("groups")  # the user-group table
    return {
        "permission": Permission._meta.db_table,
        "by_user": by_user._meta.db_table,
        "by_group": by_group._meta.db_table,
        "object": by_user._meta.get_field("content_object").column,
        "user": by_user._meta.get_field("user").column,
        "group": by_group._meta.get_field("group").column,
        "members": groups.m2m_db_table(),
        "member_user": groups.m2m_column_name(),
        "member_group": groups.m2m_reverse_name(),
    }


def grant_subqueries(user: Any, codename: str) -> tuple[RawSQL, RawSQL]:
    """The user's direct grants and group grants of ``codename``: two subqueries of file
    ids, each usable as the right side of ``__in``."""
    direct, via_group = grant_sql()
    params = (user.pk, ContentType.objects.get_for_model(file_model()).pk, codename)
    return RawSQL(direct, params), RawSQL(via_group, params)  # noqa: S611 - values are parameters


def granted_sql(user: Any, codename: str, *, distinct: bool = False) -> tuple[str, tuple[Any, ...]]:
    """The ids of files on which ``user`` holds ``codename``, as SQL text and parameters:
    UNION ALL of the two subqueries, or UNION (``distinct``: a file granted both ways once)."""
    direct, via_group = grant_sql()
    ct = ContentType.objects.get_for_model(file_model()).pk
    union = "UNION" if distinct else "UNION ALL"
    return f"{direct} {union} {via_group}", (user.pk, ct, codename, user.pk, ct, codename)


def granted_ids(user: Any, codename: str) -> RawSQL:
    """A subquery of the ids of files on which ``user`` holds ``codename``
    (``field__in=granted_ids(...)``)."""
    return RawSQL(*granted_sql(user, codename))  # noqa: S611 - values are parameters


def holds(user: Any, codename: str, field: str = "prisoner") -> models.Q:
    """Records whose file (``field``, a path to a file) is one on which ``user`` holds
    ``codename``, as a test of each record: ``Held(either=True)``, which PostgreSQL answers
    by probing the grant indexes a record or by hashing the user's grants, by its estimate.

    For a term of an OR or an annotation. There an ``IN (granted_ids(...))`` becomes a
    hashed subplan, the user's grants read whole to test even one record: at 1,000,000
    files a timeline's programme referrals hashed an officer's 53,095 grants twice (63 ms)
    to test one referral. A condition that stands alone (ANDed) keeps ``IN``: PostgreSQL
    may then start from the grants (a case manager's few files), which no test of each
    record can."""
    return models.Q(Held(user.pk, codename_for(codename), field, either=True))


def held_any(
    user: Any, codenames: Iterable[str], field: str = "prisoner", *, walk: Walk = Walk.FETCH
) -> models.Q:
    """Records whose file (``field``) ``user`` holds any one of ``codenames`` on: one
    ``IN (subquery)`` of the grants per capability, ORed (hashed once each: a list of many
    records, which ``holds`` tests at two hashed lookups a capability, 2.5x slower for the
    movements' count at 1,000,000 files); or, with
    ``walk=Walk.PROBED``, one ``Held`` probe a capability, for a walk that tests few records
    (the newest few of an index: hashing the grants of an officer of 54,000 files to test
    131 of today's movements took 60 ms of the 1,000,000 set's home page); with
    ``walk=Walk.HASHED``, each grant table's subquery of each capability, ORed, so that
    PostgreSQL hashes them and tests the records of an index walk (a list across files,
    ``core.tallies.list_walk``), where one ``IN`` may be turned into a join started from
    the grants (a supervisor's case notes at 1,000,000 files: 540,000 notes read and
    sorted for a page of 25)."""
    if walk == Walk.PROBED:
        return reduce(operator.or_, (models.Q(Held(user.pk, codename_for(c), field)) for c in codenames))
    if walk == Walk.HASHED:  # two subplans a capability, ORed: never started from
        return reduce(
            operator.or_,
            (
                models.Q(**{f"{field}_id__in": part})
                for c in codenames
                for part in grant_subqueries(user, codename_for(c))
            ),
        )
    return reduce(
        operator.or_, (models.Q(**{f"{field}_id__in": granted_ids(user, codename_for(c))}) for c in codenames)
    )


def reads_own_grants(user: Any) -> bool:
    """Whether ``user`` holds no grant through a group (a case manager, programme staff: a
    few dozen files of their own), as ``core.auth`` loads them (``_holds_via_groups``). A
    user not loaded by the backend (a task, a test's own instance) is not known to."""
    return getattr(user, "_holds_via_groups", True) is False


class FileRecordQuerySet(models.QuerySet[Any]):
    """For records that hang from a file (notes, plans, documents...): visible through the
    file's grant of the capability the record needs. Reading ("view") takes any one of
    ``read_any_of`` when the model names several (custody staff or the case manager, say);
    every other action takes that capability itself."""

    prisoner_field = "prisoner"
    read_any_of: tuple[str, ...] = ()

    def codenames_of(self, action: str) -> tuple[str, ...]:
        """The capabilities ``restrict(user, action)`` reads through, any one of them."""
        return tuple(
            codename_for(c)
            for c in (self.read_any_of if action == "view" and self.read_any_of else (action,))
        )

    def restrict(self, user: Any, action: str = "view", *, walk: Walk = Walk.FETCH) -> Self:
        """``walk=Walk.PROBED``: each record read is tested by probes of the grant indexes
        (``held_any``), for a walk of an index that reads few records; ``Walk.HASHED``:
        against the grants hashed once, for a walk that reads many (a list across files,
        ``core.tallies.list_walk``).

        Records read through any of several capabilities by a user who holds no grant
        through a group (a case manager, programme staff: their own files, a few dozen;
        ``_holds_via_groups``, loaded with the user by ``core.auth``) are those of one
        array of all the user's grants of them (``GrantedAny``), from which PostgreSQL
        starts; one ``IN`` a capability, ORed, can only be hashed and tested on every
        record of the country (a case manager's movements at 1,000,000 files: 1.6 s, 48 ms
        now). A user whose groups hold grants (an officer of 54,000 files) keeps the ORed
        form, which the union made ten times slower; so does a user not loaded by the
        backend (a task, a test's own instance, a prepared statement's stand-in)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        codenames = self.codenames_of(action)
        if walk == Walk.FETCH and len(codenames) > 1 and reads_own_grants(user):
            return self.filter(GrantedAny(user, codenames, self.prisoner_field))
        return self.filter(held_any(user, codenames, self.prisoner_field, walk=walk))


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
