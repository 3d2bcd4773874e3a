"""core.prepared: the ORM's statement compiled once, run with each call's values."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.prepared import Key, Prepared, User

pytestmark = pytest.mark.django_db


def _users(**extra):
    model = get_user_model()
    return [model.objects.create(username=f"u{i}", **extra) for i in range(3)]


def test_rows_and_counts_are_the_querysets_own_for_each_call():
    users = _users()
    group = Group.objects.create(name="g")
    users[1].groups.add(group)
    model = get_user_model()
    by_name = Prepared(lambda name: model.objects.filter(username=name), name=str)
    in_group = Prepared(lambda group: model.objects.filter(groups=group).order_by("pk"), group=int)
    for user in users:
        found = by_name.first(name=user.username)
        assert found == user and found.username == user.username
        assert found.date_joined == model.objects.get(pk=user.pk).date_joined
        assert not found._state.adding and found._state.db == "default"
    assert by_name.first(name="nobody") is None
    assert in_group.all(group=group.pk) == [users[1]]
    assert in_group.count(group=group.pk) == 1 and in_group.count(group=group.pk + 1000) == 0


def test_one_statement_a_call_logged_like_the_orms():
    user = _users()[0]
    prepared = Prepared(lambda pk: get_user_model().objects.filter(pk=pk), pk=int)
    prepared.first(pk=user.pk)  # compiled here
    with CaptureQueriesContext(connection) as queries:
        assert prepared.first(pk=user.pk) == user
        assert prepared.count(pk=user.pk) == 1
    assert len(queries) == 2
    assert str(user.pk) in queries[0]["sql"]


def test_a_time_compared_in_sql():
    session = Session.objects.create(session_key="k" * 32, session_data="x", expire_date=timezone.now())
    live = Prepared(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
        key=str,
        now=dt.datetime,
    )
    assert live.first(key=session.session_key, now=session.expire_date - dt.timedelta(seconds=1)) == session
    assert live.first(key=session.session_key, now=session.expire_date) is None


def test_refused_where_the_value_would_not_reach_the_statement_as_given():
    model = get_user_model()
    wrapped = Prepared(lambda name: model.objects.filter(username__icontains=name), name=str)
    with pytest.raises(ValueError, match="name"):
        wrapped.count(name="a")
    with pytest.raises(TypeError):
        Prepared(lambda when: model.objects.filter(date_joined__date=when), when=float)
    joined = Prepared(lambda pk: model.objects.filter(pk=pk).select_related(None).annotate(), pk=int)
    with pytest.raises(TypeError, match="takes"):
        joined.first(id=1)
    counted_only = Prepared(lambda pk: model.objects.filter(pk=pk).values("username"), pk=int)
    with pytest.raises(TypeError, match="plain"):
        counted_only.all(pk=1)
    assert counted_only.count(pk=1) == 0


def test_a_32_bit_key_and_a_query_that_cannot_have_rows():
    from django_otp.plugins.otp_static.models import StaticDevice

    user = _users()[0]
    device = StaticDevice.objects.create(user=user, name="codes")
    by_id = Prepared(lambda pk: StaticDevice.objects.filter(pk=pk), pk=int)
    assert by_id.first(pk=device.pk) == device
    nothing = Prepared(lambda pk: StaticDevice.objects.filter(pk=pk).none(), pk=int)
    with pytest.raises(ValueError, match="no rows"):
        nothing.count(pk=1)


def test_an_annotation_comes_with_its_row():
    from django.db.models.functions import Upper

    user = _users()[1]
    model = get_user_model()
    shouting = Prepared(lambda pk: model.objects.annotate(loud=Upper("username")).filter(pk=pk), pk=int)
    found = shouting.first(pk=user.pk)
    assert found == user and found.loud == user.username.upper() and found.username == user.username


def test_related_rows_come_with_their_row_as_select_related_gives_them(demo):
    """Rows with ``select_related`` (a nullable one included) and ``only``: the same objects
    and values as the queryset's, without a query for the related rows."""
    from casemgmt.models import Prisoner

    build = lambda facility: (  # noqa: E731
        Prisoner.objects.filter(facility_id=facility)
        .select_related("facility", "unit", "cell")
        .only("family_name", "facility__name", "unit__code", "cell__number")
        .order_by("pk")
    )
    prepared = Prepared(build, facility=int)
    facility = next(iter(demo.facilities.values()))
    theirs = list(build(facility.pk))
    theirs[0].cell = theirs[0].cell_id = None  # one without a cell: the outer join's empty side
    theirs[0].save(update_fields=["cell"])
    theirs = list(build(facility.pk))
    assert any(p.cell_id is None for p in theirs) and any(p.cell_id for p in theirs)
    with CaptureQueriesContext(connection) as queries:
        ours = prepared.all(facility=facility.pk)
        seen = [(p.pk, p.family_name, p.facility.name, p.unit and p.unit.code, p.cell and p.cell.number)
                for p in ours]  # fmt: skip
    assert len(queries) == 1
    assert seen == [
        (p.pk, p.family_name, p.facility.name, p.unit and p.unit.code, p.cell and p.cell.number)
        for p in theirs
    ]
    assert ours[0].get_deferred_fields() == theirs[0].get_deferred_fields()

    def state(obj):  # what an instance holds, its related rows' included
        held = {k: v for k, v in vars(obj).items() if k != "_state"}
        return (
            held,
            obj._state.adding,
            obj._state.db,
            {k: state(v) for k, v in obj._state.fields_cache.items() if v},
        )

    assert [state(p) for p in ours] == [state(p) for p in theirs]
    from core.prepared import _maker

    # made by storing the values, not through Model.__init__ (a prisoner has a file field)
    assert _maker(Prisoner, "default", ["id"]).__name__ == "make"
    # a full row too (every field, no deferral), and the instance saves as Django's would
    full = Prepared(lambda pk: Prisoner.objects.select_related("facility").filter(pk=pk), pk=int)
    mine, django = (
        full.first(pk=theirs[1].pk),
        Prisoner.objects.select_related("facility").get(pk=theirs[1].pk),
    )
    assert state(mine) == state(django) and not mine.get_deferred_fields()
    mine.family_name = "Saved"
    mine.save(update_fields=["family_name"])
    assert Prisoner.objects.get(pk=mine.pk).family_name == "Saved"


