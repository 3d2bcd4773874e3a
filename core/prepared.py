"""Queries the ORM writes once per process, run on every request with that request's values.

A query that every signed-in request runs (its session, its two-factor device, the bell's
count) or that a busy page runs many of (the timeline's sources) is built and compiled by
the ORM each time: ~1–2 million instructions of Python for a statement PostgreSQL answers
in a tenth of a millisecond (``bench.instructions``; issue #25). ``Prepared`` builds the
queryset with a stand-in value for each of its inputs, keeps the SQL the ORM wrote, and on
each call puts the call's values where the stand-ins were. The SQL is the ORM's own, so it
stays right when a model changes.

    sessions = Prepared(lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
                        key=str, now=datetime)
    sessions.first(key=..., now=timezone.now())   # a Session or None
    sessions.count(key=..., now=...)              # an int

An input is a value of the statement (``int``, ``str``, ``datetime``, ``date``), the
signed-in user (``User()``: the statement takes the user's id; ``User("roles")`` also lets
the build read the user's roles, and compiles one statement for each distinct set), or a
``Key``: a value that changes the statement's shape (a set of capabilities, a page size),
given to the build as it is, one statement compiled for each distinct value.

A prepared query is checked when first compiled for a shape, so that it cannot answer with
another call's values: it is built twice, with two sets of stand-ins, and refused unless the
two statements are the same text whose parameters differ exactly where a stand-in went in
unchanged (``__icontains`` wraps it in ``%``: refused) and nowhere else; the second build may
not read the database (a build that looked up the user's facilities would bake them into the
statement); the stand-in user has an id and the named attributes, nothing else (a build that
reads ``user.email`` fails). A query that can have no rows is refused too.

A statement is kept for each active language and time zone (what a build may read of the
request). It also holds what its build read from the process: settings (a number of days), content
type ids (the grant subqueries'). Both are fixed while a server runs; in tests they are not
(``override_settings``; a transactional test's flush numbers content types anew), so every
prepared query forgets its statements when a setting changes or a database is migrated or
flushed (``forget_all``, connected in ``core.apps``).

Querysets of one model give model instances, with ``select_related`` rows and ``annotate``
values as iterating the queryset gives them (no ``values``, no ``prefetch_related``); any
queryset can be counted. The statement runs on the queryset's database through Django's
cursor (query logging and execute wrappers included), prepared on the server, so that
PostgreSQL parses and plans it once per connection as well (``plan_once``, ``preparing_cursor``);
its constants (a status, a codename, a content type's id) are then written into it as literals
and its inputs alone are parameters, so that the plan PostgreSQL keeps knows them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.postgresql import base as postgresql
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from psycopg import sql as psycopg_sql
from psycopg.types.json import Json, Jsonb


class User:
    """An input that is the signed-in user. The statement takes its id; ``attributes`` (e.g.
    ``"roles"``) are read from the real user for the build, and each distinct set of their
    values has a statement of its own. Called with a user who is not signed in and active,
    the query raises (a restriction answers such a user with nothing; the caller decides)."""

    def __init__(self, *attributes: str) -> None:
        self.attributes = attributes


class Key:
    """An input whose value shapes the statement: given to the build as it is; one statement
    for each distinct (hashable) value."""


#: the number of shapes a prepared query keeps (capability sets, role sets, page sizes)
MAX_SHAPES = 256

# Stand-ins no real input takes: a negative id (no sequence gives one) still inside a 32-bit
# column's range (Django 5 answers no rows for a value beyond it without asking PostgreSQL,
# and the value would never reach the statement), a text with control characters, an
# instant and a day before the service existed. One per input and per build: the input's
# index and the build's number are added. A time or a day moves between the two builds by
# an interval of its own (37 days times the input's place): a parameter moved from one of
# them by a fixed interval (``now - 7 days``) then matches that input and no other.
_STAND_IN: dict[Any, Callable[[int, str, int], Any]] = {
    int: lambda i, name, b: -2_146_692_583 - i - 1000 * b,
    str: lambda i, name, b: f"\x1fprepared:{name}:{b}\x1f",
    dt.datetime: lambda i, name, b: (
        dt.datetime(1901, 2, 3, 4, 5, 6, i, tzinfo=dt.UTC) + b * (i + 1) * dt.timedelta(days=37)
    ),
    dt.date: lambda i, name, b: dt.date(1901, 1, 1 + i) + b * (i + 1) * dt.timedelta(days=37),
}


class _StandInUser:
    """The user a prepared query is built with: an id and the attributes its input names."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, pk: int, attributes: dict[str, Any]) -> None:
        self.pk = self.id = pk
        self.__dict__.update(attributes)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(
            f"a prepared query's user has an id and {sorted(self.__dict__) or 'nothing else'}, "
            f"not {name!r}: name it in User(...) or build the query unprepared"
        )


