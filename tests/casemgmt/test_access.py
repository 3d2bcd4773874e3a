"""Default deny: who sees which file, in pages, lists, search and the API."""

import pytest
from django.urls import reverse

from casemgmt import services
from casemgmt.models import Prisoner
from core import grants
from core.models import AuditEvent
from core.querysets import Walk
from custody import services as custody_services

pytestmark = pytest.mark.django_db


def ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_exact_visible_sets(demo):
    a = {p.pk for p in demo.prisoners["A"]}
    b = {p.pk for p in demo.prisoners["B"]}
    users = demo.users
    assert ids(Prisoner.objects.restrict(users["officer.a"])) == a
    assert ids(Prisoner.objects.restrict(users["officer.b"])) == b
    assert ids(Prisoner.objects.restrict(users["supervisor.a"])) == a
    # The case manager sees the caseload only (the demo allocates the first 15 of A: 6 here).
    assert ids(Prisoner.objects.restrict(users["casemanager.a"])) == a
    assert ids(Prisoner.objects.restrict(users["programme.a"])) == set()  # 12 prisoners: none in [10:18] of A
    # Administrators (superusers too) read no file without a grant.
    assert ids(Prisoner.objects.restrict(users["admin"])) == set()


def test_capabilities_are_separate(demo):
    users = demo.users
    a = {p.pk for p in demo.prisoners["A"]}
    assert ids(Prisoner.objects.restrict(users["officer.a"], "view_risk")) == set()
    assert ids(Prisoner.objects.restrict(users["officer.a"], "view_family")) == set()
    assert ids(Prisoner.objects.restrict(users["supervisor.a"], "view_risk")) == a
    assert ids(Prisoner.objects.restrict(users["casemanager.a"], "manage_caseplan")) == a


def test_restrict_is_one_query(demo, count_queries):
    with count_queries() as counter:
        list(Prisoner.objects.restrict(demo.users["officer.a"]))
    assert counter.count == 1


@pytest.mark.parametrize("capability", ["view", "view_risk", "manage_caseplan"])
@pytest.mark.parametrize("walk", [Walk.HASHED, Walk.PROBED])
def test_every_shape_of_the_restriction_keeps_the_same_files(demo, capability, walk):
    """``restrict(walk=...)`` (two hashed subplans ORed, for a name search; a probe of the
    grant indexes a row, for the list's first pages) keeps exactly what ``restrict()``
    keeps, for grants held directly, through a group, both and neither, and in a subquery
    (where the file's column has another alias)."""
    users = demo.users
    b0 = demo.prisoners["B"][0]
    # A direct grant besides the group grants: officer A now sees one file of B too.
    grants.access_grant(
        actor=None, prisoners=[b0], user=users["officer.a"], capabilities=["view_prisoner", "view_risk"]
    )
    for user in users.values():
        joined = ids(Prisoner.objects.restrict(user, capability))
        assert ids(Prisoner.objects.restrict(user, capability, walk=walk)) == joined, user.username
        inner = Prisoner.objects.restrict(user, capability, walk=walk).values("pk")
        assert ids(Prisoner.objects.filter(pk__in=inner)) == joined, user.username
    assert b0.pk in ids(Prisoner.objects.restrict(users["officer.a"], walk=walk))
    officer = users["officer.a"]
    officer.is_active = False
    assert not Prisoner.objects.restrict(officer, walk=walk).exists()


def test_inactive_user_sees_nothing(demo):
    officer = demo.users["officer.a"]
    officer.is_active = False
    assert not Prisoner.objects.restrict(officer).exists()


def test_officer_b_gets_404_on_every_page_and_api_detail_of_facility_a(demo, client, api):
    officer_b = demo.users["officer.b"]
    client.force_login(officer_b)
    rest = api(officer_b)
    for prisoner in demo.prisoners["A"]:
        for url in (
            reverse("prisoner-detail", args=[prisoner.pk]),
            reverse("prisoner-photo", args=[prisoner.pk]),
            *(
                reverse("prisoner-tab", args=[prisoner.pk, tab])
                for tab in ("identity", "intake", "risk", "plan", "programmes", "notes", "history")
            ),
        ):
            assert client.get(url).status_code == 404, url
        assert rest.get(f"/api/v1/prisoners/{prisoner.pk}/").status_code == 404


