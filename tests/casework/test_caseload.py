"""The caseload and the timeline: who sees them, flat query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services

pytestmark = pytest.mark.django_db


def test_caseload_and_timeline_queries_are_flat(demo, client, count_queries):
    cm = demo.users["casemanager.a"]
    client.force_login(cm)
    prisoner = demo.prisoners["A"][0]

    def measure():
        with count_queries() as c1:
            assert client.get(reverse("casework:caseload")).status_code == 200
        with count_queries() as c2:
            assert client.get(reverse("casework:timeline", args=[prisoner.pk])).status_code == 200
        return c1.count, c2.count

    small = measure()
    for p in demo.prisoners["A"]:
        plan = services.plan_create(actor=cm, prisoner=p)
        goal = services.goal_add(actor=cm, plan=plan, description="g")
        services.action_add(
            actor=cm, goal=goal, description="late", target_date=timezone.localdate() - dt.timedelta(days=3)
        )
        for i in range(5):
            services.note_add(actor=cm, prisoner=p, kind="general", text=f"n{i}")
    large = measure()
    assert small == large
    rows = list(selectors.caseload(user=cm, case_manager=cm, sort="overdue"))
    assert rows[0].overdue_actions == 1 and rows[0].plan_status == "draft"


def test_caseload_for_supervisor_and_not_for_officer(demo, client):
    client.force_login(demo.users["supervisor.a"])
    page = client.get(reverse("casework:caseload")).content.decode()
    assert demo.prisoners["A"][0].prison_number in page
    client.force_login(demo.users["officer.a"])
    assert client.get(reverse("casework:caseload")).status_code == 404
