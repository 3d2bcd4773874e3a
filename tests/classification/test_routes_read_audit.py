"""Every GET route of risk and programmes, as every demo role: a successful answer that
shows a prison number names that prisoner in the read event it wrote (issue 16)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from casemgmt.models import Prisoner
from core.models import ReadEvent

ROLES = ["officer.a", "officer.b", "casemanager.a", "programme.a", "supervisor.a", "admin"]


@pytest.fixture
def world(casework_demo):
    return casework_demo


def _urls(world):
    from classification.models import Assessment, Classification, Instrument, KeepApart
    from classification.services import keep_apart_add
    from rehabilitation.models import Enrolment, Offering, Programme, Referral, Session

    a = world.prisoners["A"]
    keep_apart_add(actor=world.users["supervisor.a"], prisoner=a[0], other=a[1], scope="unit", reason="r")
    assert KeepApart.objects.exists()
    urls = [reverse("rehabilitation:list")]
    urls += [reverse("prisoner-tab", args=[a[0].pk, tab]) for tab in ("risk", "programmes", "history")]
    urls += [reverse("prisoner-detail", args=[a[0].pk])]
    urls += [reverse("classification:assessment", args=[x.pk]) for x in Assessment.objects.all()[:3]]
    urls += [reverse("rehabilitation:offering", args=[x.pk]) for x in Offering.objects.all()]
    urls += [reverse("rehabilitation:attendance", args=[x.pk]) for x in Session.objects.all()[:2]]
    api = {
        "assessments": Assessment,
        "classifications": Classification,
        "instruments": Instrument,
        "programmes": Programme,
        "offerings": Offering,
        "referrals": Referral,
        "enrolments": Enrolment,
        "sessions": Session,
    }
    for path, model in api.items():
        urls.append(f"/api/v1/{path}/")
        urls += [f"/api/v1/{path}/{x.pk}/" for x in model.objects.all()[:2]]
    return urls


def test_every_prison_number_shown_is_a_subject_of_the_read(world):
    numbers = dict(Prisoner.objects.values_list("prison_number", "pk"))
    pattern = re.compile("|".join(re.escape(n) for n in numbers))
    urls = _urls(world)
    problems, showing = [], set()
    for role in ROLES:
        client = Client()
        client.force_login(world.users[role])
        for url in urls:
            last = ReadEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client.get(url)
            if not 200 <= response.status_code < 300:
                continue
            shown = {numbers[n] for n in pattern.findall(response.content.decode())}
            events = list(ReadEvent.objects.filter(id__gt=last))
            assert len(events) <= 1, (role, url)
            subjects = set(events[0].subjects) if events else set()
            if shown:
                showing.add(url)
            if shown - subjects:
                problems.append(f"{role} {url}: shown {sorted(shown)}, read event {sorted(subjects)}")
    assert not problems, "\n".join(problems)
    assert len(showing) >= 15, sorted(showing)  # the check saw the pages that show people
