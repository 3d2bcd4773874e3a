"""Shared fixtures: the demo personas, built by the same code as ``seed_demo``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casemgmt import demo as demo_data

PASSWORD = "Test-Password-2026"


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read English; the translation tests switch language themselves."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def demo(db):
    """Two facilities, the six demo accounts and a small population (12 prisoners)."""
    return demo_data.build(prisoners=12, password=PASSWORD)


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
