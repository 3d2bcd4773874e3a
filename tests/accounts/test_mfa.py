"""Two-factor authentication: enrolment, enforcement on pages and the API, reuse refused."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from core.models import AuditEvent
from tests.conftest import Client, confirmed_totp, current_code

pytestmark = pytest.mark.django_db


def _password_only(user):
    client = Client()
    client.force_login(user, verified=False)
    return client


def test_an_administrator_without_a_device_must_enrol_first(demo):
    admin = demo.users["admin"]
    client = _password_only(admin)
    response = client.get(reverse("prisoner-list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:mfa-enrol"))
    assert client.get("/api/v1/prisoners/").status_code == 403
    assert client.get("/admin/").status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<script>" not in html  # the QR code is drawn on the server
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        wrong = client.post(reverse("accounts:mfa-enrol"), {"code": "000000", "next": "/prisoners/"})
        assert wrong.status_code == 400
        clock.shift(timedelta(seconds=2))  # django-otp throttles for a second after a failure
        done = client.post(
            reverse("accounts:mfa-enrol"), {"code": current_code(device), "next": "/prisoners/"}
        )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("prisoner-list")).status_code == 200
    assert client.get("/api/v1/prisoners/").status_code == 200
    assert client.get("/admin/").status_code == 200
    actions = set(AuditEvent.objects.filter(object_id=str(admin.pk)).values_list("action", flat=True))
    assert {"mfa_enrolled", "mfa_backup_codes", "mfa_failed"} <= actions


def test_mfa_is_enforced_on_pages_and_the_api_and_a_code_works_once(demo):
    supervisor = demo.users["supervisor.a"]
    device = confirmed_totp(supervisor)
    client = _password_only(supervisor)
    prisoner = demo.prisoners["A"][0]
    page = client.get(reverse("prisoner-detail", args=[prisoner.pk]))
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:mfa-verify"))
    assert client.get("/api/v1/prisoners/").status_code == 403
    assert client.get(f"/api/v1/prisoners/{prisoner.pk}/").status_code == 403
    code = current_code(device)
    assert (
        client.post(reverse("accounts:mfa-verify"), {"code": code, "next": "/prisoners/"}).url
        == "/prisoners/"
    )
    assert client.get("/api/v1/prisoners/").status_code == 200
    # the same code again, in another session: refused
    other = _password_only(supervisor)
    assert other.post(reverse("accounts:mfa-verify"), {"code": code}).status_code == 400
    assert other.get("/api/v1/prisoners/").status_code == 403
    assert AuditEvent.objects.filter(action="mfa_failed", object_id=str(supervisor.pk)).exists()


def test_a_backup_code_works_once(demo):
    from accounts import services

    supervisor = demo.users["supervisor.a"]
    confirmed_totp(supervisor)
    codes = services.backup_codes_issue(user=supervisor)
    first = _password_only(supervisor)
    assert first.post(reverse("accounts:mfa-verify"), {"code": codes[0]}).status_code == 302
    assert first.get(reverse("home")).status_code == 200
    second = _password_only(supervisor)
    assert second.post(reverse("accounts:mfa-verify"), {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=supervisor).count() == 9


def test_an_officer_may_but_need_not_use_two_factor(demo):
    client = _password_only(demo.users["officer.a"])
    assert client.get(reverse("prisoner-list")).status_code == 200
    assert client.get(reverse("accounts:security")).status_code == 200


def test_an_api_token_does_not_bypass_two_factor(demo):
    client = Client()
    token = Token.objects.create(user=demo.users["admin"])
    response = client.get("/api/v1/prisoners/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401
    officer = Token.objects.create(user=demo.users["officer.a"])
    assert client.get("/api/v1/prisoners/", HTTP_AUTHORIZATION=f"Token {officer.key}").status_code == 200


def test_a_password_reset_does_not_bypass_two_factor(demo):
    from accounts import services

    supervisor = demo.users["supervisor.a"]
    device = confirmed_totp(supervisor)
    services.password_change_force(actor=demo.users["admin"], user=supervisor)
    client = Client()
    from tests.conftest import PASSWORD

    client.post(reverse("login"), {"username": "supervisor.a", "password": PASSWORD})
    response = client.get(reverse("accounts:password-change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:mfa-verify"))
    client.post(reverse("accounts:mfa-verify"), {"code": current_code(device)})
    assert client.get(reverse("home")).url == reverse("accounts:password-change")
    new = "Another-Long-Passphrase-77"
    client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert client.get(reverse("home")).status_code == 200
    assert TOTPDevice.objects.filter(user=supervisor, confirmed=True).exists()  # still there
    fresh = Client()
    fresh.post(reverse("login"), {"username": "supervisor.a", "password": new})
    assert fresh.get(reverse("home")).url.startswith(reverse("accounts:mfa-verify"))


def test_mfa_can_be_required_for_another_role(demo, settings):
    settings.MFA_REQUIRED_ROLES = ["case_manager"]
    client = _password_only(demo.users["casemanager.a"])
    assert client.get(reverse("home")).status_code == 302
    assert _password_only(demo.users["supervisor.a"]).get(reverse("home")).status_code == 200
