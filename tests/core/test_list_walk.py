"""Lists of records across files, read as the reader's share of the files makes cheaper
(``core.tallies.list_walk``): walking the list's index against the reader's grants hashed
once (a supervisor: 54,000 files of 1,000,000), or starting from the grants (a case
manager's caseload). Either way the same rows: the walk is a plan, never a filter."""

import pytest

from casemgmt.models import Prisoner
from core import tallies
from core.checks import routed_views
from core.querysets import Walk
from intake.models import Admission
from tests.conftest import Client

pytestmark = pytest.mark.django_db


def test_the_cheaper_walk_by_the_reader_s_share():
    assert tallies.cheaper_walk(visible=54_000, total=1_000_000, rows=1_001) == Walk.HASHED  # a supervisor
    assert tallies.cheaper_walk(visible=5_400, total=100_000, rows=1_001) == Walk.HASHED
    assert tallies.cheaper_walk(visible=40, total=1_000_000, rows=26) == Walk.FETCH  # a caseload
    assert tallies.cheaper_walk(visible=1_000, total=1_000_000, rows=1_001) == Walk.FETCH  # a small facility
    assert tallies.cheaper_walk(visible=0, total=0, rows=26) == Walk.FETCH


def test_the_estimate_is_the_reader_s_files_and_kept(demo, count_queries):
    supervisor = demo.users["supervisor.a"]
    visible = Prisoner.objects.restrict(supervisor).count()
    with count_queries() as first:
        assert tallies.visible_estimate(supervisor, "view_prisoner")[0] == visible
    with count_queries() as again:
        tallies.visible_estimate(supervisor, "view_prisoner")
    assert (first.count, again.count) == (1, 0)


def _list_urls():
    for _name, url, callback in routed_views():
        actions = getattr(callback, "actions", None) or {}
        if (
            url.startswith("api/v1/")
            and actions.get("get") == "list"
            and "(?P<" not in url
            and "format>" not in url
            and "audit/" not in url  # the audit's own lists grow with every request read
        ):
            yield "/" + url.replace("^", "").replace("$", "")


#: reference lists, not records of files (a transactional test's flush may have emptied them)
CATALOGUES = {
    "/api/v1/instruments/",
    "/api/v1/programmes/",
    "/api/v1/disciplinary-offences/",
    "/api/v1/disciplinary-sanctions/",
}


def test_every_list_keeps_the_same_rows_whichever_walk(casework_demo, monkeypatch):
    """Every API list of every demo user (the demo world with its casework: assessments,
    classifications, referrals, enrolments, discipline, family, legal records), read with
    the walk forced one way, then the other: the same answer; and the lists that walk are
    asked their walk (the case notes, the risk records, the movements among them)."""
    demo = casework_demo
    now = {"walk": Walk.FETCH, "url": ""}
    asked = set()

    def forced(user, *, codenames, rows):
        assert rows >= 26 and codenames  # a cursor page and one more, or a page's count
        asked.add(now["url"])
        return now["walk"]

    monkeypatch.setattr(tallies, "list_walk", forced)
    urls = list(_list_urls())
    assert len(urls) > 30
    with_rows = set()
    for name, user in demo.users.items():
        client = Client()  # passes the second factor of the roles that need one
        client.force_login(user)  # through the backend: the user as a request has them
        for url in urls:
            now["url"] = url
            answers = []
            for walk in (Walk.FETCH, Walk.HASHED):
                now["walk"] = walk
                response = client.get(url, {} if "case-notes" in url else {"page_size": 200})
                answers.append(
                    (response.status_code, response.json() if response.status_code == 200 else None)
                )
            assert answers[0] == answers[1], (name, url)
            if answers[0][1] and answers[0][1].get("results"):
                with_rows.add(url)
    assert len(with_rows - CATALOGUES) >= 20  # lists of records, compared with rows in them
    assert {
        "/api/v1/case-notes/",
        "/api/v1/assessments/",
        "/api/v1/classifications/",
        "/api/v1/movements/",
    } <= asked


