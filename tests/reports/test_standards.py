"""The standards view: per rule, complete and incomplete current files, and their lists."""

from __future__ import annotations

import datetime as dt

import pytest

from casemgmt.models import IdentityDocument
from intake.models import Admission, Child, Contact
from reports import selectors
from tests.reports.conftest import at
from tests.reports.test_dashboard import listed


@pytest.fixture
def files(world):
    pa, sup = world.pa, world.demo.users["supervisor.a"]
    IdentityDocument.objects.filter(prisoner=pa[4]).delete()
    first = Admission.objects.get(prisoner=pa[0])
    Admission.objects.filter(pk=first.pk).update(
        order_number="12/345",
        order_authority="Суди ноҳияи Сино",
        order_date=world.today,
        arrested_at=at(world.today, 8),
        arrest_place="Душанбе",
        reasons="Моддаи 307",
        property_acknowledged=True,
    )
    Admission.objects.filter(prisoner=pa[2]).update(property_refusal_note="Refused to sign")
    Contact.objects.create(
        admission=first, prisoner=pa[0], recorded_by=sup, role="both", name="Мадина", relationship="модар"
    )
    third = Admission.objects.get(prisoner=pa[3])
    Child.objects.create(
        admission=third,
        prisoner=pa[3],
        recorded_by=sup,
        name="Зарина",
        age_years=4,
        custody="relatives",
        location="Душанбе",
    )
    fourth = Admission.objects.create(
        facility=world.demo.facilities["A"],
        status="completed",
        prisoner=pa[4],
        created_by=sup,
        admitted_at=at(world.today - dt.timedelta(days=400)),
        initial_assessment_due=world.today + dt.timedelta(days=1),
    )
    Child.objects.create(
        admission=fourth, prisoner=pa[4], recorded_by=sup, name="Сино", age_years=1, custody="in_prison"
    )
    # The file keeps its contacts and children in the family app: copied as the data migration does.
    from django.apps import apps

    from family.intake_copy import copy_all

    copy_all(apps)
    return world


def by_code(rows):
    return {r["code"]: (r["applies"], r["complete"], r["incomplete"]) for r in rows}


def test_each_rule_for_the_supervisor(files, count_queries):
    sup = files.demo.users["supervisor.a"]
    with count_queries() as q:
        rows = selectors.standards_view(user=sup)
    # one for every row counted in files; the Rule 46 row counts days over the period
    # (discipline's own selector): its separations, then their health visits
    assert q.count == 3
    assert by_code(rows) == {
        "identity": (5, 4, 1),  # pa4 has no identity document
        "commitment": (5, 1, 4),  # only pa0's order is complete
        "admission": (5, 4, 1),  # pa1 has no admission on record
        "property": (5, 2, 3),  # pa0 acknowledged, pa2 refused (noted)
        "contacts": (5, 1, 4),
        "children": (2, 1, 1),  # pa3's child with relatives has no carer named
        "separation": (5, 4, 1),  # pa0 is 17 in an adult unit
        "initial_assessment": (5, 4, 1),  # pa0's initial assessment was due yesterday
        "review": (2, 1, 1),  # pa1's review is three days late
        # The complaints app's rows (tests/complaints): nobody here went through the
        # intake's information step, and there is no complaint in this set.
        "informed": (5, 0, 5),
        "informed_language": (5, 0, 5),
        "informed_women": (2, 0, 2),
        "complaints_answered": (0, 0, 0),
        "allegations_referred": (0, 0, 0),
        "allegations_registered": (0, 0, 0),
        "consular": (0, 0, 0),  # the family app's row: no foreign national here
        # The discipline app's rows (tests/discipline): no report or separation in this set.
        "discipline_lawful": (0, 0, 0),
        "discipline_informed": (0, 0, 0),
        "discipline_legal": (0, 0, 0),
        "separation_limit": (0, 0, 0),
        "separation_reviewed": (0, 0, 0),
        "separation_health": (0, 0, 0),
        "separation_mothers": (0, 0, 0),
        # The legal app's rows (tests/legal): no legal record, plan or copy request here.
        "legal_represented": (5, 0, 5),
        "release_plan_ready": (0, 0, 0),
        "record_copy_delivered": (0, 0, 0),
        # custody's row over the files closed by a death (tests/custody): none here.
        "death_investigation": (0, 0, 0),
    }
    for row in rows:
        if row.get("in_days"):  # counted in days: its link lists the days (tests/discipline)
            continue
        assert listed(sup, row["url"]) == row["incomplete"], row["code"]


def test_family_and_risk_rules_count_only_what_the_user_may_read(files):
    officer = files.demo.users["officer.a"]
    rows = by_code(selectors.standards_view(user=officer))
    assert rows["identity"] == (5, 4, 1)
    assert rows["children"] == rows["contacts"] == rows["review"] == rows["initial_assessment"] == (0, 0, 0)
    assert listed(officer, "/prisoners/?current=1&standard=children") == 0


def test_the_page_and_the_api(files, login, api):
    sup = files.demo.users["supervisor.a"]
    html = login(sup).get("/reports/standards/").content.decode()
    assert "Rule 3 of the Bangkok Rules" in html
    assert 'href="/prisoners/?current=1&amp;standard=children"' in html
    data = api(sup).get("/api/v1/reports/standards/").json()["standards"]
    children = next(r for r in data if r["code"] == "children")
    assert children["rule"] == "Rule 3 of the Bangkok Rules" and (
        children["applies"],
        children["incomplete"],
    ) == (2, 1)
    assert children["url"] == "/prisoners/?current=1&standard=children"
