"""Sign-in throttling, passwords and hashing, session timeouts, forced reset and disable."""

import os
import runpy
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import UserSession
from core.models import AuditEvent
from tests.conftest import PASSWORD, Client

pytestmark = pytest.mark.django_db
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _post_login(client, username, password, ip):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_lockout_is_by_username_and_address_together(demo):
    shift = "10.1.1.1"  # one shared address for a whole shift
    answers = [_post_login(Client(), "officer.a", "wrong-password-1", shift) for _ in range(5)]
    assert [r.status_code for r in answers] == [200, 200, 200, 200, 429]  # the 5th failure locks
    locked = _post_login(Client(), "officer.a", PASSWORD, shift)  # even the right password
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # another officer at the same address signs in; the same officer elsewhere too
    assert _post_login(Client(), "officer.b", PASSWORD, shift).status_code == 302
    assert _post_login(Client(), "officer.a", PASSWORD, "10.2.2.2").status_code == 302
    event = AuditEvent.objects.filter(action="lockout").latest("id")
    assert event.object_id == str(demo.users["officer.a"].pk) and "wrong-password" not in str(event.after)
    # an administrator unlocks
    services.sign_in_unlock(actor=demo.users["admin"], user=demo.users["officer.a"])
    assert _post_login(Client(), "officer.a", PASSWORD, shift).status_code == 302
    assert AuditEvent.objects.filter(action="unlock").exists()


def test_an_unknown_username_gets_the_same_answers(demo):
    ip = "10.3.3.3"

    def body(response):
        return response.content.decode().replace("no-such-user", "X").replace("officer.a", "X")

    known = [
        _post_login(Client(), "officer.a", "wrong-password-1", ip)
        for _ in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    unknown = [
        _post_login(Client(), "no-such-user", "wrong-password-1", ip)
        for _ in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [200] * 4 + [429, 429]
    strip = __import__("re").compile(
        r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"|"X-CSRFToken": "[^"]+"'
    )
    assert strip.sub("", body(known[0])) == strip.sub("", body(unknown[0]))
    assert strip.sub("", body(known[-1])) == strip.sub("", body(unknown[-1]))
    # an unknown name is not written to the log (it may be a mistyped password)
    assert not AuditEvent.objects.filter(object_repr="no-such-user").exists()


def _hashers_with(monkeypatch, env: dict) -> list[str]:
    """Run the real settings module (not the test settings) under ``env``."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(os.path.join(ROOT, "config", "settings.py"))["PASSWORD_HASHERS"]


def test_argon2_is_the_hasher_outside_tests(monkeypatch):
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    production = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "EMAIL_URL": "smtp://mail.invalid:25",
        "ALLOWED_HOSTS": "casemgmt.invalid",
    }
    assert _hashers_with(monkeypatch, {"DJANGO_ENV": "development"})[0] == argon2
    assert _hashers_with(monkeypatch, production)[0] == argon2
    assert _hashers_with(monkeypatch, {"DJANGO_ENV": "test"})[0] != argon2  # MD5, for speed only


@pytest.mark.parametrize("weak", ["Short-1", "password1234", "123456789012345", "officer.a.2026"])
def test_weak_passwords_are_refused(demo, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=demo.users["officer.a"])


def test_the_session_key_changes_at_sign_in(demo):
    client = Client()
    before = client.session
    before["seen_the_login_page"] = True
    before.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = before.session_key
    assert _post_login(client, "officer.a", PASSWORD, "10.4.4.4").status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before.session_key
    assert UserSession.objects.filter(session_key=after, user=demo.users["officer.a"]).exists()


def test_idle_timeout_ends_the_session_and_activity_extends_it(demo):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(demo.users["officer.a"])
        for _ in range(3):  # a request every 10 minutes keeps it alive
            clock.shift(timedelta(minutes=10))
            assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(seconds=settings.SESSION_IDLE_TIMEOUT + 1))
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    event = AuditEvent.objects.filter(action="session_expired").latest("id")
    assert event.after == {"reason": "idle"}


def test_keepalive_counts_as_activity(demo):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(demo.users["officer.a"])
        clock.shift(timedelta(minutes=14))
        assert client.post(reverse("accounts:keepalive")).json() == {
            "idle_left": settings.SESSION_IDLE_TIMEOUT
        }
        clock.shift(timedelta(minutes=14))
        assert client.get(reverse("home")).status_code == 200


def test_absolute_timeout_ends_even_an_active_session(demo, settings):
    settings.SESSION_IDLE_TIMEOUT = 6 * 3600  # so two requests keep it active all day
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(demo.users["officer.a"])
        clock.shift(timedelta(hours=5))
        assert client.get(reverse("prisoner-list")).status_code == 200
        clock.shift(timedelta(hours=4, minutes=59))
        assert client.get(reverse("prisoner-list")).status_code == 200
        clock.shift(timedelta(minutes=2))  # 10 h 1 min after sign-in
        assert client.get(reverse("prisoner-list")).status_code == 302
    assert AuditEvent.objects.filter(action="session_expired").latest("id").after == {"reason": "absolute"}


def test_the_page_carries_the_idle_warning(demo, login):
    page = login(demo.users["officer.a"]).get(reverse("home")).content.decode()
    assert 'id="session-warning"' in page and 'data-idle-left="' in page and "js/session.js" in page


def test_disabling_an_account_ends_its_sessions_at_once(demo):
    officer = demo.users["officer.a"]
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    assert first.get(reverse("home")).status_code == 200
    assert services.account_disable(actor=demo.users["admin"], user=officer) == 2
    assert first.get(reverse("home")).status_code == 302
    assert second.get("/api/v1/prisoners/").status_code in (401, 403)
    assert AuditEvent.objects.filter(action="account_disabled", object_id=str(officer.pk)).exists()


def test_a_forced_password_change_ends_sessions_and_comes_first(demo):
    officer = demo.users["officer.a"]
    old = Client()
    old.force_login(officer)
    services.password_change_force(actor=demo.users["admin"], user=officer)
    assert old.get(reverse("home")).status_code == 302
    client = Client()
    assert _post_login(client, "officer.a", PASSWORD, "10.5.5.5").status_code == 302
    response = client.get(reverse("prisoner-list"))
    assert response.status_code == 302 and response.url == reverse("accounts:password-change")
    assert client.get("/api/v1/prisoners/").status_code == 403
    new = "Another-Long-Passphrase-77"
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get(reverse("prisoner-list")).status_code == 200
    assert not services.password_change_required(officer)


def test_the_admin_actions_go_through_the_services(demo, login):
    officer = demo.users["officer.a"]
    session = Client()
    session.force_login(officer)
    admin = login(demo.users["admin"])
    url = reverse("admin:casemgmt_user_changelist")
    for action in ["unlock_sign_in", "force_password_change", "reset_two_factor", "disable_accounts"]:
        response = admin.post(url, {"action": action, "_selected_action": [officer.pk]})
        assert response.status_code == 302, action
    officer.refresh_from_db()
    assert not officer.is_active and services.password_change_required(officer)
    assert session.get(reverse("home")).status_code == 302
    actions = set(AuditEvent.objects.filter(object_id=str(officer.pk)).values_list("action", flat=True))
    assert {"unlock", "password_forced", "mfa_reset", "account_disabled"} <= actions