def test_the_walk_is_asked_by_the_list_s_own_capability_and_never_for_a_filtered_list(demo, monkeypatch):
    """An officer sees 54,000 files at 1,000,000 but the case notes of none: their share is
    of the capability the list reads through (a walk of ten million notes found nothing
    in 50 s). A filtered list (a kind, one file) is never walked: its rows may be rare."""
    officer, supervisor = demo.users["officer.a"], demo.users["supervisor.a"]
    seen = []
    real = tallies.list_walk

    def spy(user, *, codenames, rows):
        seen.append((user.username, tuple(codenames)))
        return real(user, codenames=codenames, rows=rows)

    monkeypatch.setattr(tallies, "list_walk", spy)
    monkeypatch.setattr(
        tallies,
        "visible_and_total",
        lambda user, codename: (
            (0 if codename == "manage_caseplan" and user == officer else 54_000),
            1_000_000,
        ),
    )
    for user in (officer, supervisor):
        client = Client()  # passes the second factor of the roles that need one
        client.force_login(user)
        client.get("/api/v1/case-notes/")
        client.get("/api/v1/movements/")
        client.get("/api/v1/case-notes/", {"kind": "general"})
        client.get("/api/v1/movements/", {"prisoner": demo.prisoners["A"][0].pk})
    assert seen == [
        ("officer.a", ("manage_caseplan",)),
        ("officer.a", ("change_prisoner", "view_security")),
        ("supervisor.a", ("manage_caseplan",)),
        ("supervisor.a", ("change_prisoner", "view_security")),
    ]
    assert real(officer, codenames=["manage_caseplan"], rows=26) == Walk.FETCH
    assert real(supervisor, codenames=["manage_caseplan"], rows=26) == Walk.HASHED
    assert (
        real(officer, codenames=["manage_caseplan", "view_prisoner"], rows=26) == Walk.HASHED
    )  # the largest


def test_a_hashed_walk_restricts_by_two_subplans_a_capability(demo):
    from casework.models import CaseNote
    from custody.models import Movement

    supervisor = demo.users["supervisor.a"]
    fetched = str(CaseNote.objects.restrict(supervisor).query)
    hashed = str(CaseNote.objects.restrict(supervisor, walk=Walk.HASHED).query)
    assert (
        hashed.count('"casework_casenote"."prisoner_id" IN (')
        == 2
        > fetched.count('"casework_casenote"."prisoner_id" IN (')
    )
    assert set(CaseNote.objects.restrict(supervisor, walk=Walk.HASHED)) == set(
        CaseNote.objects.restrict(supervisor)
    )
    assert set(Movement.objects.restrict(supervisor, walk=Walk.HASHED)) == set(
        Movement.objects.restrict(supervisor)
    )


def test_a_reader_of_their_own_files_finds_their_admissions_from_them(demo):
    """The admissions: a case manager loaded by the backend reads filed admissions through
    an array of their grants; every user keeps the same admissions as the plain test."""
    from core import grants
    from core.auth import ModelBackend
    from intake import services
    from tests.intake.conftest import make_draft

    officer = demo.users["officer.a"]
    filed = [services.admission_complete(actor=officer, admission=make_draft(demo)) for _ in range(2)]
    make_draft(demo)  # a draft at the desk: the officer's, nobody else's
    grants.access_grant(
        actor=None,
        prisoners=[filed[0].prisoner],
        user=demo.users["casemanager.a"],
        capabilities=["view_prisoner"],
    )
    backend = ModelBackend()
    checked = 0
    for name, user in demo.users.items():
        loaded = backend.get_user(user.pk)
        plain = set(Admission.objects.restrict(user).values_list("pk", flat=True))
        assert set(Admission.objects.restrict(loaded).values_list("pk", flat=True)) == plain, name
        checked += len(plain)
    assert checked > 0
    manager = str(Admission.objects.restrict(backend.get_user(demo.users["casemanager.a"].pk)).query)
    assert '"prisoner_id" = ANY(ARRAY(SELECT' in manager
    assert set(Admission.objects.restrict(backend.get_user(demo.users["casemanager.a"].pk))) == {filed[0]}
