"""Case notes: the grace period, corrections, sensitive notes, pagination, capabilities."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from casemgmt import services as casemgmt_services
from casework import selectors, services
from casework.models import CaseNote

pytestmark = pytest.mark.django_db


def test_notes_grace_period_and_corrections(demo, prisoner, settings):
    cm = demo.users["casemanager.a"]
    note = services.note_add(actor=cm, prisoner=prisoner, kind="general", text="Calm, cooperative.")
    services.note_edit(actor=cm, note=note, text="Calm and cooperative.")
    with pytest.raises(ValidationError):
        services.note_edit(actor=demo.users["supervisor.a"], note=note, text="not mine")
    with pytest.raises(ValidationError):  # a system actor is nobody's author (was an AttributeError)
        services.note_edit(actor=None, note=note, text="by a task")
    CaseNote.objects.filter(pk=note.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))
    with pytest.raises(ValidationError) as error:
        services.note_edit(actor=cm, note=note, text="too late")
    assert error.value.code == "locked"
    fix = services.note_add(
        actor=cm, prisoner=prisoner, kind="general", text="Correction: not calm.", corrects=note
    )
    assert fix.corrects == note and CaseNote.objects.get(pk=note.pk).text == "Calm and cooperative."
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        CaseNote.objects.filter(pk=fix.pk).delete()


def test_sensitive_notes_hidden_in_list_search_and_timeline(demo, prisoner, client):
    from core import grants

    cm = demo.users["casemanager.a"]
    services.note_add(
        actor=cm, prisoner=prisoner, kind="security", text="Informant says recruiting in unit M1"
    )
    services.note_add(
        actor=cm, prisoner=prisoner, kind="general", text="Asked for recruiting books? no, Quran"
    )
    limited = casemgmt_services.staff_create(
        actor=None,
        username="cm.limited",
        password="Pass-Word-2026-l",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    grants.access_grant(
        actor=None, prisoners=[prisoner], user=limited, capabilities=["view_prisoner", "manage_caseplan"]
    )
    visible = set(selectors.notes_visible(user=limited).values_list("kind", flat=True))
    assert visible == {"general"}
    found, _more = selectors.notes_page(user=limited, prisoner=prisoner, query="recruiting")
    assert [n.kind for n in found] == ["general"]
    client.force_login(limited)
    html = client.get(reverse("casework:notes", args=[prisoner.pk]), {"q": "informant"}).content.decode()
    assert "Informant" not in html
    assert "Informant" not in client.get(reverse("casework:timeline", args=[prisoner.pk])).content.decode()
    client.force_login(cm)
    assert "Informant" in client.get(reverse("casework:timeline", args=[prisoner.pk])).content.decode()


def test_notes_keyset_pagination_newest_first(demo, prisoner):
    cm = demo.users["casemanager.a"]
    for i in range(30):
        services.note_add(actor=cm, prisoner=prisoner, kind="general", text=f"note {i}")
    page1, before = selectors.notes_page(user=cm, prisoner=prisoner)
    page2, end = selectors.notes_page(user=cm, prisoner=prisoner, before_id=before)
    assert [n.text for n in page1][:2] == ["note 29", "note 28"] and len(page1) == 25
    assert [n.text for n in page2] == [f"note {i}" for i in range(4, -1, -1)] and end is None


def test_notes_of_a_file_read_from_its_capabilities_are_the_visible_notes(demo, prisoner):
    """notes_of_file (the timeline's reading, from the capabilities the case file holds
    already) keeps exactly what notes_visible keeps of that file, for every demo user."""
    from casework.choices import NoteKind
    from core.grants import capabilities_of

    cm = demo.users["casemanager.a"]
    for kind in NoteKind.values:
        services.note_add(actor=cm, prisoner=prisoner, kind=kind, text=f"a {kind} note")
    from core import grants

    limited = casemgmt_services.staff_create(
        actor=None,
        username="cm.limited2",
        password="Pass-Word-2026-l",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )
    grants.access_grant(
        actor=None, prisoners=[prisoner], user=limited, capabilities=["view_prisoner", "manage_caseplan"]
    )
    seen_sensitive = seen_limited = False
    for user in [*demo.users.values(), limited]:
        expected = set(
            selectors.notes_visible(user=user).filter(prisoner=prisoner).values_list("pk", flat=True)
        )
        capabilities = capabilities_of(user, prisoner)
        mine = set(
            selectors.notes_of_file(prisoner=prisoner, capabilities=capabilities).values_list("pk", flat=True)
        )
        assert mine == expected, user.username
        seen_sensitive |= len(expected) == len(NoteKind.values)
        seen_limited |= 0 < len(expected) < len(NoteKind.values)
    assert seen_sensitive  # someone (the case manager, a supervisor) reads every kind
    assert seen_limited  # and the limited case manager only the open kinds
