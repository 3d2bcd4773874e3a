"""The group tallies (``core.GrantTally``) and the count of visible files read from them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import Count, Sum

from casemgmt import selectors
from casemgmt.models import Prisoner, PrisonerGroupObjectPermission
from core import grants, tallies
from core.models import GrantTally
from custody import services as custody_services

pytestmark = pytest.mark.django_db

CAPABILITIES = ("view", "view_risk", "manage_caseplan", "view_family")


def tallied() -> dict[tuple[int, int], int]:
    rows = GrantTally.objects.values("group_id", "permission_id").annotate(n=Sum("files"))
    return {(r["group_id"], r["permission_id"]): r["n"] for r in rows if r["n"]}


def counted() -> dict[tuple[int, int], int]:
    rows = PrisonerGroupObjectPermission.objects.values("group_id", "permission_id").annotate(n=Count("id"))
    return {(r["group_id"], r["permission_id"]): r["n"] for r in rows}


def assert_counts_exact(users):
    for user in users:
        for capability in CAPABILITIES:
            visible = Prisoner.objects.restrict(user, capability).count()
            counted = selectors.visible_count(user=user, action=capability)
            assert counted == visible and type(counted) is int, (user.username, capability, counted)


def test_the_tally_is_the_grants_count_after_every_kind_of_write(demo):
    assert tallied() == counted() != {}
    officer, a0, b0 = demo.users["officer.a"], demo.prisoners["A"][0], demo.prisoners["B"][0]
    group = demo.facilities["A"].officers_group
    # insert (twice: the second inserts nothing, ON CONFLICT DO NOTHING), delete
    grants.access_grant(actor=None, prisoners=[b0], group=group, capabilities=["view_prisoner", "view_risk"])
    grants.access_grant(actor=None, prisoners=[b0], group=group, capabilities=["view_prisoner"])
    assert tallied() == counted()
    grants.access_revoke(actor=None, prisoners=[a0], group=group)
    assert tallied() == counted()
    # update: one grant moved to another group, and one to another permission
    grant = PrisonerGroupObjectPermission.objects.filter(group=group).first()
    PrisonerGroupObjectPermission.objects.filter(pk=grant.pk).update(
        group=demo.facilities["B"].officers_group
    )
    risk = Permission.objects.get(codename="view_risk", content_type__app_label="casemgmt")
    PrisonerGroupObjectPermission.objects.filter(group=group).exclude(permission=risk).filter(
        pk=PrisonerGroupObjectPermission.objects.filter(group=group).exclude(permission=risk).values("pk")[:1]
    ).update(permission=risk)
    assert tallied() == counted()
    # a queryset's delete (a file's grants, all groups at once)
    PrisonerGroupObjectPermission.objects.filter(content_object=demo.prisoners["B"][1]).delete()
    assert tallied() == counted()
    assert_counts_exact([officer, demo.users["officer.b"]])
    # truncate empties it
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred key checks run first
        cursor.execute(f'TRUNCATE "{PrisonerGroupObjectPermission._meta.db_table}"')
    assert tallied() == counted() == {}
    assert not GrantTally.objects.exists()


def test_a_transfer_moves_the_count_from_one_facility_to_the_other(demo):
    officer_a, officer_b = demo.users["officer.a"], demo.users["officer.b"]
    before_a, before_b = selectors.visible_count(user=officer_a), selectors.visible_count(user=officer_b)
    prisoner = next(p for p in demo.prisoners["A"] if p.sex == "male" and p.legal_status != "remand")
    unit = demo.facilities["B"].units.get(code="G1")
    custody_services.movement_record(
        actor=demo.users["supervisor.a"], prisoner=prisoner, kind="transfer", facility=demo.facilities["B"],
        unit=unit, cell=unit.cells.first(), reason="order 12/2026", authorised_by="Head of the service",
    )  # fmt: skip
    assert selectors.visible_count(user=officer_a) == before_a - 1
    assert selectors.visible_count(user=officer_b) == before_b + 1
    assert tallied() == counted()


def test_the_count_is_exact_for_every_user_and_every_way_of_holding(demo):
    users = demo.users
    b0, b1 = demo.prisoners["B"][0], demo.prisoners["B"][1]
    a0 = demo.prisoners["A"][0]
    assert_counts_exact(users.values())
    # Own grants beside the group's: one on a file the group covers (counted once), one
    # on a file it does not (counted).
    grants.access_grant(
        actor=None, prisoners=[a0, b0], user=users["officer.a"], capabilities=["view_prisoner"]
    )
    assert selectors.visible_count(user=users["officer.a"]) == len(demo.prisoners["A"]) + 1
    # Two groups holding the capability, overlapping: counted from the grants themselves.
    users["officer.a"].groups.add(demo.facilities["B"].officers_group)
    grants.access_grant(
        actor=None,
        prisoners=[a0, b1],
        group=demo.facilities["B"].officers_group,
        capabilities=["view_prisoner"],
    )
    assert_counts_exact(users.values())
    assert selectors.visible_count(user=users["officer.a"]) == len(demo.prisoners["A"]) + len(
        demo.prisoners["B"]
    )


def test_one_group_is_counted_from_its_tally_and_two_from_the_grants(demo):
    """The count reads the tally where the user holds the capability through one group:
    a tally row that disagrees with the grants shows in that count, and only in it."""
    officer, group = demo.users["officer.a"], demo.facilities["A"].officers_group
    view = Permission.objects.get(codename="view_prisoner", content_type__app_label="casemgmt")
    real = selectors.visible_count(user=officer)
    GrantTally.objects.create(group_id=group.pk, permission_id=view.pk, files=1000)
    assert selectors.visible_count(user=officer) == real + 1000
    officer.groups.add(demo.facilities["B"].officers_group)
    assert selectors.visible_count(user=officer) == real + len(demo.prisoners["B"])


def test_a_group_without_grants_is_not_a_second_group(demo):
    """The officers' role group holds no file: the officer still counts from the tally."""
    officer = demo.users["officer.a"]
    assert officer.groups.count() >= 2
    holding = [
        g for g in officer.groups.all() if PrisonerGroupObjectPermission.objects.filter(group=g).exists()
    ]
    assert len(holding) == 1
    emptied = Group.objects.create(name="emptied")
    grants.access_grant(
        actor=None, prisoners=demo.prisoners["A"][:2], group=emptied, capabilities=["view_prisoner"]
    )
    grants.access_revoke(actor=None, prisoners=demo.prisoners["A"][:2], group=emptied)
    officer.groups.add(emptied)
    GrantTally.objects.create(group_id=holding[0].pk, permission_id=Permission.objects.get(
        codename="view_prisoner", content_type__app_label="casemgmt").pk, files=7)  # fmt: skip
    assert selectors.visible_count(user=officer) == len(demo.prisoners["A"]) + 7


