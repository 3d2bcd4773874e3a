"""The one shape of an audited write (``core.writes``): validated, saved, one line."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core import audit, writes
from core.choices import AuditAction
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _last_line(obj):
    return AuditEvent.objects.filter(object_type="auth.group", object_id=str(obj.pk)).latest("id")


def test_a_created_row_is_saved_with_one_line_holding_its_fields():
    group = writes.create(None, Group(name="writes-a"), fields=["name"], reason="because")
    line = _last_line(group)
    assert Group.objects.filter(pk=group.pk).exists()
    assert (line.action, line.after, line.reason, line.actor_label, line.object_repr) == (
        AuditAction.CREATE,
        {"name": "writes-a"},
        "because",
        "system",
        "writes-a",
    )


def test_an_invalid_row_is_neither_saved_nor_audited():
    lines = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        writes.create(None, Group(name=""), after={"name": ""})
    assert AuditEvent.objects.count() == lines
    assert not Group.objects.filter(name="").exists()


def test_a_change_records_only_what_changed():
    group = writes.create(None, Group(name="writes-b"), after={"name": "writes-b"})
    before = audit.snapshot(group, ["name"])
    group.name = "writes-c"
    writes.update(None, group, fields=["name"], before=before)
    line = _last_line(group)
    assert (line.action, line.before, line.after) == (
        AuditAction.UPDATE,
        {"name": "writes-b"},
        {"name": "writes-c"},
    )


def test_after_and_fields_are_one_or_the_other():
    with pytest.raises(TypeError):
        writes.create(None, Group(name="writes-d"), after={}, fields=["name"])
