"""Access is declared once, on every route: proven here, not promised."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework import viewsets
from rest_framework.decorators import action

from casemgmt import history
from core.api.base import RestrictedViewSetMixin
from core.checks import access_declared, undeclared
from core.models import AuditEvent
from tests.security.test_permission_matrix import world  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
VIEW_MODULES = [
    p
    for pattern in ("*/views.py", "*/views/*.py", "*/api/views.py")
    for p in ROOT.glob(pattern)
    if ".venv" not in p.parts
    and "tests" not in p.parts
    # the bases themselves are where the restriction is applied
    and p.relative_to(ROOT).as_posix() != "core/views/base.py"
]


def test_every_routed_view_declares_its_access():
    assert undeclared() == []


def test_the_declaration_check_runs_with_manage_py_check():
    """Registered by the app itself (not by this test's import), so ``manage.py check``,
    ``runserver`` and ``migrate`` refuse to start with an undeclared route."""
    probe = (
        "import django; django.setup(); from django.core.checks import registry; "
        "print(sorted({c.__module__ for c in registry.registry.get_checks()}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
    ).stdout
    assert "core.checks" in out
    assert access_declared() == []


def test_an_action_without_a_capability_is_caught():
    """The check above can fail: a viewset with an undeclared action is named."""

    class Careless(RestrictedViewSetMixin, viewsets.GenericViewSet):
        capability = "view"

        @action(detail=True, methods=["post"])
        def release(self, request, pk=None):  # pragma: no cover - never routed
            raise AssertionError

    assert Careless.undeclared_actions() == ["release"]


def test_no_view_restricts_by_hand():
    """Views resolve files and records through the bases and selectors, never by hand."""
    assert VIEW_MODULES, "no view module found: the test looks in the wrong place"
    by_hand = re.compile(r"(?<!self)\.restrict\(|prisoner_get\(")  # the bases' own self.restrict is the rule
    offenders = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in VIEW_MODULES
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if by_hand.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


@pytest.mark.django_db
def test_every_record_type_of_the_history_has_a_rule(world):  # noqa: F811
    """A type nobody registered is hidden from everyone: each type the demo writes has a rule."""
    written = set(AuditEvent.objects.filter(subject__isnull=False).values_list("object_type", flat=True))
    assert written, "the demo wrote no change of a file"
    assert sorted(written - set(history.registered())) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer.a", "supervisor.a", "casemanager.a"])
def test_the_history_tab_shows_only_what_the_reader_may_open(world, role):  # noqa: F811
    from core.grants import capabilities_of
    from tests.conftest import Client

    user = world.users[role]
    client = Client()
    client.force_login(user)
    checked = 0
    for prisoner in world.prisoners["A"]:
        response = client.get(reverse("prisoner-tab", args=[prisoner.pk, "history"]))
        if response.status_code != 200:
            continue
        held = capabilities_of(user, prisoner)
        for event in response.context["events"]:
            assert set(history.needed(event)) & held, f"{role} sees {event.object_type} on {prisoner}"
            checked += 1
        hidden = AuditEvent.objects.filter(subject=prisoner).exclude(action="view").count() - len(
            response.context["events"]
        )
        if role == "officer.a" and hidden:
            checked += 1
    assert checked
