"""The officer's home page lists the movements of the service's day, by a statement that
PostgreSQL plans once (``core.dates.LocalMidnight``)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from core.dates import LocalMidnight, day_range
from custody import home
from custody.models import Movement

pytestmark = pytest.mark.django_db


def _statements() -> list[tuple[int, int, list[str]]]:
    """(generic plans, custom plans, parameter types) of this connection's prepared
    statements of the movements of the day."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans, parameter_types::text[] FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ['%FROM "custody_movement"%LIMIT 15'],
        )
        return list(cursor.fetchall())


def test_the_bounds_are_the_local_days():
    start, end = day_range()
    compiler = Movement.objects.none().query.get_compiler(connection=connection)
    today, tomorrow = (LocalMidnight(days=n).as_sql(compiler, connection)[0] for n in (0, 1))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {today}, {tomorrow}")  # noqa: S608 - no value of anyone's
        assert cursor.fetchone() == (start, end)
    assert timezone.localtime(start).time() == dt.time.min != start.astimezone(dt.UTC).time()


def test_the_officer_sees_the_movements_of_today_only(demo):
    officer = demo.users["officer.a"]
    moved = list(Movement.objects.filter(prisoner__facility=demo.facilities["A"]).order_by("pk")[:3])
    assert len(moved) == 3
    start, end = day_range()
    with connection.cursor() as cursor:  # movements are never changed: but in this test
        cursor.execute("ALTER TABLE custody_movement DISABLE TRIGGER custody_movement_append_only")
    # every movement of the facility yesterday (the world's admissions are today's), then
    # three at the day's edges: the page's fifteen cannot hide one
    Movement.objects.filter(prisoner__facility=demo.facilities["A"]).update(
        occurred_at=start - dt.timedelta(hours=12)
    )
    for movement, at in zip(moved, (start, start - dt.timedelta(seconds=1), end), strict=True):
        Movement.objects.filter(pk=movement.pk).update(occurred_at=at)
    shown = {m.pk for m in home._movements(officer)["movements"]}
    assert shown == {moved[0].pk}  # local midnight is today; a second before and tomorrow's are not


def test_the_statement_has_no_time_parameter_and_keeps_its_plan(demo):
    officer = demo.users["officer.a"]
    for _ in range(8):
        home._movements(officer)
    ((generic, custom, types),) = _statements()
    assert not any("timestamp" in t for t in types)
    assert (generic, custom) == (3, 5)  # planned for the first five runs only
