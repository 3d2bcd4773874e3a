"""The caseload and the timeline: who sees them, flat query counts."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

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


def test_caseload_rows_show_each_figure_in_the_readers_language(demo, client):
    """The rows are written in Python (``casework.caseload.rows_html``): each cell as the
    template wrote it, dates in the reader's format, the overdue marks, the plan link."""
    cm = demo.users["casemanager.a"]
    prisoner = demo.prisoners["A"][0]
    plan = services.plan_create(actor=cm, prisoner=prisoner)
    goal = services.goal_add(actor=cm, plan=plan, description="g")
    services.action_add(
        actor=cm, goal=goal, description="late", target_date=timezone.localdate() - dt.timedelta(days=3)
    )
    note = services.note_add(actor=cm, prisoner=prisoner, kind="general", text="seen")
    client.force_login(cm)
    page = client.get(reverse("casework:caseload") + "?sort=overdue").content.decode()
    row = page[page.index(reverse("prisoner-detail", args=[prisoner.pk])) :]
    row = row[: row.index("</tr>")]
    assert prisoner.full_name in row and prisoner.prison_number in row
    assert f'<a href="{reverse("prisoner-tab", args=[prisoner.pk, "plan"])}">Draft</a>' in row
    assert '<td class="num overdue">1</td>' in row
    # as the template's ``date`` filter wrote it (the note's time in the local time zone)
    shown = Template('{{ d|date:"SHORT_DATE_FORMAT" }}')
    assert f"<td>{shown.render(Context({'d': note.created_at}))}</td>" in row
    client.cookies["django_language"] = "ru"
    page = client.get(
        reverse("casework:caseload") + "?sort=overdue", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    with translation.override("ru"):
        assert f"<td>{shown.render(Context({'d': note.created_at}))}</td>" in page
    assert "Черновик" in page  # the plan's status in Russian


def test_a_partial_does_not_count_the_headers_figures(demo, client, count_queries):
    """The bell's count and the work queue's badge are computed only when a page draws
    the header (``core.views.context.when_shown``): the timeline (a partial) reads neither."""
    supervisor = demo.users["supervisor.a"]
    client.force_login(supervisor)
    prisoner = demo.prisoners["A"][0]
    with count_queries() as partial:
        assert client.get(reverse("casework:timeline", args=[prisoner.pk])).status_code == 200
    with count_queries() as full:
        assert client.get(reverse("casework:caseload")).status_code == 200
    bell = [q["sql"] for q in full.captured_queries if "notifications_notification" in q["sql"]]
    assert bell, "the full page counts the unread notifications"
    assert not [q for q in partial.captured_queries if "notifications_notification" in q["sql"]]
    assert b"nav-count" not in client.get(reverse("casework:timeline", args=[prisoner.pk])).content
