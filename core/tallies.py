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
from django.db import connection, transaction

from core.models import GrantTally
from core.querysets import file_model, grant_names, granted_sql, groups_of_sql, permission_sql


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
    with connection.cursor() as cursor:
        cursor.execute(from_tallies.replace("/*beside*/", beside), params)
        groups, files, *rest = cursor.fetchone()
        if groups > 1:
            granted, granted_params = granted_sql(user, codename, distinct=True)
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