def test_a_user_input_takes_the_users_id_and_only_what_it_names():
    users = _users()
    group = Group.objects.create(name="g")
    users[0].groups.add(group)
    model = get_user_model()
    in_groups = Prepared(lambda user: model.objects.filter(groups__user=user.pk).distinct(), user=User())
    assert in_groups.all(user=users[0]) == [users[0]]
    assert in_groups.all(user=users[1]) == []
    nosy = Prepared(lambda user: model.objects.filter(email=user.email), user=User())
    with pytest.raises(AttributeError, match="email"):
        nosy.count(user=users[0])
    users[2].is_active = False
    with pytest.raises(TypeError, match="active"):
        in_groups.count(user=users[2])
    # a model instance is not an id: the stand-in would reach the statement as an object
    as_object = Prepared(lambda user: model.objects.filter(pk=user), user=User())
    with pytest.raises((TypeError, ValueError)):
        as_object.count(user=users[0])


def test_each_shape_compiled_once_and_kept_apart():
    """Named attributes and keys select the statement: one compile each, never another's."""
    users = _users()
    users[1].flag = users[0].flag = "a"
    users[2].flag = "b"
    built = []

    def build(user, names):
        built.append((user.flag, names))
        rows = get_user_model().objects.exclude(pk=user.pk)
        return rows.filter(username__in=names) if user.flag == "a" else rows.order_by("-pk")

    prepared = Prepared(build, user=User("flag"), names=Key)
    names = ("u0", "u1", "u2")
    assert {u.username for u in prepared.all(user=users[0], names=names)} == {"u1", "u2"}
    assert {u.username for u in prepared.all(user=users[1], names=names)} == {"u0", "u2"}
    assert {u.username for u in prepared.all(user=users[1], names=("u0",))} == {"u0"}
    assert prepared.count(user=users[2], names=names) == 2  # another statement
    assert built == [("a", names)] * 2 + [("a", ("u0",))] * 2 + [("b", names)] * 2


