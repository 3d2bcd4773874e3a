"""The reception desk's open list: drafts and the admissions of the local day."""

import datetime as dt

import pytest
from django.utils import timezone

from core.dates import day_range
from intake import selectors, services
from intake.models import Admission

pytestmark = pytest.mark.django_db


def test_open_list_keeps_drafts_and_todays_admissions_by_the_local_day(demo, draft_factory):
    officer = demo.users["officer.a"]
    draft = draft_factory()
    done = [services.admission_complete(actor=officer, admission=draft_factory()) for _ in range(3)]
    start, end = day_range()
    # The first admitted in the first minute of today, the second in the last of yesterday,
    # the third in the first of tomorrow (the local day, not UTC's)
    for admission, at in zip(done, (start, start - dt.timedelta(minutes=1), end), strict=True):
        Admission.objects.filter(pk=admission.pk).update(admitted_at=at)
    listed = set(selectors.admission_list_filtered(user=officer).values_list("pk", flat=True))
    assert draft.pk in listed and done[0].pk in listed
    assert done[1].pk not in listed and done[2].pk not in listed
    every = set(selectors.admission_list_filtered(user=officer, status="all").values_list("pk", flat=True))
    assert {draft.pk, *(a.pk for a in done)} <= every
    # another facility's officer sees none of them
    assert not selectors.admission_list_filtered(user=demo.users["officer.b"], status="all").filter(
        pk__in=[draft.pk, *(a.pk for a in done)]
    )


def test_day_range_is_the_local_day():
    start, end = day_range(dt.date(2026, 3, 21))
    assert (
        timezone.localtime(start).date()
        == dt.date(2026, 3, 21)
        == timezone.localtime(end - dt.timedelta(microseconds=1)).date()
    )
    assert (timezone.localtime(start).hour, timezone.localtime(start).minute) == (0, 0)
    assert end - start == dt.timedelta(days=1)
