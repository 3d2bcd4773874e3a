"""core.prepared: the ORM's statement compiled once, run with each call's values."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.prepared import Prepared

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
        Prepared(lambda when: model.objects.filter(date_joined__date=when), when=dt.date)
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
