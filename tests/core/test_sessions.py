"""core.sessions: Django's database sessions read by a prepared statement (issue #25)."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_session_is_read_while_it_lasts_and_not_after(demo, login):
    client = login(demo.users["officer.a"])
    assert client.get(reverse("home")).status_code == 200
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_or_malformed_key_is_no_session(demo, login):
    from core.sessions import SessionStore

    client = login(demo.users["officer.a"])
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()["_auth_user_id"] == str(demo.users["officer.a"].pk)
    for other in ("x" * 32, "", "short"):
        store = SessionStore(other)
        assert store.load() == {} and store.session_key is None


def test_two_factor_holds_with_the_prepared_device_read(demo, client):
    """A supervisor verified with an authenticator passes; the session's device of another
    user or an unknown device does not verify the session (django-otp's checks, kept)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bench.measure import pass_mfa

    supervisor, other = demo.users["supervisor.a"], demo.users["officer.b"]
    client.force_login(supervisor)
    pass_mfa(client, supervisor)
    assert client.get(reverse("prisoner-list")).status_code == 200
    theirs = TOTPDevice.objects.create(user=other, name="theirs", confirmed=True)
    for persistent_id in (theirs.persistent_id, "otp_totp.totpdevice/999999", "nonsense", "a.b.c/1"):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = persistent_id
        session.save()
        response = client.get(reverse("prisoner-list"))
        assert response.status_code == 302 and reverse("accounts:mfa-verify") in response["Location"], (
            persistent_id
        )
