"""The benchmark generator at 2,000 prisoners, so it cannot rot (``make bench`` runs 100,000)."""

import pytest
from django.db import connection
from django.utils import timezone

from bench import seed
from casemgmt import placement, services
from casemgmt.choices import Role
from casemgmt.models import Facility, Prisoner, User
from core import audit

pytestmark = pytest.mark.django_db

N = 2000


@pytest.fixture
def world():
    # Foreign-key triggers stay on (fast_load=False) and are checked below.
    return seed.build(prisoners=N, progress=False, fast_load=False)


def test_small_set_is_complete_consistent_and_audited(world):
    from casework.models import Allocation, CaseNote
    from classification.models import Assessment, Classification
    from intake.models import Admission
    from rehabilitation.models import Attendance, Enrolment

    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # every foreign key of the COPY checked now

    assert Facility.objects.count() == 20
    assert Prisoner.objects.count() == N
    assert Assessment.objects.filter(status="approved").count() == 3 * N
    assert Classification.objects.filter(status="approved").count() == N
    assert CaseNote.objects.count() == seed.notes_count(N)
    assert CaseNote.objects.filter(prisoner_id=world.heavy_notes_prisoner).count() >= 1000
    assert Enrolment.objects.count() == N // 2
    assert Attendance.objects.exists()
    assert Admission.objects.filter(status="completed").count() == N
    assert User.objects.count() >= seed.staff_count(N)
    today = timezone.localdate()
    overdue = Classification.objects.filter(status="approved", next_review_due__lt=today).count()
    assert 0.05 * N < overdue < 0.3 * N

    # Names, search keys and placements as the services would have written them.
    for prisoner in Prisoner.objects.select_related("unit", "cell").order_by("?")[:50]:
        family_latin, given_latin = prisoner.family_name_latin, prisoner.given_name_latin
        services._fill_latin(prisoner)
        assert (prisoner.family_name_latin, prisoner.given_name_latin) == (family_latin, given_latin)
        stored = (prisoner.search_name, prisoner.search_latin)
        services.refresh_search_fields(prisoner)
        assert (prisoner.search_name, prisoner.search_latin) == stored
        placement.validate_placement(prisoner)
    assert Prisoner.objects.filter(sex="female").count() < 0.12 * N

    # Grants: an officer sees exactly their facility; a case manager exactly the caseload.
    officer = User.objects.filter(groups__name=Role.OFFICER, username__startswith="bench.").first()
    facility = officer.facilities.get()
    assert set(Prisoner.objects.restrict(officer, "view").values_list("pk", flat=True)) == set(
        Prisoner.objects.filter(facility=facility).values_list("pk", flat=True)
    )
    # The group tallies recounted after the load (the list's count reads them).
    from casemgmt.selectors import visible_count
    from tests.core.test_tallies import counted, tallied

    assert tallied() == counted() != {}
    assert visible_count(user=officer) == Prisoner.objects.filter(facility=facility).count()
    allocation = Allocation.objects.filter(ended_at__isnull=True).first()
    manager = allocation.case_manager
    caseload = set(Allocation.objects.filter(case_manager=manager).values_list("prisoner_id", flat=True))
    assert caseload <= set(Prisoner.objects.restrict(manager, "manage_caseplan").values_list("pk", flat=True))

    # One summary event for the bulk load; the chain still verifies.
    assert seed.already_seeded()
    assert audit.verify().ok

    # Movements: two per prisoner, each history starts with the admission at the
    # admission's hour and its last placing movement ends where the file says the
    # person is (the roll and the custody tab compare them); trips come back.
    from custody.models import Movement

    assert Movement.objects.count() == world.counts["movements"] == 2 * N
    histories: dict[int, list] = {}
    for m in Movement.objects.order_by("prisoner_id", "occurred_at", "id").values(
        "prisoner_id", "kind", "occurred_at", "from_cell_id", "to_facility_id", "to_unit_id", "to_cell_id",
        "external_place",
    ):  # fmt: skip
        histories.setdefault(m["prisoner_id"], []).append(m)
    admitted = dict(Admission.objects.values_list("prisoner_id", "admitted_at"))
    placements = {
        p[0]: p[1:] for p in Prisoner.objects.values_list("pk", "facility_id", "unit_id", "cell_id")
    }
    assert set(histories) == set(placements)
    kinds = set()
    for pid, history in histories.items():
        first, last = history[0], history[-1]
        assert first["kind"] == "admission" and first["occurred_at"] == admitted[pid]
        assert first["from_cell_id"] is None
        assert (last["to_facility_id"], last["to_unit_id"], last["to_cell_id"]) == placements[pid]
        for before, after in zip(history, history[1:], strict=False):
            assert before["occurred_at"] < after["occurred_at"]
            assert after["from_cell_id"] == before["to_cell_id"]  # each move starts where the last ended
            if before["kind"] in ("court", "hospital"):
                assert after["kind"] == "return" and before["external_place"]
        kinds.update(m["kind"] for m in history)
    assert kinds == {"admission", "cell_move", "transfer", "court", "hospital", "return"}
    assert audit.verify().ok
