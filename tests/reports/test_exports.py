"""Exports: only what the user may see, with the list's filters, a reason, an audit row."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from casemgmt.models import Prisoner
from core.models import AuditEvent
from reports import services
from reports.exports import EXPORTS
from reports.models import ExportJob

REASON = "Monthly return to the ministry"


def read_csv(response) -> tuple[bytes, list[list[str]]]:
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_of_facility_a_has_no_facility_b_row_and_is_audited(world, login):
    sup = world.demo.users["supervisor.a"]
    client = login(sup)
    page = client.get("/reports/export/prisoners/?current=1")
    assert page.status_code == 200 and "5 rows" in page.content.decode()
    response = client.post("/reports/export/prisoners/?current=1", {"format": "csv", "reason": REASON})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="prisoners-')
    body, rows = read_csv(response)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads Cyrillic
    assert rows[0][:3] == ["Prison number", "Family name", "Given name"]
    numbers = {r[0] for r in rows[1:]}
    assert numbers == {p.prison_number for p in world.pa[:5]}
    assert not numbers & {p.prison_number for p in world.demo.prisoners["B"]}
    assert {r[10] for r in rows[1:]} == {world.demo.facilities["A"].name}

    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.actor == sup and event.reason == REASON
    assert event.after == {"list": "prisoners", "format": "csv", "filters": {"current": "1"}, "rows": 5}


def test_headers_and_dates_in_the_users_language(world, login):
    sup = world.demo.users["supervisor.a"]
    client = login(sup)
    client.cookies["django_language"] = "ru"
    response = client.post(
        "/reports/export/prisoners/?age_band=25_34",
        {"format": "csv", "reason": REASON},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    _body, rows = read_csv(response)
    assert rows[0][0] == "Номер заключённого"
    dob = Prisoner.objects.get(pk=world.pa[2].pk).date_of_birth
    assert len(rows) == 2
    assert rows[1][5] == dob.strftime("%d.%m.%Y")


def test_a_reason_is_required(world, login):
    client = login(world.demo.users["supervisor.a"])
    response = client.post("/reports/export/prisoners/", {"format": "csv", "reason": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_bad_filters_are_refused_not_ignored(world, login):
    client = login(world.demo.users["supervisor.a"])
    response = client.post("/reports/export/prisoners/?age_band=ancient", {"format": "csv", "reason": REASON})
    assert response.status_code == 400
    assert "age_band" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("username", ["officer.a", "casemanager.a", "programme.a"])
def test_exports_are_for_supervisors_and_administrators(world, login, username):
    client = login(world.demo.users[username])
    assert client.get("/reports/export/prisoners/").status_code == 403
    assert client.post("/reports/export/prisoners/", {"format": "csv", "reason": REASON}).status_code == 403


def test_the_export_button_carries_the_filters(world, login):
    html = login(world.demo.users["supervisor.a"]).get("/prisoners/?sex=female").content.decode()
    assert (
        'href="/reports/export/prisoners/?sex=female" data-export-base="/reports/export/prisoners/"' in html
    )
    html = login(world.demo.users["officer.a"]).get("/prisoners/").content.decode()
    assert "/reports/export/" not in html


@pytest.mark.parametrize(
    ("code", "query", "expected"),
    [
        ("prisoners", "", 6),
        ("admissions", "status=completed", 4),
        ("assessments", "", 2),
        ("case_plans", "", 0),
        ("participation", "", 3),
        ("reminders", "show=all", 0),
    ],
)
def test_every_list_exports(world, login, code, query, expected):
    sup = world.demo.users["supervisor.a"]
    response = login(sup).post(f"/reports/export/{code}/?{query}", {"format": "csv", "reason": REASON})
    assert response.status_code == 200
    _body, rows = read_csv(response)
    assert rows[0] == EXPORTS[code].headers()
    assert len(rows) - 1 == expected
    assert AuditEvent.objects.filter(action="export").latest("id").after["rows"] == expected


def test_a_job_is_served_to_its_owner_only_and_expires(world, login, private_storage, api):
    sup = world.demo.users["supervisor.a"]
    job = ExportJob.objects.create(user=sup, export="prisoners", format="xlsx", reason=REASON, language="en")
    services.export_job_run(job_id=job.pk)  # what the worker does (the worker itself: test_worker.py)
    job.refresh_from_db()
    assert job.status == "done" and job.rows_total == 6 and job.percent == 100
    client = login(sup)
    download = client.get(f"/reports/exports/{job.pk}/download/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content)[:2] == b"PK"  # a zip: the XLSX

    downloads = AuditEvent.objects.filter(object_type="reports.export.download", object_id=str(job.pk))
    assert [(e.actor, e.action, e.object_repr) for e in downloads] == [(sup, "export", job.filename)]

    other = world.demo.users["admin"]
    assert login(other).get(f"/reports/exports/{job.pk}/download/").status_code == 404
    assert downloads.all().count() == 1  # a refused download is no download
    assert (
        b"".join(api(sup).get(f"/api/v1/reports/exports/{job.pk}/download/").streaming_content)[:2] == b"PK"
    )
    assert downloads.all().count() == 2  # through the API too
    assert api(other).get(f"/api/v1/reports/exports/{job.pk}/").status_code == 404
    client = login(sup)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    expired = client.get(f"/reports/exports/{job.pk}/download/")
    assert expired.status_code == 410 and "This export has expired" in expired.content.decode()
    path = private_storage / job.file.name
    assert path.exists()
    assert services.exports_purge() == 1
    assert not path.exists()
    job.refresh_from_db()
    assert job.status == "expired" and not job.file
    assert api(sup).get(f"/api/v1/reports/exports/{job.pk}/download/").status_code == 410


def test_api_creates_a_job_with_filters(world, api, private_storage, django_capture_on_commit_callbacks):
    sup = world.demo.users["supervisor.a"]
    client = api(sup)
    bad = client.post(
        "/api/v1/reports/exports/",
        {"export": "prisoners", "format": "xlsx", "reason": "short"},
        format="json",
    )
    assert bad.status_code == 400 and "reason" in bad.json()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/api/v1/reports/exports/",
            {"export": "prisoners", "format": "csv", "reason": REASON, "filters": {"sex": "female"}},
            format="json",
        )
    assert response.status_code == 201, response.json()
    assert len(callbacks) == 1  # the task is queued once the job is committed
    job = ExportJob.objects.get(pk=response.json()["id"])
    assert job.rows_total == 2 and job.filters == {"sex": "female"}
    services.export_job_run(job_id=job.pk)
    status = client.get(f"/api/v1/reports/exports/{job.pk}/").json()
    assert status["status"] == "done" and status["percent"] == 100 and status["download"]
    body = b"".join(client.get(status["download"]).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3 and {r[6] for r in rows[1:]} == {"Female"}


def test_a_file_not_ready_is_said_in_the_users_language(world, api):
    sup = world.demo.users["supervisor.a"]
    job = ExportJob.objects.create(user=sup, export="prisoners", format="xlsx", reason=REASON, language="ru")
    response = api(sup).get(f"/api/v1/reports/exports/{job.pk}/download/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 409 and response.json()["detail"] == "Файл ещё не готов."