def test_not_visible_is_identical_to_not_existing(demo, client):
    client.force_login(demo.users["officer.b"])
    hidden = client.get(reverse("prisoner-detail", args=[demo.prisoners["A"][0].pk]))
    missing = client.get(reverse("prisoner-detail", args=[999_999_999]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_lists_and_search_never_show_foreign_prisoners(demo, client, api):
    officer_b = demo.users["officer.b"]
    client.force_login(officer_b)
    a_numbers = {p.prison_number for p in demo.prisoners["A"]}
    b_numbers = {p.prison_number for p in demo.prisoners["B"]}
    response = client.get(reverse("prisoner-list"))
    assert {p.prison_number for p in response.context["prisoners"]} == b_numbers
    page = response.content.decode()
    assert not any(n in page for n in a_numbers)
    for prisoner in demo.prisoners["A"]:
        link = reverse("prisoner-detail", args=[prisoner.pk])
        for q in (prisoner.family_name, prisoner.family_name_latin, prisoner.prison_number):
            response = client.get(reverse("prisoner-list"), {"q": q})
            assert prisoner not in response.context["prisoners"]
            assert f'href="{link}"' not in response.content.decode()
            data = api(officer_b).get("/api/v1/prisoners/", {"q": q}).json()
            assert prisoner.pk not in {row["id"] for row in data["results"]}
    listed = api(officer_b).get("/api/v1/prisoners/", {"page_size": 200}).json()
    assert {row["prison_number"] for row in listed["results"]} == b_numbers


def test_tab_needs_its_capability(demo, client):
    prisoner = demo.prisoners["A"][0]
    client.force_login(demo.users["officer.a"])
    assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "identity"])).status_code == 200
    assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "risk"])).status_code == 404
    client.force_login(demo.users["supervisor.a"])
    assert client.get(reverse("prisoner-tab", args=[prisoner.pk, "risk"])).status_code == 200


