"""Shared fixtures: the demo personas, built by the same code as ``seed_demo``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext

PASSWORD = "Test-Password-2026"


def pytest_configure(config):
    """The suite runs on ``config.test_settings`` (pyproject.toml) or nothing: a settings
    module inherited from the environment ran it on the product's settings once, unnoticed
    (``make test`` through ``config.embedded``: 1.6x slower, one Redis database shared by
    the test processes' Celery workers)."""
    from django.conf import settings

    if not getattr(settings, "TESTING", False):
        raise pytest.UsageError(
            f"the suite needs DJANGO_SETTINGS_MODULE=config.test_settings, not {settings.SETTINGS_MODULE!r}"
        )


def confirmed_totp(user):
    """The user's confirmed authenticator device (made on first use), as enrolment leaves it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device) -> str:
    """The code an authenticator app shows now for ``device``."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


class Client(DjangoClient):
    """Django's test client whose ``force_login`` also passes the second factor for the
    roles that require one: a confirmed TOTP device, put on the session by django-otp's
    own ``login`` (as the verification page does). ``verified=False`` stops after the
    password step, to test the enforcement itself."""

    def force_login(self, user, backend=None, verified=True):
        super().force_login(user, backend)
        from accounts import mfa

        if verified and mfa.required(user):
            from django.http import HttpRequest
            from django_otp import login as otp_login

            request = HttpRequest()
            request.session = self.session
            request.user = user
            otp_login(request, confirmed_totp(user))
            request.session.save()


@pytest.fixture
def client():
    """A test client whose ``force_login`` passes two-factor authentication too."""
    return Client()


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read English; the translation tests switch language themselves."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(scope="session")
def worlds(django_db_setup, django_db_blocker):
    """The two demo worlds the suite uses, built once per test process (``tests/worlds.py``)."""
    from tests.worlds import Worlds

    made = Worlds(django_db_blocker)
    made.prepare(prisoners=12, password=PASSWORD)
    made.prepare(prisoners=12, password=PASSWORD, casework=True)
    return made


@pytest.fixture
def demo(worlds, db):
    """Two facilities, the demo accounts and a small population (12 prisoners)."""
    return worlds.build(prisoners=12, password=PASSWORD)


@pytest.fixture
def casework_demo(worlds, db):
    """The demo world with the risk instruments, assessments and decisions (``seed_demo``'s)."""
    return worlds.build(prisoners=12, password=PASSWORD, casework=True)


@pytest.fixture
def personas(demo):
    return demo.users


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api(demo):
    from rest_framework.test import APIClient

    def _api(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _api


class QueryCounter(CaptureQueriesContext):
    @property
    def count(self) -> int:
        return len(self.captured_queries)


@pytest.fixture
def count_queries():
    def _count():
        return QueryCounter(connection)

    return _count


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (selectors.visible_estimate keeps figures per
    user id, and ids are not reused across tests, but a test must not depend on that)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def private_storage(settings, tmp_path):
    """Uploaded and generated files (photos, export files) go to a folder of this test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path
