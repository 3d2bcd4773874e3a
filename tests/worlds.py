# ruff: noqa: S608 -- table and column names come from the models' metadata, never from input
"""The demo world, built once per test process and copied into each test that asks for it.

``demodata.builder.build`` makes the same world every time (a fixed seed) through the real
services — about 0.7 s without casework and 3 s with it, and most of the suite asks for it.
``World`` builds it once, in a transaction it rolls back, after reading every row the build
added with ``COPY ... TO STDOUT``; each test then gets those rows with ``COPY ... FROM STDIN``
inside its own transaction (a few milliseconds) and a deep copy of the ``Demo`` object that
names them. The rows, their ids and the audit chains are exactly what the build writes, so a
test cannot tell the two apart — except that Python-side effects of the build (``on_commit``
callbacks, files) do not happen again: a test that runs outside a transaction
(``transactional_db``) gets a real build instead.

Rows the build added are those whose integer primary key is above the table's maximum before
the build. The snapshot refuses to exist (and the fixture falls back to building) if the build
changed or removed a row that was there before, or added rows to a table without an integer key.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models, transaction

from demodata import builder as demo_data

INT_KEYS = (models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField)


#: tables the triggers of other tables write (``core.GrantTally``: the group grants'):
#: copied as they were when the triggers are off (replica), left to them when they fire
TRIGGER_KEPT = frozenset({"core_granttally"})


class _Rollback(Exception):
    pass


@dataclass
class Snapshot:
    demo: demo_data.Demo
    rows: list[tuple[str, bytes]] = field(default_factory=list)  # table, COPY text
    keys: list[tuple[str, str]] = field(default_factory=list)  # table, integer key column


def _tables() -> list[tuple[str, str | None]]:
    """Every table of a model (auto-created many-to-many tables too), with its integer key
    column (None when the key is not an integer)."""
    seen, out = set(), []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.db_table in seen:
            continue
        seen.add(opts.db_table)
        pk = opts.pk
        out.append((opts.db_table, pk.column if isinstance(pk, INT_KEYS) else None))
    return out


def _state(cursor, tables) -> dict[str, tuple[int, int, str]]:
    """Per table: rows, maximum key, and a digest of the rows (to prove the build left them)."""
    state = {}
    for table, key in tables:
        q = connection.ops.quote_name(table)
        if key is None:
            cursor.execute(f"SELECT count(*), 0, '' FROM {q}")
        else:
            k = connection.ops.quote_name(key)
            cursor.execute(
                f"SELECT count(*), coalesce(max({k}), 0), coalesce(md5(string_agg(t::text, ',' ORDER BY {k})), '')"
                f" FROM {q} t"
            )
        state[table] = cursor.fetchone()
    return state


def take(**build_kwargs) -> Snapshot | None:
    """Build the demo world in a transaction that is rolled back, keeping its rows."""
    tables = _tables()
    snapshot = None
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            before = _state(cursor, tables)
            demo = demo_data.build(**build_kwargs)
            rows, keys = [], []
            for table, key in tables:
                count, top, _digest = before[table]
                if key is None:
                    cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                    if cursor.fetchone()[0] != count:
                        raise _Rollback("rows added to a table without an integer key: " + table)
                    continue
                q, k = connection.ops.quote_name(table), connection.ops.quote_name(key)
                with cursor.cursor.copy(f"COPY (SELECT * FROM {q} WHERE {k} > {int(top)}) TO STDOUT") as out:
                    data = b"".join(bytes(chunk) for chunk in out)
                if data:
                    rows.append((table, data))
                    keys.append((table, key))
                cursor.execute(
                    f"SELECT count(*), coalesce(md5(string_agg(t::text, ',' ORDER BY {k})), '')"
                    f" FROM {q} t WHERE {k} <= {int(top)}"
                )
                if tuple(cursor.fetchone()) != (count, _digest):
                    raise _Rollback("the build changed rows that were there before: " + table)
            snapshot = Snapshot(demo=demo, rows=rows, keys=keys)
            raise _Rollback("done")
    except _Rollback as stop:
        if str(stop) != "done":
            return None
    return snapshot


def _superuser(cursor) -> bool:
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return bool(cursor.fetchone()[0])


def restore(snapshot: Snapshot) -> demo_data.Demo:
    """The snapshot's rows in the current transaction, and a fresh copy of its ``Demo``."""
    with transaction.atomic(), connection.cursor() as cursor:
        replica = _superuser(cursor)
        if replica:  # no triggers and no foreign-key checks while the rows go in: they held when built
            cursor.execute("SET LOCAL session_replication_role = replica")
        for table, data in snapshot.rows:
            if not replica and table in TRIGGER_KEPT:
                continue  # the copied rows' own triggers write these
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as into:
                into.write(data)
        if replica:
            cursor.execute("SET LOCAL session_replication_role = origin")
        # Sequences only move forward, so they are past these ids already — unless a test
        # reset them; one statement makes sure.
        moves = [
            f"setval(pg_get_serial_sequence('{t}', '{k}'), greatest((SELECT max({connection.ops.quote_name(k)})"
            f" FROM {connection.ops.quote_name(t)}), nextval(pg_get_serial_sequence('{t}', '{k}'))))"
            for t, k in snapshot.keys
        ]
        if moves:
            cursor.execute("SELECT " + ", ".join(moves))
    return copy.deepcopy(snapshot.demo)


class Worlds:
    """The snapshots of one test process, by the arguments of the build."""

    def __init__(self, blocker):
        self._blocker = blocker
        self._snapshots: dict[tuple, Snapshot | None] = {}

    def prepare(self, **build_kwargs) -> None:
        key = tuple(sorted(build_kwargs.items()))
        if key not in self._snapshots:
            with self._blocker.unblock():
                self._snapshots[key] = take(**build_kwargs)

    def build(self, **build_kwargs) -> demo_data.Demo:
        """The world ``demo_data.build(**build_kwargs)`` makes, in the current test."""
        snapshot = self._snapshots.get(tuple(sorted(build_kwargs.items())))
        if snapshot is None or not connection.in_atomic_block:
            return demo_data.build(**build_kwargs)
        return restore(snapshot)
