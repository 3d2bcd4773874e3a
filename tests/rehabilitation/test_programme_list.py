"""The programme list: the offerings a user runs or supervises, each with its figures."""

import datetime as dt

import pytest

from rehabilitation import services
from rehabilitation.models import Offering
from rehabilitation.selectors import offerings_stats
from tests.rehabilitation.conftest import make_offering, refer

pytestmark = pytest.mark.django_db


def test_figures_of_each_offering_in_a_fixed_number_of_queries(demo, men, client, count_queries):
    staff, supervisor = demo.users["programme.a"], demo.users["supervisor.a"]
    first, second = make_offering(demo, capacity=3), make_offering(demo, capacity=5)
    for p in men[:2]:
        services.referral_assess(actor=staff, referral=refer(demo, p, first), suitable=True, note="")
    session = services.session_create(actor=staff, offering=first, date=dt.date(2026, 12, 2), topic="Letters")
    enrolments = list(first.enrolments.order_by("pk"))
    services.attendance_record(
        actor=staff,
        session=session,
        entries={
            enrolments[0].pk: {"status": "attended", "note": ""},
            enrolments[1].pk: {"status": "sick", "note": "Infirmary"},
        },
    )
    stats = offerings_stats([first, second])
    assert stats[first.pk]["active"] == 2 and stats[first.pk]["free"] == 1
    assert stats[first.pk]["attendance_rate"] == 50 and stats[first.pk]["attendance_records"] == 2
    assert stats[second.pk] == {
        "active": 0,
        "suspended": 0,
        "completed": 0,
        "withdrawn": 0,
        "attendance_rate": None,
        "attendance_records": 0,
        "free": 5,
    }

    client.force_login(supervisor)  # supervises facility A: every offering there
    client.get("/programmes/")
    with count_queries() as few:
        assert client.get("/programmes/").status_code == 200
    for _ in range(4):
        make_offering(demo)
    with count_queries() as many:
        page = client.get("/programmes/").content.decode()
    assert many.count == few.count
    assert page.count("School room") == Offering.objects.filter(facility=demo.facilities["A"]).count() == 6
    client.force_login(demo.users["officer.b"])
    nothing = client.get("/programmes/").content.decode()
    assert "School room" not in nothing and "You do not run or supervise an offering." in nothing
    assert 'name="status"' not in nothing  # no filter over nothing


def test_the_offerings_come_a_page_of_fifty_newest_first_by_status(demo, client, count_queries):
    supervisor = demo.users["supervisor.a"]
    programme = make_offering(demo).programme
    Offering.objects.bulk_create(
        Offering(
            programme=programme,
            facility=demo.facilities["A"],
            place=f"Room {n:03}",
            starts_on=dt.date(2027, 1, 1) + dt.timedelta(days=n),  # after the demo's
            capacity=5,
            status="finished" if n % 3 == 0 else "running",
        )
        for n in range(60)
    )
    total = Offering.objects.filter(facility=demo.facilities["A"]).count()
    assert total > 60
    client.force_login(supervisor)
    client.get("/programmes/")
    with count_queries() as first:
        page = client.get("/programmes/").content.decode()
    assert page.count("Room 0") == 50 and "Room 059" in page and "Room 009" not in page  # newest first
    assert f"Page 1 of {-(-total // 50)}" in page
    with count_queries() as second:
        rest = client.get("/programmes/?page=2").content.decode()
    assert second.count == first.count
    assert rest.count("Room 0") == 10 and "Room 000" in rest and "Room 059" not in rest
    finished = client.get("/programmes/?status=finished").content.decode()
    assert finished.count("Room 0") == 20 and "Room 001" not in finished and "Room 000" in finished
    assert (
        client.get("/programmes/?status=cancelled").content.decode().count("No offering with this status.")
        == 1
    )
    wrong = client.get("/programmes/?status=nonsense")  # a wrong choice: said, and every offering shown
    assert wrong.status_code == 200 and "Select a valid choice" in wrong.content.decode()
    assert wrong.content.decode().count("Room 0") == 50