def test_compact_folds_the_rows_and_keeps_the_sums(demo):
    group = demo.facilities["A"].officers_group
    for prisoner in demo.prisoners["B"][:3]:
        grants.access_grant(actor=None, prisoners=[prisoner], group=group, capabilities=["view_prisoner"])
    grants.access_revoke(actor=None, prisoners=demo.prisoners["B"][:3], group=group)
    sums = tallied()
    rows_before = GrantTally.objects.count()
    left = tallies.compact()
    assert left == GrantTally.objects.count() == len(sums) < rows_before
    assert tallied() == sums == counted()
    assert GrantTally.objects.filter(files=0).count() == 0


def test_rebuild_recounts_what_the_triggers_missed(demo):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, as the bench seed
        grants.access_grant(
            actor=None, prisoners=demo.prisoners["B"], group=demo.facilities["A"].officers_group,
            capabilities=["view_prisoner"],
        )  # fmt: skip
        cursor.execute("SET LOCAL session_replication_role = origin")
    assert tallied() != counted()
    tallies.rebuild()
    assert tallied() == counted()
    assert_counts_exact(demo.users.values())


def test_the_count_is_one_query(demo, count_queries):
    with count_queries() as counter:
        selectors.visible_and_total(user=demo.users["officer.a"])
    assert counter.count == 1


def test_the_connection_compiles_no_query():
    """JIT off (config.settings): a page's query never waits for LLVM."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