def test_refused_when_the_build_reads_the_database_or_its_statement_drifts():
    users = _users()
    model = get_user_model()
    # the staff's ids looked up while building: the first user's answer kept for everyone
    looked_up = Prepared(
        lambda user: model.objects.filter(pk__in=list(model.objects.values_list("pk", flat=True))).exclude(
            pk=user.pk
        ),
        user=User(),
    )
    with pytest.raises(RuntimeError, match="read the database"):
        looked_up.count(user=users[0])
    clock = iter(range(100))
    drifting = Prepared(
        lambda pk: model.objects.filter(
            pk=pk, last_login__lt=dt.datetime(2000, 1, 1 + next(clock), tzinfo=dt.UTC)
        ),
        pk=int,
    )
    with pytest.raises(ValueError, match="inputs"):
        drifting.count(pk=users[0].pk)


def test_a_day_reaches_the_statement():
    _users()
    model = get_user_model()
    joined = Prepared(lambda day: model.objects.filter(date_joined__date__lte=day), day=dt.date)
    assert joined.count(day=timezone.localdate()) == 3
    assert joined.count(day=dt.date(2000, 1, 1)) == 0


def test_statements_follow_the_language_and_time_zone_and_are_forgotten_when_settings_change(settings):
    """A build may read the active language or time zone (a truncation to the day takes the
    zone), or a setting: a statement for each language and zone, none kept past a change."""
    from django.db.models.functions import TruncDate
    from django.utils import translation

    user = _users()[0]
    built = []

    def build(pk):
        built.append((translation.get_language(), timezone.get_current_timezone_name()))
        return get_user_model().objects.annotate(day=TruncDate("date_joined")).filter(pk=pk)

    prepared = Prepared(build, pk=int)
    days = {}
    for zone in ("Asia/Dushanbe", "America/Los_Angeles", "Asia/Dushanbe"):
        with timezone.override(zone):
            days[zone] = prepared.first(pk=user.pk).day
            assert days[zone] == timezone.localtime(user.date_joined).date()
    with translation.override("ru"):
        prepared.first(pk=user.pk)
    assert len(built) == 6  # two builds a shape: Dushanbe, Los Angeles, then Russian
    prepared.first(pk=user.pk)
    assert len(built) == 6
    settings.INITIAL_ASSESSMENT_DAYS = 99  # any setting changed: every statement forgotten
    prepared.first(pk=user.pk)
    assert len(built) == 8


def test_a_statement_a_time_moved_by_an_interval_and_optional_inputs():
    """A build may give SQL text with its parameters (several querysets put together); a
    time moved by a fixed interval is moved on every call; two times are never confused;
    an optional input may stay out of the statement; a JSON constant is a constant."""
    users = _users()
    model = get_user_model()
    now = timezone.now()
    model.objects.filter(pk=users[0].pk).update(last_login=now - dt.timedelta(days=3))
    model.objects.filter(pk=users[1].pk).update(last_login=now - dt.timedelta(days=10))

    def statement(user, now, day):
        recent = model.objects.filter(last_login__gte=now - dt.timedelta(days=7)).values("pk")
        before = model.objects.filter(date_joined__date__lte=day).exclude(pk=user.pk).values("pk")
        parts = [recent.query.sql_with_params(), before.query.sql_with_params()]
        sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM ({s}) q)" for s, _ in parts)  # noqa: S608
        return sql, [p for _, params in parts for p in params]

    counted = Prepared(statement, user=User(), now=dt.datetime, day=dt.date)
    today = timezone.localdate()
    assert counted.row(user=users[0], now=now, day=today) == (1, 2)
    assert counted.row(user=users[0], now=now + dt.timedelta(days=5), day=today - dt.timedelta(days=1)) == (
        0,
        0,
    )
    assert counted.row(user=users[0], now=now - dt.timedelta(days=8), day=today) == (2, 2)
    with pytest.raises(TypeError, match="plain"):
        counted.all(user=users[0], now=now, day=today)

    def maybe(user, flag):
        return model.objects.exclude(pk=user.pk) if flag else model.objects.filter(username__startswith="u")

    strict = Prepared(maybe, user=User(), flag=Key)
    lenient = Prepared(maybe, user=User(), flag=Key, optional=("user",))
    assert strict.count(user=users[0], flag=True) == lenient.count(user=users[0], flag=True) == 2
    with pytest.raises(ValueError, match="user"):
        strict.count(user=users[0], flag=False)
    assert lenient.count(user=users[0], flag=False) == 3

    from django.db.models import JSONField, Value

    json = Prepared(
        lambda pk: model.objects.annotate(tags=Value(["a"], output_field=JSONField())).filter(pk=pk), pk=int
    )
    assert json.first(pk=users[2].pk).tags == ["a"]


