"""Reports and accounts declare their access (issue 16); exports leave a read trace."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core import audit
from core.checks import undeclared
from core.models import ReadEvent
from reports.models import REASON_MAX, ExportJob
from tests.reports.test_exports import REASON, read_csv


def test_every_view_of_reports_accounts_and_auditlog_is_declared():
    mine = ("reports", "accounts", "auditlog")
    assert [line for line in undeclared() if any(f"({app}." in line for app in mine)] == []


def test_a_csv_export_names_every_file_it_carries_in_the_read_log(world, login):
    sup = world.demo.users["supervisor.a"]
    response = login(sup).post("/reports/export/prisoners/?current=1", {"format": "csv", "reason": REASON})
    _body, rows = read_csv(response)
    event = ReadEvent.objects.latest("id")
    assert event.actor == sup and event.reason == REASON and event.route == "reports:export"
    numbers = {r[0] for r in rows[1:]}
    assert numbers and set(event.subjects) == {p.pk for p in world.pa if p.prison_number in numbers}
    # taken by the read event in SQL (core.reads.note_query): sorted, each once, and the
    # payload PostgreSQL hashed is the one read_payload writes from the stored row
    assert event.subjects == sorted(set(event.subjects))
    assert event.row_hash == audit.read_hash(event)
    assert all(chain.ok for chain in audit.verify_all())


@pytest.mark.parametrize("url", ["/reports/", "/reports/standards/", "/reports/exports/"])
def test_report_pages_write_no_read_event(world, login, url):
    before = ReadEvent.objects.count()
    assert login(world.demo.users["supervisor.a"]).get(url).status_code == 200
    assert ReadEvent.objects.count() == before  # figures and own jobs: no file shown


@pytest.mark.parametrize("url", ["/api/v1/reports/statistics/", "/api/v1/reports/standards/"])
def test_the_figures_api_keeps_its_role_check(world, api, url):
    assert api(world.demo.users["supervisor.a"]).get(url).status_code == 200
    assert api(world.demo.users["officer.a"]).get(url).status_code == 403


def test_an_export_reason_has_a_limit(world, login):
    sup = world.demo.users["supervisor.a"]
    job = ExportJob(user=sup, export="prisoners", format="csv", reason="x" * (REASON_MAX + 1))
    with pytest.raises(ValidationError) as raised:
        job.full_clean()
    assert "reason" in raised.value.message_dict
    too_long = {"format": "csv", "reason": "x" * (REASON_MAX + 1)}
    assert login(sup).post("/reports/export/prisoners/", too_long).status_code == 400


def test_a_prepared_file_names_its_files_at_each_download(world, login, api, private_storage):
    from reports import services

    sup = world.demo.users["supervisor.a"]
    job = ExportJob.objects.create(user=sup, export="prisoners", format="xlsx", reason=REASON, language="en")
    job = services.export_job_run(job_id=job.pk)
    assert sorted(job.subjects) == sorted(p.pk for p in world.pa) and job.rows_total == len(job.subjects)
    for client, url in [
        (login(sup), f"/reports/exports/{job.pk}/download/"),
        (api(sup), f"/api/v1/reports/exports/{job.pk}/download/"),
    ]:
        assert client.get(url).status_code == 200
        event = ReadEvent.objects.latest("id")
        assert sorted(event.subjects) == sorted(job.subjects)
        assert event.records == {"reports.exportjob": [str(job.pk)]} and event.reason == REASON


def test_an_exports_files_are_gathered_by_postgresql_sorted_and_once(world):
    """``reports.exports.subjects_sql``: the job's files as PostgreSQL gathers them (none held
    in the worker) — sorted, each once, no NULL, whatever the rows repeat; [] when none."""
    from casemgmt.models import Prisoner
    from reports.exports import subjects_sql

    sup = world.demo.users["supervisor.a"]
    job = ExportJob.objects.create(user=sup, export="prisoners", format="xlsx", reason=REASON, language="en")
    ids = sorted(p.pk for p in world.pa)
    # a join across the file's grants repeats each file once a grant
    repeated = Prisoner.objects.filter(pk__in=ids, prisonergroupobjectpermission__isnull=False)
    assert repeated.count() > len(ids)
    for queryset, expected in [
        (repeated, ids),
        (Prisoner.objects.filter(pk__in=[]), []),  # the ORM knows it is empty
        (Prisoner.objects.filter(pk=-1), []),
    ]:
        ExportJob.objects.filter(pk=job.pk).update(subjects=subjects_sql(queryset))
        job.refresh_from_db()
        assert job.subjects == expected