def test_anonymous_is_sent_to_login(demo, client):
    response = client.get(reverse("prisoner-detail", args=[demo.prisoners["A"][0].pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get("/api/v1/prisoners/").status_code in (401, 403)


def test_grant_and_revoke_are_audited(demo):
    admin, officer_b = demo.users["admin"], demo.users["officer.b"]
    prisoner = demo.prisoners["A"][0]
    added = grants.access_grant(
        actor=admin,
        prisoners=[prisoner],
        user=officer_b,
        capabilities=["view_prisoner"],
        reason="escort duty",
    )
    assert added == 1
    assert Prisoner.objects.restrict(officer_b).filter(pk=prisoner.pk).exists()
    event = AuditEvent.objects.filter(action="grant", subject=prisoner).latest("id")
    assert (event.actor, event.reason, event.after) == (
        admin,
        "escort duty",
        {"capabilities": ["view_prisoner"]},
    )
    # Granting again adds nothing.
    assert (
        grants.access_grant(actor=admin, prisoners=[prisoner], user=officer_b, capabilities=["view_prisoner"])
        == 0
    )
    assert grants.access_revoke(actor=admin, prisoners=[prisoner], user=officer_b) == 1
    assert not Prisoner.objects.restrict(officer_b).filter(pk=prisoner.pk).exists()
    assert AuditEvent.objects.filter(action="revoke", subject=prisoner, actor=admin).exists()


def test_unknown_capability_is_refused(demo):
    with pytest.raises(ValueError, match="unknown capabilities"):
        grants.access_grant(
            actor=None,
            prisoners=demo.prisoners["A"][:1],
            user=demo.users["officer.b"],
            capabilities=["see_everything"],
        )


def test_transfer_moves_the_facility_grant(demo):
    officer_a, officer_b = demo.users["officer.a"], demo.users["officer.b"]
    prisoner = next(p for p in demo.prisoners["A"] if p.sex == "male" and p.legal_status != "remand")
    facility_b = demo.facilities["B"]
    unit = facility_b.units.get(code="G1")
    moved = custody_services.prisoner_transfer(
        actor=demo.users["supervisor.a"],
        prisoner=prisoner,
        facility=facility_b,
        unit=unit,
        cell=unit.cells.first(),
        reason="court order 12/2026",
    )
    assert moved.facility == facility_b
    assert not Prisoner.objects.restrict(officer_a).filter(pk=prisoner.pk).exists()
    assert Prisoner.objects.restrict(officer_b).filter(pk=prisoner.pk).exists()
    # The allocated case manager keeps the file.
    assert Prisoner.objects.restrict(demo.users["casemanager.a"]).filter(pk=prisoner.pk).exists()
    assert AuditEvent.objects.filter(
        subject=prisoner, action="transfer", reason="court order 12/2026"
    ).exists()


def test_facility_groups_follow_roles_and_assignments(demo):
    officer = demo.users["officer.a"]
    facility_b = demo.facilities["B"]
    b_ids = {p.pk for p in demo.prisoners["B"]}
    services.staff_assign(actor=demo.users["admin"], user=officer, facility=facility_b)
    assert b_ids <= ids(Prisoner.objects.restrict(officer))
    services.staff_unassign(actor=demo.users["admin"], user=officer, facility=facility_b)
    assert not (b_ids & ids(Prisoner.objects.restrict(officer)))
    # Losing the officer role removes the facility access too.
    officer.groups.remove(services.role_group("prison_officer"))
    services.staff_sync_groups(actor=demo.users["admin"], user=officer)
    assert not Prisoner.objects.restrict(officer).exists()


def test_the_signed_in_user_comes_with_its_roles_in_one_query(demo, login, django_assert_num_queries):
    """core.auth loads the group names with the user: reading the roles costs nothing more,
    and a change of groups shows at the next request."""
    from django.contrib.auth import get_user
    from django.contrib.auth.models import Group
    from django.http import HttpRequest

    officer = demo.users["officer.a"]
    client = login(officer)
    request = HttpRequest()
    request.session = client.session
    assert request.session.items()  # the session itself is read before counting
    with django_assert_num_queries(1):
        user = get_user(request)
        assert "prison_officer" in user.roles
    officer.groups.remove(Group.objects.get(name="prison_officer"))
    assert "prison_officer" not in get_user(request).roles


def test_the_backend_loads_the_same_user_as_the_orm(demo):
    """core.auth writes the user's query by hand: every field as the ORM reads it, the group
    names sorted, no user for an unknown id, none for a deactivated account."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.auth import ModelBackend

    backend, model = ModelBackend(), get_user_model()
    officer = demo.users["officer.a"]
    officer.groups.add(*Group.objects.exclude(user=officer)[:2])
    loaded = backend.get_user(officer.pk)
    expected = model.objects.get(pk=officer.pk)
    for field in model._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded._state.db == "default" and not loaded._state.adding
    assert loaded._group_names == sorted(expected.groups.values_list("name", flat=True))
    assert len(loaded._group_names) >= 3
    assert backend.get_user(model.objects.order_by("-pk").first().pk + 1) is None
    model.objects.filter(pk=officer.pk).update(is_active=False)
    assert backend.get_user(officer.pk) is None


def test_facilities_to_filter_by_come_from_assignments_and_grants(demo):
    """The facility choices of the lists: where one works, and where one holds a file."""
    from casemgmt.selectors import facilities_visible
    from core.grants import access_grant

    a, b = demo.facilities["A"], demo.facilities["B"]
    assert list(facilities_visible(demo.users["officer.a"])) == [a]
    assert list(facilities_visible(demo.users["officer.b"])) == [b]
    admin = demo.users["admin"]
    assert list(facilities_visible(admin)) == []
    access_grant(
        actor=demo.users["supervisor.a"],
        prisoners=[demo.prisoners["B"][0]],
        capabilities=["view_prisoner"],
        user=admin,
        reason="inspection",
    )
    assert list(facilities_visible(admin)) == [b]


def test_records_probed_keep_the_same_records(demo):
    """``FileRecordQuerySet.restrict(walk=Walk.PROBED)`` (a probe of the grant indexes a
    record: the home page's movements of the day) keeps what ``restrict()`` keeps, for
    every user, through either of two capabilities and for one capability alone."""
    from custody.models import Movement

    users = demo.users
    grants.access_grant(
        actor=None,
        prisoners=[demo.prisoners["B"][0]],
        user=users["officer.a"],
        capabilities=["change_prisoner"],
    )
    checked = 0
    for user in users.values():
        for action in ("view", "change_prisoner", "view_security"):
            fetched = ids(Movement.objects.restrict(user, action))
            assert ids(Movement.objects.restrict(user, action, walk=Walk.PROBED)) == fetched, (
                user.username,
                action,
            )
            checked += len(fetched)
    assert checked > 0


def test_a_reader_without_group_grants_reads_records_from_their_own_grants(demo):
    """Records read through any of two capabilities: a user loaded by the backend whose
    groups hold no grant (the case manager, the administrator) reads them through an
    array of their grants, an officer through one ``IN`` a capability, ORed; both keep
    what the ORed form keeps, for every user and every model that reads so (movements,
    documents, the legal record)."""
    from core.auth import ModelBackend
    from custody.models import Movement
    from documents.models import Document
    from legal.models import LegalCase

    users = demo.users
    grants.access_grant(
        actor=None,
        prisoners=[demo.prisoners["B"][0]],
        user=users["casemanager.a"],
        capabilities=["change_prisoner"],
    )
    backend = ModelBackend()
    loaded = {name: backend.get_user(user.pk) for name, user in users.items()}
    assert loaded["officer.a"]._holds_via_groups is True
    assert loaded["supervisor.a"]._holds_via_groups is True
    assert loaded["casemanager.a"]._holds_via_groups is False
    assert loaded["admin"]._holds_via_groups is False
    manager = Movement.objects.restrict(loaded["casemanager.a"]).query
    assert '"prisoner_id" = ANY(ARRAY(SELECT' in str(manager) and " IN (" not in str(manager)
    assert " OR " in str(Movement.objects.restrict(loaded["officer.a"]).query)
    checked = 0
    for model in (Movement, Document, LegalCase):
        for name, user in users.items():
            ored = ids(model.objects.restrict(user))
            assert ids(model.objects.restrict(loaded[name])) == ored, (model.__name__, name)
            checked += len(ored)
    b0_moves = ids(Movement.objects.filter(prisoner=demo.prisoners["B"][0]))
    assert b0_moves and b0_moves <= ids(Movement.objects.restrict(loaded["casemanager.a"]))
    assert checked > 0


@pytest.mark.parametrize("capability", ["view", "change_prisoner", "manage_caseplan", "view_family"])
def test_holds_keeps_what_the_grants_keep(demo, capability):
    """``holds`` (two correlated ``EXISTS``, for a term of an OR or an annotation, which
    PostgreSQL may answer by probes or by hashing) keeps exactly the records of the files
    ``granted_ids`` lists, for grants held directly, through a group, both and neither;
    inside an OR, and read as an annotation."""
    from django.db.models import BooleanField, ExpressionWrapper, Q

    from core.querysets import codename_for, granted_ids, holds
    from custody.models import Movement

    users = demo.users
    grants.access_grant(
        actor=None,
        prisoners=[demo.prisoners["B"][0]],
        user=users["officer.a"],
        capabilities=["view_prisoner", "change_prisoner", "view_family"],
    )
    checked = 0
    for user in users.values():
        listed = ids(Movement.objects.filter(prisoner_id__in=granted_ids(user, codename_for(capability))))
        assert ids(Movement.objects.filter(holds(user, capability))) == listed, user.username
        assert ids(Movement.objects.filter(Q(pk__in=[]) | holds(user, capability))) == listed
        flagged = Movement.objects.annotate(
            held=ExpressionWrapper(holds(user, capability), output_field=BooleanField())
        )
        assert ids(flagged.filter(held=True)) == listed, user.username
        checked += len(listed)
    assert checked > 0
    assert not Movement.objects.filter(holds(users["admin"], capability)).exists()
