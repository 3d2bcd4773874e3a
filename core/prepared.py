"""Queries the ORM writes once per process, run on every request with that request's values.

A query that every signed-in request runs (its session, its two-factor device, the bell's
count) is built and compiled by the ORM each time: ~1–2 million instructions of Python for
a statement PostgreSQL answers in a tenth of a millisecond (``bench.instructions``; issue #25).
``Prepared`` builds the queryset once, with a stand-in value for each of its inputs, keeps
the SQL the ORM wrote, and on each call puts the call's values where the stand-ins were.
The SQL is the ORM's own, so it stays right when a model changes; and a query whose
stand-in does not reach the parameters unchanged (``__icontains`` wraps it in ``%``, say) is
refused when it is first compiled rather than run wrong.

    sessions = Prepared(lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
                        key=str, now=datetime)
    sessions.first(key=..., now=timezone.now())   # a Session or None
    sessions.count(key=..., now=...)              # an int

Querysets of one model give rows, with their ``annotate`` values as attributes (no
``select_related``, no ``values``); any queryset can be counted. The statement runs on the queryset's database through
Django's cursor (query logging and execute wrappers included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections

# Stand-ins no real input takes: a negative id (no sequence gives one) still inside a 32-bit
# column's range (Django 5 answers no rows for a value beyond it without asking PostgreSQL,
# and the value would never reach the statement), a text with control characters, an
# instant before the service existed. One per input: the input's index is added.
_STAND_IN: dict[type, Callable[[int, str], Any]] = {
    int: lambda i, name: -2_146_692_583 - i,
    str: lambda i, name: f"\x1fprepared:{name}\x1f",
    dt.datetime: lambda i, name: dt.datetime(1901, 2, 3, 4, 5, 6, i, tzinfo=dt.UTC),
}


class Prepared:
    def __init__(self, build: Callable[..., Any], **inputs: type) -> None:
        unknown = {name: kind for name, kind in inputs.items() if kind not in _STAND_IN}
        if unknown:
            raise TypeError(f"no stand-in for {unknown}")
        self.build, self.inputs = build, inputs

    @cached_property
    def _compiled(self) -> dict[str, Any]:
        stand_ins = {name: _STAND_IN[kind](i, name) for i, (name, kind) in enumerate(self.inputs.items())}
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as exc:
            raise ValueError("the query has no rows whatever its inputs: nothing to prepare") from exc
        slots = [(position, name) for position, value in enumerate(params)
                 for name, stand_in in stand_ins.items() if type(value) is type(stand_in) and value == stand_in]  # fmt: skip
        missing = set(stand_ins) - {name for _, name in slots}
        if missing:
            raise ValueError(f"the query does not take {sorted(missing)} as a parameter as given")
        info = compiler.klass_info or {}
        rows = None
        annotations = dict(compiler.annotation_col_map or {})
        fields = info.get("select_fields") or []
        if (
            fields
            and not info.get("related_klass_infos")
            and fields == list(range(len(fields)))
            and len(compiler.select) == len(fields) + len(annotations)
        ):
            converters = compiler.get_converters([column for column, _, _ in compiler.select])
            names = [column.target.attname for column, _, _ in compiler.select[: len(fields)]]
            rows = (info["model"], names, converters, annotations)
        return {"sql": sql, "params": list(params), "slots": slots, "db": queryset.db, "rows": rows}

    def _run(self, sql: str, values: dict[str, Any]) -> tuple[list[tuple[Any, ...]], str]:
        compiled = self._compiled
        if values.keys() != self.inputs.keys():
            raise TypeError(f"takes {sorted(self.inputs)}, given {sorted(values)}")
        params = list(compiled["params"])
        for position, name in compiled["slots"]:
            params[position] = values[name]
        with connections[compiled["db"]].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall(), compiled["db"]

    def all(self, **values: Any) -> list[Any]:
        """The query's rows as model instances (as iterating the queryset gives them)."""
        compiled = self._compiled
        if compiled["rows"] is None:
            raise TypeError("only a plain queryset of one model gives rows")
        model, names, converters, annotations = compiled["rows"]
        rows, db = self._run(compiled["sql"], values)
        connection = connections[db]
        out = []
        for row in rows:
            converted = list(row)
            for position, (functions, expression) in converters.items():
                for convert in functions:
                    converted[position] = convert(converted[position], expression, connection)
            instance = model.from_db(db, names, converted[: len(names)])
            for attribute, position in annotations.items():
                setattr(instance, attribute, converted[position])
            out.append(instance)
        return out

    def first(self, **values: Any) -> Any:
        """The first row (in the queryset's order) or None: for a query of at most a row or a
        few (by key); it reads them all."""
        rows = self.all(**values)
        return rows[0] if rows else None

    def count(self, **values: Any) -> int:
        """How many rows the query has."""
        rows, _ = self._run(f"SELECT COUNT(*) FROM ({self._compiled['sql']}) prepared", values)  # noqa: S608
        return int(rows[0][0])
