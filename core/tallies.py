"""How many files a user may see, counted from the group tallies (``core.GrantTally``):
``count``; the tallies' upkeep: ``compact``, ``rebuild``.

The list's count was the number of distinct files among the user's grants: one index
entry read and hashed per visible file (6 ms for an officer of 5,458 files of 100,000,
~20 ms for 54,000 of 1,000,000; issue #25). A user who holds a permission through one
group at most (an officer, through their facility's group; a case manager, through
none) has instead: that group's tally (a few rows of ``core_granttally``), plus the
user's own grants on files the group does not cover (few, each one index probe). A user
who holds it through two groups or more is counted as before, since two groups may
cover one file twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as shared_cache
from django.db import connection, transaction

from core.models import GrantTally
from core.prepared import preparing_cursor
from core.querysets import (
    Walk,
    file_model,
    grant_names,
    granted_sql,
    groups_of_sql,
    permission_sql,
)


@cache
def _count_sql() -> str:
    """The text of the count from the tallies: (groups holding the permission, their files
    plus the user's own beyond them); takes (content type, codename, user, user), what goes
    in at ``/*beside*/``, then (content type, codename, user). A user of two groups or more
    is counted from ``granted_sql(distinct=True)`` instead."""
    n, tally = grant_names(), GrantTally._meta.db_table
    permission = permission_sql()
    member_of = groups_of_sql()
    held = (
        'SELECT COUNT(*) AS "groups", COALESCE(SUM("files"), 0)::bigint AS "files" FROM ('  # noqa: S608
        f'SELECT SUM("files") AS "files" FROM "{tally}" WHERE "permission_id" = {permission} '
        f'AND "group_id" IN ({member_of}) GROUP BY "group_id" HAVING SUM("files") <> 0) AS holding'
    )
    own_beyond = (
        f'SELECT COUNT(*) FROM "{n["by_user"]}" d WHERE d."permission_id" = {permission} '  # noqa: S608
        f'AND d."{n["user"]}" = %s AND NOT EXISTS (SELECT 1 FROM "{n["by_group"]}" g '
        f'WHERE g."{n["object"]}" = d."{n["object"]}" AND g."permission_id" = d."permission_id" '
        f'AND g."{n["group"]}" IN ({member_of}))'
    )
    return f'SELECT held."groups", held."files" + ({own_beyond}) /*beside*/ FROM ({held}) AS held'  # noqa: S608


def count(
    user: Any, codename: str, *, beside: str = "", beside_params: Sequence[Any] = ()
) -> tuple[Any, ...]:
    """The number of files ``user`` holds ``codename`` on, followed by the values of
    ``beside`` (SQL expressions, comma first, read in the same statement). One statement,
    or two for a user who holds it through two groups or more."""
    from_tallies = _count_sql()
    ct = ContentType.objects.get_for_model(file_model()).pk
    params = [ct, codename, user.pk, user.pk, *beside_params, ct, codename, user.pk]
    # prepared: every list page asks it, and its plan cost more than its reading (1.1 ms to 0.4)
    with preparing_cursor(connection) as cursor:
        cursor.execute(from_tallies.replace("/*beside*/", beside), params)
        groups, files, *rest = cursor.fetchone()
    if groups > 1:
        granted, granted_params = granted_sql(user, codename, distinct=True)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({granted}) AS granted", granted_params)  # noqa: S608
            (files,) = cursor.fetchone()
    return (files, *rest)


def compact() -> int:
    """Fold the tally's rows into one per group and permission (beat, every ten minutes):
    one statement, so a reader sees the rows before or after, never a part. A row
    inserted meanwhile by a grant's transaction is not in the statement's snapshot and
    stays as it is. Returns the number of rows left."""
    table = GrantTally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'WITH gone AS (DELETE FROM "{table}" RETURNING "group_id", "permission_id", "files") '  # noqa: S608
            f'INSERT INTO "{table}" ("group_id", "permission_id", "files") '
            'SELECT "group_id", "permission_id", SUM("files") FROM gone GROUP BY 1, 2 HAVING SUM("files") <> 0'
        )
        return int(cursor.rowcount)


def rebuild() -> int:
    """Count every group's grants afresh (after a load that ran with triggers off, such
    as the bench seed's). The grant table is locked against writes for the count, so the
    tally is exact when the transaction commits. Returns the number of rows written."""
    n, table = grant_names(), GrantTally._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{n["by_group"]}" IN SHARE MODE')
        cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
        cursor.execute(
            f'INSERT INTO "{table}" ("group_id", "permission_id", "files") '  # noqa: S608
            f'SELECT "{n["group"]}", "permission_id", COUNT(*) FROM "{n["by_group"]}" GROUP BY 1, 2'
        )
        return int(cursor.rowcount)


def visible_and_total(user: Any, codename: str) -> tuple[int, int]:
    """How many files ``user`` holds ``codename`` on (``count``), and about how many files
    there are (the planner's estimate, ``pg_class.reltuples``, kept by autovacuum; 0 before
    the table was first analysed), in one statement: for choosing how to read a list."""
    if user is None or not user.is_authenticated or not user.is_active:
        return 0, 0
    visible, total = count(
        user,
        codename,
        beside=", (SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass)",
        beside_params=[file_model()._meta.db_table],
    )
    return int(visible), int(total)


def visible_estimate(user: Any, codename: str) -> tuple[int, int]:
    """``visible_and_total`` remembered for five minutes per user and capability (in the
    cache), for choosing a plan only: a stale figure may choose the slower of two plans,
    never other rows."""
    key = f"core:visible:{user.pk}:{codename}"
    found: tuple[int, int] | None = shared_cache.get(key)
    if found is None:
        found = visible_and_total(user, codename)
        shared_cache.set(key, found, 300)
    return found


#: What reading a list costs, in microseconds a row (``bench/results/plan_costs.md``): an
#: index entry walked and looked up in the hashed grants (``Walk.HASHED``); a grant hashed
#: for it; a visible file fetched from the grants, its records read and sorted (``Walk.FETCH``).
HASHED_ENTRY, HASHED_GRANT, FETCHED_FILE = 1.2, 0.5, 8.4


def cheaper_walk(*, visible: int, total: int, rows: int) -> Walk:
    """How to read ``rows`` records of a list across files in the order of an index:
    walking the index and testing each record against the user's grants hashed once
    (``HASHED``: about ``rows x total / visible`` entries walked, records spread over the
    files as evenly as the files over readers), or starting from the grants (``FETCH``:
    every visible file's records read and sorted, a case manager's caseload)."""
    if visible <= 0 or total <= 0:
        return Walk.FETCH
    hashed = visible * HASHED_GRANT + rows * total / visible * HASHED_ENTRY
    return Walk.HASHED if hashed < visible * FETCHED_FILE else Walk.FETCH


def list_walk(user: Any, *, codenames: Sequence[str], rows: int) -> Walk:
    """``cheaper_walk`` for ``user``'s share of the files on which they hold the list's
    capability (any one of ``codenames``: the largest share). The capability's own: an
    officer sees 54,000 files but the case notes of none, and a walk of the notes' index
    for them would read all ten million."""
    shares = [visible_estimate(user, codename) for codename in codenames]
    visible, total = max(shares, default=(0, 0))
    return cheaper_walk(visible=visible, total=total, rows=rows)
