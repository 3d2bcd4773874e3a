"""The release plan's progress on the caseload (in the caseload's one query, pinned) and
in reports (the release plans export), from the legal app's registrations."""

import csv
import io

from django.urls import reverse

from legal import services

REASON = "Monthly return to the ministry"


def _plan(demo, prisoner, done=1, total=3):
    cm = demo.users["casemanager.a"]
    plan = services.plan_open(actor=cm, prisoner=prisoner)
    for i in range(total):
        item = services.plan_item_add(actor=cm, plan=plan, pathway="accommodation", action=f"Step {i}")
        if i < done:
            services.plan_item_update(actor=cm, item=item, status="done")
    return plan


def test_the_caseload_shows_n_of_m_actions_done(demo, login):
    prisoner = demo.prisoners["A"][0]
    _plan(demo, prisoner, done=2, total=3)
    client = login(demo.users["casemanager.a"])
    client.cookies["lang"] = "en"
    page = client.get(reverse("casework:caseload")).content.decode()
    assert "Release plan" in page
    assert "2 of 3 actions done" in page
    assert reverse("prisoner-tab", args=[prisoner.pk, "legal"]) in page


def test_the_caseload_stays_one_query_whatever_the_number_of_plans(demo, client, count_queries):
    cm = demo.users["casemanager.a"]
    client.force_login(cm)

    def measure():
        with count_queries() as counted:
            assert client.get(reverse("casework:caseload")).status_code == 200
        return counted.count

    small = measure()
    _plan(demo, demo.prisoners["A"][0], done=0, total=1)
    one = measure()
    for prisoner in demo.prisoners["A"][1:]:
        _plan(demo, prisoner, done=1, total=4)
    many = measure()
    assert small == one == many == CASELOAD_QUERIES


#: the caseload page's queries (session, user, roles, grants, the caseload's one query with
#: its columns, the read event...): pinned, so a query per row shows at once
CASELOAD_QUERIES = 5


def test_the_release_plans_export_counts_actions_done_for_the_supervisor(demo, login):
    _plan(demo, demo.prisoners["A"][0], done=1, total=3)
    _plan(demo, demo.prisoners["A"][1], done=0, total=0)
    sup = demo.users["supervisor.a"]
    client = login(sup)
    client.cookies["lang"] = "en"
    response = client.post("/reports/export/release_plans/", {"format": "csv", "reason": REASON})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][-2:] == ["Actions done", "Actions in the plan"]
    by_number = {r[0]: r for r in rows[1:]}
    assert by_number[demo.prisoners["A"][0].prison_number][-2:] == ["1", "3"]
    assert by_number[demo.prisoners["A"][1].prison_number][-2:] == ["0", "0"]
    assert len(rows) == 3
    # Reports are the supervisors' and administrators': an officer is refused (reports' rule).
    other = login(demo.users["officer.b"])
    assert (
        other.post("/reports/export/release_plans/", {"format": "csv", "reason": REASON}).status_code == 403
    )


def test_the_release_plans_export_is_offered_by_the_api(demo, api):
    response = api(demo.users["supervisor.a"]).post(
        "/api/v1/reports/exports/",
        {"export": "release_plans", "format": "xlsx", "reason": REASON},
        format="json",
    )
    assert response.status_code in (201, 202), response.data
