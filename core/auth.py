"""The authentication backend: Django's, loading the user's group names with the user.

Every request loads the signed-in user, and nearly every page then reads the user's roles
(navigation, home page, what a view allows). Selecting the group names in the user's own
query makes that one query instead of two on every request; ``User.roles`` reads them.

The query is SQL text written once per process from the models' metadata, and the row
becomes the model through ``Model.from_db`` (what the ORM itself calls): built and compiled
by the ORM on every request (an aggregate over a join, grouped by every column of the user)
it cost ~4 ms of Python and SQL where this costs ~1 ms (``bench.profile empty``; issue #25).
"""

from functools import cache
from typing import Any

from django.contrib.auth import backends, get_user_model
from django.db import connections, router


@cache
def user_sql() -> tuple[str, tuple[str, ...]]:
    """The text of the user's row with its group names (``_group_names``, sorted), taking the
    user's id; and the attribute names of the row's columns, in order."""
    meta: Any = get_user_model()._meta
    groups: Any = meta.get_field("groups")
    group_meta = groups.related_model._meta
    through = groups.remote_field.through._meta
    to_user = through.get_field(groups.m2m_field_name()).column
    to_group = through.get_field(groups.m2m_reverse_field_name()).column
    fields = meta.concrete_fields
    columns = ", ".join(f'u."{field.column}"' for field in fields)
    sql = (
        f"SELECT {columns}, ARRAY("  # noqa: S608 - names from metadata; the id is a parameter
        f'SELECT g."{group_meta.get_field("name").column}" FROM "{group_meta.db_table}" g '
        f'INNER JOIN "{through.db_table}" m ON m."{to_group}" = g."{group_meta.pk.column}" '
        f'WHERE m."{to_user}" = u."{meta.pk.column}" ORDER BY 1) '
        f'FROM "{meta.db_table}" u WHERE u."{meta.pk.column}" = %s'
    )
    return sql, tuple(field.attname for field in fields)


@cache
def _converters(alias: str) -> tuple[tuple[int, Any, Any], ...]:
    """What the ORM would apply to the row's values (``from_db_value`` and the backend's
    own), by column position: none for Django's user model today, kept for a field that has."""
    connection = connections[alias]
    meta = get_user_model()._meta
    found = []
    for index, field in enumerate(meta.concrete_fields):
        column = field.get_col(meta.db_table)
        for convert in connection.ops.get_db_converters(column) + field.get_db_converters(connection):
            found.append((index, convert, column))
    return tuple(found)


class ModelBackend(backends.ModelBackend):
    # Any: the model named by AUTH_USER_MODEL (core imports no domain app)
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        alias = router.db_for_read(model)
        sql, names = user_sql()
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row[:-1])
        for index, convert, column in _converters(alias):
            values[index] = convert(values[index], column, connections[alias])
        user: Any = model.from_db(alias, names, values)
        user._group_names = row[-1]
        return user if self.user_can_authenticate(user) else None