def _refuse_queries(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise RuntimeError(f"a prepared query's build read the database: {sql[:200]}")


_ALL: weakref.WeakSet[Prepared] = weakref.WeakSet()


def forget_all(**kwargs: Any) -> None:
    """Every prepared query compiles its statements again when next run (a receiver of
    ``setting_changed`` and ``post_migrate``)."""
    for prepared in list(_ALL):
        prepared._shapes.clear()


class Prepared:
    """``build(**inputs)`` gives a queryset, or a statement as ``(sql, params)`` (several
    querysets' SQL put together, say; then only ``row`` runs it). ``optional`` names the
    inputs the statement may not take for some shapes (a restriction that, for some models,
    the caller's own check settles; a time only some of the sources compare): every other
    input must reach it.

    ``plan_once``: PostgreSQL prepares the statement on each connection (``preparing_cursor``) and,
    after five runs, may keep one generic plan for every value. False for a statement whose
    best plan depends on its values beyond its shape (a name search's words: a generic plan
    read a two-word search of a caseload in 43 ms, planned each time 20 ms at 1,000,000)."""

    def __init__(
        self,
        build: Callable[..., Any],
        /,
        *,
        optional: tuple[str, ...] = (),
        plan_once: bool = True,
        **inputs: Any,
    ) -> None:
        for name, kind in inputs.items():
            if not (kind in _STAND_IN or kind is Key or isinstance(kind, User)):
                raise TypeError(f"no stand-in for {name}={kind!r}")
        self.build, self.inputs, self.optional = build, inputs, frozenset(optional)
        self.plan_once = plan_once
        self._shapes: dict[Hashable, dict[str, Any]] = {}
        _ALL.add(self)

    # -- compiling, once a shape -------------------------------------------------------

    def _shape(self, values: dict[str, Any]) -> tuple[Hashable, dict[str, Any]]:
        """The key of the statement these values need, and what each user input shows the build."""
        # a build may read the active language and time zone (a truncation to the day takes
        # the zone as a parameter): a statement for each
        key: list[Hashable] = [get_language(), get_current_timezone_name()]
        shown: dict[str, dict[str, Any]] = {}
        for name, kind in self.inputs.items():
            if kind is Key:
                key.append(values[name])
            elif isinstance(kind, User):
                user = values[name]
                if user is None or not user.is_authenticated or not user.is_active:
                    raise TypeError(f"{name}: a prepared query runs for a signed-in, active user")
                shown[name] = {a: getattr(user, a) for a in kind.attributes}
                key.append(tuple(shown[name].values()))
        return tuple(key), shown

    def _build(
        self, number: int, values: dict[str, Any], shown: dict[str, dict[str, Any]]
    ) -> tuple[Any, ...]:
        stand_ins: dict[str, Any] = {}
        given: dict[str, Any] = {}
        for i, (name, kind) in enumerate(self.inputs.items()):
            if kind is Key:
                given[name] = values[name]
            elif isinstance(kind, User):
                stand_ins[name] = _STAND_IN[int](i, name, number)
                given[name] = _StandInUser(stand_ins[name], shown[name])
            else:
                stand_ins[name] = given[name] = _STAND_IN[kind](i, name, number)
        built = self.build(**given)
        if isinstance(built, tuple):  # a statement: (sql, params)
            return None, None, built[0], list(built[1]), stand_ins
        compiler = built.query.get_compiler(using=built.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as exc:
            raise ValueError("the query has no rows whatever its inputs: nothing to prepare") from exc
        return built, compiler, sql, list(params), stand_ins

    def _compiled(self, values: dict[str, Any]) -> dict[str, Any]:
        if values.keys() != self.inputs.keys():
            raise TypeError(f"takes {sorted(self.inputs)}, given {sorted(values)}")
        key, shown = self._shape(values)
        compiled = self._shapes.get(key)
        if compiled is None:
            compiled = self._compile(values, shown)
            if len(self._shapes) >= MAX_SHAPES:  # the oldest shape goes (a page's bounds are keys)
                # emptied or changed by another thread meanwhile: nothing to do
                with contextlib.suppress(StopIteration, RuntimeError):
                    self._shapes.pop(next(iter(self._shapes)), None)
            self._shapes[key] = compiled
        return compiled

    def _compile(self, values: dict[str, Any], shown: dict[str, dict[str, Any]]) -> dict[str, Any]:
        queryset, compiler, sql, params, first = self._build(0, values, shown)
        db = queryset.db if queryset is not None else "default"
        with connections[db].execute_wrapper(_refuse_queries):
            _, _, again_sql, again, second = self._build(1, values, shown)
        if again_sql != sql or len(again) != len(params):
            raise ValueError("the query's statement depends on more than its inputs' shape")
        slots: list[tuple[int, str, Any]] = []
        for position, (a, b) in enumerate(zip(params, again, strict=True)):
            if _constant(a, b):
                continue
            found = [s for n in first if (s := _slot(n, a, b, first[n], second[n])) is not None]
            if len(found) != 1:
                raise ValueError(f"the query does not take its inputs as given (parameter {position}: {a!r})")
            slots.append((position, *found[0]))
        missing = set(first) - self.optional - {name for _, name, _ in slots}
        if missing:
            raise ValueError(f"the query does not take {sorted(missing)} as a parameter as given")
        users = [name for name, kind in self.inputs.items() if isinstance(kind, User)]
        rows = _rows(queryset, compiler) if queryset is not None else None
        if self.plan_once:
            sql, params, slots = _constants_written_in(sql, params, slots, connections[db])
        return {"sql": sql, "params": params, "slots": slots, "users": users, "db": db, "rows": rows}

    # -- running, every call -----------------------------------------------------------

    def _run(self, compiled: dict[str, Any], sql: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        params, users = list(compiled["params"]), compiled["users"]
        for position, name, offset in compiled["slots"]:
            value = values[name].pk if name in users else values[name]
            params[position] = value if offset is None else value + offset
        connection = connections[compiled["db"]]
        with preparing_cursor(connection) if self.plan_once else connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def all(self, **values: Any) -> list[Any]:
        """The query's rows as model instances (as iterating the queryset gives them)."""
        compiled = self._compiled(values)
        if compiled["rows"] is None:
            raise TypeError("only a plain queryset of one model gives rows")
        make, start, end, converters, populators, annotations = compiled["rows"]
        connection = connections[compiled["db"]]
        out = []
        for fetched in self._run(compiled, compiled["sql"], values):
            row: Any = fetched
            if converters:
                row = list(fetched)
                for position, (functions, expression) in converters.items():
                    for convert in functions:
                        row[position] = convert(row[position], expression, connection)
            instance = make(row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for attribute, position in annotations.items():
                setattr(instance, attribute, row[position])
            out.append(instance)
        return out

    def first(self, **values: Any) -> Any:
        """The first row (in the queryset's order) or None: for a query of at most a row or a
        few (by key); it reads them all."""
        rows = self.all(**values)
        return rows[0] if rows else None

    def count(self, **values: Any) -> int:
        """How many rows the query has."""
        compiled = self._compiled(values)
        rows = self._run(compiled, f"SELECT COUNT(*) FROM ({compiled['sql']}) prepared", values)  # noqa: S608
        return int(rows[0][0])

    def row(self, **values: Any) -> tuple[Any, ...] | None:
        """The statement's first row as the database gives it (no converters), or None."""
        compiled = self._compiled(values)
        rows = self._run(compiled, compiled["sql"], values)
        return rows[0] if rows else None


#: Django's psycopg 3 cursor that binds on the server (its stubs do not describe it)
_ServerBindingCursor: Any = postgresql.ServerBindingCursor


class _PreparingCursor(_ServerBindingCursor):  # type: ignore[misc]
    """psycopg's cursor that binds its values on the server and prepares what it runs."""

    def execute(
        self, query: Any, params: Any = None, *, prepare: bool | None = True, binary: Any = None
    ) -> Any:
        return super().execute(query, params, prepare=prepare, binary=binary)


class _LoggedCursor(CursorDebugWrapper):
    """Django's query log (tests, ``DEBUG``) of a prepared statement: the statement with its
    values, as the ORM's cursor logs its own (a statement bound on the server has no text
    with its values for Django to read back)."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)


def preparing_cursor(connection: Any) -> Any:
    """A cursor of Django's (its execute wrappers, its query log) over ``_PreparingCursor``:
    PostgreSQL parses and plans a statement once per connection, not every request (a
    page's planning cost more than its rows: ~1 ms a plan for the list's filter choices,
    read in 0.2 ms). With ``prepare_threshold`` None (``DB_PREPARED_STATEMENTS=false``, a
    pooler that keeps no prepared statements) Django's own cursor, binding on the client."""
    if (
        connection.vendor != "postgresql"
        or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None
    ):
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = _PreparingCursor(connection.connection)
    return _LoggedCursor(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


def _constant(a: Any, b: Any) -> bool:
    """The two builds' parameters are one constant (a JSON value is wrapped in an object
    of psycopg's that compares by identity: its value is compared)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Json | Jsonb):
        return bool(a.obj == b.obj)
    return bool(a == b)


def _slot(name: str, a: Any, b: Any, first: Any, second: Any) -> tuple[str, Any] | None:
    """Where the two builds' parameters ``a`` and ``b`` came from input ``name``: as it was
    given (offset None), or, for a time or a day, moved by the same interval in both
    (``now - timedelta(days=7)``: the call's value is moved by it too)."""
    if type(a) is not type(first) or type(b) is not type(second):
        return None
    if a == first and b == second:
        return name, None
    if isinstance(first, dt.date) and a - first == b - second:
        return name, a - first
    return None


#: constants written into a statement as literals (psycopg writes each with its type: a
#: list's array would take the type of its first number, so lists stay parameters)
_WRITTEN_IN = (str, int, Json, Jsonb, dt.date, dt.timedelta)

#: a placeholder of Django's SQL, or its escaped percent sign
_PLACEHOLDER = re.compile(r"%%|%s")


def _constants_written_in(
    sql: str, params: list[Any], slots: list[tuple[int, str, Any]], connection: Any
) -> tuple[str, list[Any], list[tuple[int, str, Any]]]:
    """The statement with its constants written into it as literals (a status, a
    permission's codename, a content type's id; any of ``_WRITTEN_IN``), the inputs alone
    left as parameters. PostgreSQL weighs a generic plan without the parameters' values: with a
    status or a codename unknown it planned the supervisor's work-queue counts to read in
    151 ms, so it planned them again on every page (2.4 ms of planning to read in 0.2);
    with them written in, its generic plan reads in 0.15 ms and is kept (issue #25).
    A statement whose placeholders are not as counted is left as it was."""
    inputs = {position for position, _, _ in slots}
    pieces: list[str] = []
    kept: list[Any] = []
    moved: dict[int, int] = {}
    position = end = 0
    for match in _PLACEHOLDER.finditer(sql):
        if match.group() == "%%":
            continue
        if position >= len(params):
            return sql, params, slots
        pieces.append(sql[end : match.start()])
        end = match.end()
        value = params[position]
        if position in inputs or not isinstance(value, _WRITTEN_IN):
            moved[position] = len(kept)
            kept.append(value)
            pieces.append("%s")
        else:
            plain = value
            if isinstance(value, str):
                plain = str.__str__(value)  # a choice as its text
            elif isinstance(value, int) and not isinstance(value, bool):
                plain = int(value)  # a numbered choice as its number
            pieces.append(_literal(plain, connection).replace("%", "%%"))
        position += 1
    if position != len(params):
        return sql, params, slots
    pieces.append(sql[end:])
    return "".join(pieces), kept, [(moved[p], name, offset) for p, name, offset in slots]


def _literal(value: Any, connection: Any) -> str:
    connection.ensure_connection()
    return str(psycopg_sql.Literal(value).as_string(connection.connection))


def _rows(queryset: Any, compiler: Any) -> tuple[Any, ...] | None:
    """How the statement's rows become instances (what Django's ``ModelIterable`` does with
    them), or None when its queryset does not give instances of one model."""
    info = compiler.klass_info
    if (
        info is None
        or queryset._iterable_class is not ModelIterable
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
    ):
        return None
    fields = [column for column, _, _ in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        return None
    start, end = info["select_fields"][0], info["select_fields"][-1] + 1
    names = [column.target.attname for column, _, _ in compiler.select[start:end]]
    # django-stubs 6 describe Django 6's signature (a fourth argument, fetch_mode); 5.2 takes three
    related = get_related_populators(info, compiler.select, queryset.db)  # type: ignore[call-arg]
    annotations = dict(compiler.annotation_col_map or {})
    make = _maker(info["model"], queryset.db, names)
    return (make, start, end, compiler.get_converters(fields), [_Related(r) for r in related], annotations)


def _maker(model: Any, db: str, names: list[str]) -> Callable[[Any], Any]:
    """How a row of ``names`` becomes an instance: ``Model.from_db``, or, for a model whose
    ``__init__`` would only store the values (Django's own ``__init__`` and ``from_db``, no
    ``pre_init``/``post_init`` receiver, every field read through Django's plain deferred
    attributes), the same instance made by storing them: ``Model.__init__`` walks every field
    of the model for each row (half the cost of the list's 200 instances a page, issue #25)."""
    plain = (
        model.__init__ is Model.__init__
        and next(c.__dict__["from_db"] for c in model.__mro__ if "from_db" in c.__dict__)
        is Model.__dict__["from_db"]
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
        and all(type(getattr(model, f.attname, None)) in _PLAIN for f in model._meta.concrete_fields)
    )
    if not plain:
        return lambda values: model.from_db(db, names, values)
    new = model.__new__

    def make(values: Any) -> Any:
        instance = new(model)
        state = instance._state = ModelState()
        state.adding, state.db = False, db
        instance.__dict__.update(zip(names, values, strict=True))
        return instance

    return make


#: descriptors whose ``__set__`` (if any) only stores the value in the instance's ``__dict__``
_PLAIN = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)


class _Related:
    """Django's ``RelatedPopulator`` (whose columns, order and setters it takes), making its
    instances as ``_maker`` does. Reads the populator's attributes: a Django upgrade that
    renames them fails here, in the tests that compare rows with the queryset's."""

    def __init__(self, django: Any) -> None:
        self.reorder = django.reorder_for_init
        self.start, self.end, self.pk = (
            getattr(django, "cols_start", 0),
            getattr(django, "cols_end", 0),
            django.pk_idx,
        )
        self.make = _maker(django.model_cls, django.db, django.init_list)
        self.related = [_Related(r) for r in django.related_populators]
        self.local_setter, self.remote_setter = django.local_setter, django.remote_setter

    def populate(self, row: Any, from_obj: Any) -> None:
        data = self.reorder(row) if self.reorder else row[self.start : self.end]
        if data[self.pk] is None:
            obj = None
        else:
            obj = self.make(data)
            for related in self.related:
                related.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)
