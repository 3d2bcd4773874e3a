"""A name search read from the trigram matches is narrowed to the reader's facilities
(``selectors.matches_first``): it must still find every file the restriction keeps, and
that rests on one rule, that a facility group's grants are on its facility's files."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from casemgmt import selectors, services
from casemgmt.choices import LegalStatus, Sex
from casemgmt.models import Facility, Prisoner, PrisonerGroupObjectPermission
from core import grants
from core.querysets import Walk
from custody import services as custody_services

pytestmark = pytest.mark.django_db


def ids(qs):
    return set(qs.values_list("pk", flat=True))


def assert_groups_hold_their_facilitys_files():
    for facility in Facility.objects.all():
        for group in (facility.officers_group, facility.supervisors_group):
            granted = set(
                PrisonerGroupObjectPermission.objects.filter(
                    group=group, permission__codename="view_prisoner"
                ).values_list("content_object_id", flat=True)
            )
            assert granted == ids(Prisoner.objects.filter(facility=facility)), (facility.code, group.name)


def test_a_facility_groups_grants_are_its_facilitys_files_through_every_movement(demo):
    """What ``in_facilities_held`` stands on: admission, transfer, release and readmission
    move a file's facility and its facility groups' grants together."""
    assert_groups_hold_their_facilitys_files()
    supervisor_a = demo.users["supervisor.a"]
    facility_b = demo.facilities["B"]
    moved = next(p for p in demo.prisoners["A"] if p.sex == "male" and p.legal_status != "remand")
    unit = facility_b.units.get(code="G1")
    custody_services.prisoner_transfer(
        actor=supervisor_a,
        prisoner=moved,
        facility=facility_b,
        unit=unit,
        cell=unit.cells.first(),
        reason="order",
    )
    assert_groups_hold_their_facilitys_files()
    released = demo.prisoners["A"][1]
    custody_services.movement_record(
        actor=supervisor_a, prisoner=released, kind="release", reason="bail", property_signed=True
    )
    assert_groups_hold_their_facilitys_files()
    released.refresh_from_db()
    services.prisoner_readmit(
        actor=supervisor_a,
        prisoner=released,
        facility=facility_b,
        unit=None,
        cell=None,
        legal_status=released.legal_status,
        reason="returned",
    )
    assert_groups_hold_their_facilitys_files()


@pytest.mark.parametrize("walk", [Walk.HASHED, Walk.PROBED])
def test_the_narrowed_search_finds_every_file_the_restriction_keeps(demo, walk):
    """For every user, the same files as the search of the plain restriction, whatever
    holds them: a facility group, a grant to the user on another facility's file, a group
    that is no facility's, and a grant of a file not placed anywhere yet. Files another
    facility holds are matched by the name and still not found."""
    users = demo.users
    b0, b1 = demo.prisoners["B"][0], demo.prisoners["B"][1]
    grants.access_grant(actor=None, prisoners=[b0], user=users["officer.a"], capabilities=["view_prisoner"])
    team = Group.objects.create(name="inspection team")
    users["casemanager.a"].groups.add(team)
    grants.access_grant(actor=None, prisoners=[b1], group=team, capabilities=["view_prisoner"])
    unplaced = services.prisoner_admit(
        actor=None,
        family_name=b0.family_name,
        given_name="Unplaced",
        sex=Sex.MALE,
        legal_status=LegalStatus.REMAND,
    )
    assert unplaced.facility_id is None
    grants.access_grant(
        actor=None, prisoners=[unplaced], user=users["officer.a"], capabilities=["view_prisoner"]
    )
    queries = {b0.family_name, b1.family_name, demo.prisoners["A"][0].family_name, b0.family_name_latin}
    for user in users.values():
        for query in queries:
            plain = ids(selectors.search_prisoners(selectors.prisoner_list(user=user), query))
            files = selectors.matches_first(
                selectors.prisoner_list(user=user, walk=walk), user=user, walk=walk
            )
            assert ids(selectors.search_prisoners(files, query)) == plain, (user.username, query)
    officer_a = selectors.matches_first(
        selectors.prisoner_list(user=users["officer.a"], walk=walk), user=users["officer.a"], walk=walk
    )
    found = ids(selectors.search_prisoners(officer_a, b0.family_name))
    assert {b0.pk, unplaced.pk} <= found
    others = ids(Prisoner.objects.filter(facility=demo.facilities["B"], family_name=b0.family_name))
    assert found & others == {b0.pk}  # the other B files of that name are matches, not found


def test_the_narrowing_reads_the_facilities_and_names_the_rest():
    """Facilities of the file's own column, or none (a file not placed yet)."""
    officer = type("U", (), {"pk": 7})()
    (condition,) = selectors.in_facilities_held(officer).children
    sql = condition.sql
    assert '"casemgmt_prisoner"."facility_id" = ANY(ARRAY(' in sql
    assert sql.endswith('OR "casemgmt_prisoner"."facility_id" IS NULL)')
    assert condition.params.count(7) == 4  # the user's groups twice, direct grants, other groups
    assert condition.params.count("view_prisoner") == 2


@pytest.mark.parametrize(("pays", "narrowed"), [(True, True), (False, False)])
def test_the_list_and_the_api_narrow_a_search_read_from_the_matches(
    demo, client, api, monkeypatch, pays, narrowed
):
    """A name search read matches-first is narrowed (HTML list, its prepared page, the API);
    a search read from the visible files, a prison number and the plain list are not."""
    monkeypatch.setattr(selectors, "search_walk_pays", lambda query, **kwargs: pays)
    asked = []
    real = selectors.in_facilities_held
    monkeypatch.setattr(selectors, "in_facilities_held", lambda *a, **k: asked.append(1) or real(*a, **k))
    selectors._SEARCH_PAGES.clear()  # a prepared page compiled before would not call it
    officer = demo.users["officer.a"]
    client.force_login(officer)
    api_client = api(officer)
    name = demo.prisoners["A"][0].family_name
    searches = [
        (client, reverse("prisoner-list") + f"?q={name}"),
        (api_client, f"/api/v1/prisoners/?q={name}"),
    ]
    for browser, url in searches:
        asked.clear()
        assert browser.get(url).status_code == 200
        assert bool(asked) is narrowed, url
    number = demo.prisoners["A"][0].prison_number
    others = [
        (client, reverse("prisoner-list")),
        (client, reverse("prisoner-list") + f"?q={number}"),
        (api_client, "/api/v1/prisoners/"),
    ]
    for browser, url in others:
        asked.clear()
        assert browser.get(url).status_code == 200 and not asked, url


def test_a_name_search_probes_its_matches_when_they_pay(demo, monkeypatch):
    """``list_plan``: a name search of a user who sees one file in twenty reads the matches
    and probes the grants for each; a caseload is fetched; a prison number too."""
    officer = demo.users["officer.a"]
    monkeypatch.setattr(selectors, "visible_estimate", lambda **kwargs: (5_458, 100_000))
    assert selectors.list_plan(user=officer, params={"q": "Toirov"}, per_page=50) == (Walk.PROBED, None)
    assert selectors.list_plan(user=officer, params={"q": "A-0001"}, per_page=50) == (Walk.FETCH, None)
    monkeypatch.setattr(selectors, "visible_estimate", lambda **kwargs: (80, 100_000))
    assert selectors.list_plan(user=officer, params={"q": "Toirov"}, per_page=50) == (Walk.FETCH, None)
