"""The read-audit matrix: every response that carries a prisoner's data writes one read
event naming that prisoner.

Every GET route of the permission matrix is requested as every demo role, for an object
of each side. For each successful (2xx) text response, every demo prisoner whose prison
number or full name appears in the body must be among the subjects of the ONE read event
that request wrote; a response showing no prisoner writes at most one. A new route that
returns prisoner data without noting it fails here without anyone adding a row: the
detector is the data itself. A photo (a binary body) must name its file too.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse

from casemgmt.models import Prisoner
from core.models import ReadEvent
from tests.conftest import Client
from tests.security.test_permission_matrix import ROLES, ROUTES, _objects, world  # noqa: F401

pytestmark = pytest.mark.django_db

#: routes whose body is a file of one prisoner (the object's prisoner must be noted)
BINARY = {"prisoner-photo", "intake:photo", "custody:find-photo", "find-photo"}


def _shown(body: str, people: list[tuple[int, str, str]]) -> set[int]:
    """The people whose prison number or full name the body shows. A name two people share
    (namesakes: the demo has some) names neither, so only their prison numbers count; longer
    names are taken out of the body first, so a name inside another's ("Иванов Сергей" in
    "Иванов Сергей Петрович") is not counted as shown where only the longer one is."""
    shown = {pk for pk, number, _name in people if number in body}
    counts = Counter(name for _pk, _number, name in people)
    for pk, _number, name in sorted(people, key=lambda person: len(person[2]), reverse=True):
        if name and name in body:
            if counts[name] == 1:
                shown.add(pk)
            body = body.replace(name, "")
    return shown


@pytest.mark.parametrize("column", [r for r in ROLES if r != "anonymous"])
def test_every_response_with_prisoner_data_is_read_audited(world, column):  # noqa: F811
    objects = _objects(world)
    client = Client()
    client.force_login(world.users[column])
    people = [(p.pk, p.prison_number, p.full_name) for p in Prisoner.objects.all()]
    wrong, audited = [], 0
    for name, (kind, extra, _cells) in sorted(ROUTES.items()):
        if kind is None:
            urls = [reverse(name, kwargs=extra)]
        else:
            urls = [reverse(name, kwargs={"pk": pk, **extra}) for pk in objects[kind]]
        for url in urls:
            last = ReadEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client.get(url)
            if not 200 <= response.status_code < 300:
                continue
            events = list(ReadEvent.objects.filter(id__gt=last))
            if len(events) > 1:
                wrong.append(f"{name} {url}: {len(events)} read events for one response")
                continue
            subjects = set(events[0].subjects) if events else set()
            if name in BINARY:
                if not subjects:
                    wrong.append(f"{name} {url}: a file served without a read event")
                continue
            if (
                getattr(response, "streaming", False)
                or "text" not in response.get("Content-Type", "")
                and ("json" not in response.get("Content-Type", ""))
            ):
                continue
            shown = _shown(response.content.decode(), people)
            missing = shown - subjects
            if missing:
                wrong.append(f"{name} {url}: shows {len(missing)} file(s) its read event does not name")
            audited += bool(events)
    assert not wrong, f"as {column}:\n" + "\n".join(wrong)
    # an administrator holds no grant: nothing of a file reaches them, so nothing is read
    assert audited or column == "admin", "no route wrote a read event: the detector is broken"


def test_the_detector_sees_a_list_that_was_not_audited(world, monkeypatch):  # noqa: F811
    """The check above can fail: with the middleware's write switched off, the prisoner
    list shows files that no read event names."""
    from core import reads

    monkeypatch.setattr(reads, "write", lambda request, collected: None)
    client = Client()
    client.force_login(world.users["officer.a"])
    response = client.get(reverse("prisoner-list"))
    people = [(p.pk, p.prison_number, p.full_name) for p in Prisoner.objects.all()]
    assert _shown(response.content.decode(), people)
    assert not ReadEvent.objects.exists()


def test_the_detector_reads_names_as_a_person_would():
    """Namesakes count only by their prison numbers; a name inside a longer one is not shown."""
    people = [
        (1, "TJ-1", "Нуров Фирӯз"),
        (2, "TJ-2", "Нуров Фирӯз"),
        (3, "TJ-3", "Иванов Сергей"),
        (4, "TJ-4", "Иванов Сергей Петрович"),
    ]
    assert _shown("<td>TJ-1</td><td>Нуров Фирӯз</td>", people) == {1}
    assert _shown("<td>Иванов Сергей Петрович</td>", people) == {4}
    assert _shown("<td>Иванов Сергей</td>", people) == {3}