def test_shapes_are_bounded(monkeypatch):
    """A key from a page's parameters (its bounds) cannot grow a prepared query's statements
    without end: past MAX_SHAPES the oldest goes."""
    from core import prepared

    monkeypatch.setattr(prepared, "MAX_SHAPES", 3)
    user = _users()[0]
    paged = Prepared(lambda pk, top: get_user_model().objects.filter(pk=pk)[:top], pk=int, top=Key)
    for top in range(1, 6):
        assert paged.first(pk=user.pk, top=top) == user
    assert len(paged._shapes) == 3
    assert [key[-1] for key in paged._shapes] == [3, 4, 5]


def _prepared_on_server(column: str) -> list[tuple[int, int]]:
    """(generic plans, custom plans) of this connection's prepared statements that compare
    ``column`` of the users with a value (each test its own column)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            [f'%"{column}" = %'],
        )
        return list(cursor.fetchall())


def test_postgres_plans_a_statement_once_and_then_keeps_its_plan():
    users = _users(first_name="Planned")
    by_name = Prepared(
        lambda name: get_user_model().objects.filter(username=name, first_name="Planned"), name=str
    )
    for _ in range(8):  # five custom plans, then PostgreSQL weighs the generic one
        for user in users:
            assert by_name.first(name=user.username) == user
    ((generic, custom),) = _prepared_on_server("first_name")
    assert custom == 5 and generic == 19  # planned five times for 24 runs


def test_constants_are_written_into_the_statement_and_inputs_stay_parameters():
    """A generic plan knows the statement's constants (a status, a codename), not its inputs."""
    from django.db.models import TextChoices

    class Kind(TextChoices):
        ODD = "50% o'clock", "odd"

    odd = _users(first_name=Kind.ODD, last_name="Tail")
    plain = get_user_model().objects.create(username="plain", first_name="50", last_name="Tail")
    by_name = Prepared(
        lambda name, top: (
            get_user_model()
            .objects.filter(username=name, first_name=Kind.ODD, last_name__in=["Tail", "x%s"], id__lt=top)
            .exclude(is_staff=True)
        ),
        name=str,
        top=int,
    )
    for user in odd:
        assert by_name.first(name=user.username, top=user.pk + 1) == user
        assert by_name.first(name=user.username, top=user.pk) is None
    assert by_name.first(name=plain.username, top=plain.pk + 1) is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%o''clock%"])
        ((statement,),) = cursor.fetchall()
    assert "\"first_name\" = '50% o''clock'" in statement
    assert "IN ('Tail', 'x%s')" in statement
    # the two inputs, and nothing else, are parameters
    assert '"username" = $' in statement and '"id" < $' in statement and "$3" not in statement


def test_a_statement_planned_for_its_values_is_not_prepared():
    user = _users(last_name="Each")[0]
    by_name = Prepared(
        lambda name: get_user_model().objects.filter(username=name, last_name="Each"),
        name=str,
        plan_once=False,
    )
    for _ in range(6):
        assert by_name.first(name=user.username) == user
    assert _prepared_on_server("last_name") == []


def test_no_statement_prepared_behind_a_pooler_that_keeps_none():
    """``DB_PREPARED_STATEMENTS=false`` (pgbouncer in transaction mode): Django's own cursor."""
    user = _users(email="pooled@example.org")[0]
    by_name = Prepared(
        lambda name: get_user_model().objects.filter(username=name, email="pooled@example.org"), name=str
    )
    options = connection.settings_dict["OPTIONS"]
    threshold = options["prepare_threshold"]
    options["prepare_threshold"] = None
    try:
        for _ in range(6):
            assert by_name.first(name=user.username) == user
    finally:
        options["prepare_threshold"] = threshold
    assert _prepared_on_server("email") == []
