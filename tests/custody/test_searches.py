"""Searches, finds and the chain of custody."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.utils import DatabaseError
from django.urls import reverse

from classification.models import ReviewFlag
from core.models import AuditEvent
from custody import selectors, services
from custody.models import CustodyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def find(demo):
    officer = demo.users["officer.a"]
    prisoner = demo.prisoners["A"][0]
    search = services.search_record(
        actor=officer,
        facility=demo.facilities["A"],
        kind="cell",
        basis="intelligence",
        cell=prisoner.cell,
        searched_by="Назарова, Саидов",
        result="finds",
    )
    return services.find_record(
        actor=officer,
        search=search,
        tag_number="A-2026-0001",
        item_type="phone",
        description="Samsung, no SIM",
        where_found="inside the mattress",
        prisoner=prisoner,
        holder="Назарова",
    )


def test_the_chain_of_custody_is_complete_and_append_only(demo, find):
    officer = demo.users["officer.a"]
    services.custody_event_add(actor=officer, find=find, action="stored", holder="evidence store, locker 3")
    with pytest.raises(ValidationError) as error:
        services.custody_event_add(actor=officer, find=find, action="to_police", holder="ОВД")
    assert "reference" in error.value.message_dict
    services.custody_event_add(
        actor=officer, find=find, action="to_police", holder="ОВД р. Сино", reference="receipt 77"
    )
    with pytest.raises(ValidationError):  # nothing after the police
        services.custody_event_add(actor=officer, find=find, action="destroyed", holder="x", reference="y")
    chain = list(find.custody.values_list("action", flat=True))
    assert chain == ["bagged", "stored", "to_police"]
    # Every link is in the audit trail too.
    assert AuditEvent.objects.filter(object_type="custody.custodyevent").count() == 3
    event = CustodyEvent.objects.filter(find=find).first()
    for sql in (
        "UPDATE custody_custodyevent SET holder = 'x' WHERE id = %s",
        "DELETE FROM custody_custodyevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), connection.cursor() as cursor:
            cursor.execute("SAVEPOINT s")
            try:
                cursor.execute(sql, [event.pk])
            finally:
                cursor.execute("ROLLBACK TO SAVEPOINT s")
    assert find.custody.count() == 3


def test_outcome_marks_the_case_for_review(demo, find):
    services.find_set_outcome(
        actor=demo.users["supervisor.a"], find=find, outcome="police", note="phone", mark_for_review=True
    )
    find.refresh_from_db()
    assert find.review_flag.trigger == "find" and find.review_flag.prisoner_id == find.prisoner_id
    services.find_set_outcome(
        actor=demo.users["supervisor.a"], find=find, outcome="both", mark_for_review=True
    )
    assert ReviewFlag.objects.filter(prisoner=find.prisoner, trigger="find").count() == 1


def test_who_sees_searches_and_finds(demo, find, login, api):
    officer_b, case_manager, programme = (
        demo.users["officer.b"],
        demo.users["casemanager.a"],
        demo.users["programme.a"],
    )
    assert list(selectors.find_list(user=demo.users["officer.a"])) == [find]
    assert list(selectors.find_list(user=case_manager)) == [find]  # the prisoner is on her caseload
    assert not selectors.find_list(user=officer_b).exists()
    assert not selectors.find_list(user=programme).exists()
    assert not selectors.search_list(user=case_manager).exists()  # the search log is the facility's
    assert login(officer_b).get(reverse("custody:find", args=[find.pk])).status_code == 404
    assert login(programme).get(reverse("custody:searches")).status_code == 404
    assert login(case_manager).get(reverse("custody:find", args=[find.pk])).status_code == 200
    # The case manager reads but does not add to the chain.
    response = login(case_manager).post(
        reverse("custody:find", args=[find.pk]), {"what": "event", "action": "stored", "holder": "x"}
    )
    assert response.status_code == 404
    assert api(programme).get(f"/api/v1/finds/{find.pk}/").status_code == 404
    assert api(officer_b).get("/api/v1/searches/").json()["count"] == 0


def test_search_and_find_through_the_api(demo, api):
    client = api(demo.users["officer.a"])
    prisoner = demo.prisoners["A"][1]
    search = client.post(
        "/api/v1/searches/",
        {
            "facility": demo.facilities["A"].pk,
            "kind": "person",
            "basis": "planned",
            "prison_number": prisoner.prison_number,
            "searched_by": "Назарова",
            "result": "finds",
        },
        format="json",
    )
    assert search.status_code == 201, search.content
    find = client.post(
        "/api/v1/finds/",
        {
            "search": search.json()["id"],
            "tag_number": "A-2026-0002",
            "item_type": "sim",
            "description": "SIM card",
            "where_found": "shoe",
            "prison_number": prisoner.prison_number,
            "holder": "Назарова",
        },
        format="json",
    )
    assert find.status_code == 201, find.content
    link = client.post(f"/api/v1/finds/{find.json()['id']}/custody/", {"action": "destroyed", "holder": "x"})
    assert link.status_code == 400 and "reference" in link.json()
    # Officers of another facility cannot record there.
    other = api(demo.users["officer.b"]).post(
        "/api/v1/searches/",
        {
            "facility": demo.facilities["A"].pk,
            "kind": "area",
            "basis": "planned",
            "area": "yard",
            "searched_by": "x",
            "result": "nothing",
        },
        format="json",
    )
    assert other.status_code == 404


def test_pages_render(demo, find, login):
    client = login(demo.users["officer.a"])
    for url in (
        reverse("custody:searches"),
        reverse("custody:search", args=[find.search_id]),
        reverse("custody:finds"),
        reverse("custody:find", args=[find.pk]),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("prisoner-tab", args=[find.prisoner_id, "movements"])).content.decode()
    assert find.tag_number in page


def test_the_find_page_keeps_a_refused_custody_step_with_its_error(demo, find, login):
    """Handed to the police without a reference: 400, the form comes back with what was
    typed and the error beside the field, and the chain is unchanged."""
    officer = login(demo.users["officer.a"])
    url = reverse("custody:find", args=[find.pk])
    answer = officer.post(url, {"action": "to_police", "holder": "ОВД р. Сино", "reference": ""})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "ОВД р. Сино" in page
    assert 'class="errorlist' in page
    assert list(find.custody.values_list("action", flat=True)) == ["bagged"]
    done = officer.post(url, {"action": "to_police", "holder": "ОВД р. Сино", "reference": "receipt 77"})
    assert done.status_code == 302
    assert list(find.custody.values_list("action", flat=True)) == ["bagged", "to_police"]


def test_a_find_is_on_the_timeline_of_the_linked_prisoner(demo, find, login):
    prisoner = demo.prisoners["A"][0]
    page = (
        login(demo.users["officer.a"]).get(reverse("casework:timeline", args=[prisoner.pk])).content.decode()
    )
    assert reverse("custody:find", args=[find.pk]) in page and "A-2026-0001" in page
    other = demo.prisoners["A"][1]
    page = login(demo.users["officer.a"]).get(reverse("casework:timeline", args=[other.pk])).content.decode()
    assert "A-2026-0001" not in page


def test_a_find_reads_the_same_on_the_timeline_as_on_its_page(demo, find):
    from core.grants import capabilities_of
    from custody.models import Find
    from custody.tabs import READ

    prisoner = demo.prisoners["A"][0]
    checked = 0
    for user in demo.users.values():
        if set(READ) & capabilities_of(user, prisoner):
            mine = Find.objects.filter(prisoner=prisoner)
            assert set(mine.restrict_for_readable_file(user)) == set(mine.restrict(user)) == {find}
            checked += 1
    assert checked >= 3  # officer, supervisor, case manager


def _photo(trailing=b""):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "olive").save(out, format="JPEG")
    return SimpleUploadedFile("phone.jpg", out.getvalue() + trailing, content_type="image/jpeg")


def test_a_photo_is_added_later_through_the_api_checked_and_never_replaced(demo, find, api, private_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = api(demo.users["officer.a"])
    url = f"/api/v1/finds/{find.pk}/photo/"
    assert officer.get(url).status_code == 404  # none yet
    fake = SimpleUploadedFile("phone.jpg", b"<html><script>x</script></html>", content_type="image/jpeg")
    refused = officer.post(url, {"photo": fake}, format="multipart")
    assert refused.status_code == 400 and "photo" in refused.json()
    assert officer.post(url, {}, format="multipart").status_code == 400
    # Another facility's officer reads nothing; the case manager reads but may not add.
    assert api(demo.users["officer.b"]).post(url, {"photo": _photo()}, format="multipart").status_code == 404
    assert (
        api(demo.users["casemanager.a"]).post(url, {"photo": _photo()}, format="multipart").status_code == 404
    )
    saved = officer.post(url, {"photo": _photo(trailing=b"<script>alert(1)</script>")}, format="multipart")
    assert saved.status_code == 200 and saved.json()["has_photo"] is True
    served = officer.get(url)
    body = b"".join(served.streaming_content)
    assert body[:2] == b"\xff\xd8" and b"<script>" not in body  # re-encoded: what trailed is gone
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in served["Cache-Control"]
    assert api(demo.users["casemanager.a"]).get(url).status_code == 200
    again = officer.post(url, {"photo": _photo()}, format="multipart")
    assert again.status_code == 400 and "not replaced" in str(again.json())
    assert AuditEvent.objects.filter(object_id=str(find.pk), action="update", after__photo=True).count() == 1


def test_a_photo_is_added_on_the_find_page(demo, find, login, private_storage):
    client = login(demo.users["officer.a"])
    url = reverse("custody:find", args=[find.pk])
    assert 'name="photo"' in client.get(url).content.decode()
    response = client.post(url, {"what": "photo", "photo": _photo()})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'name="photo"' not in page and reverse("custody:find-photo", args=[find.pk]) in page
    again = client.post(url, {"what": "photo", "photo": _photo()})
    assert again.status_code == 400 and "an evidence photo is not replaced" in again.content.decode()


def test_the_search_form_offers_the_cells_by_unit_and_records_the_one_chosen(demo, login, count_queries):
    """The cells of the user's facilities, under their facility and unit, read as values in
    one query however many (a facility of 2,900 cells); the cell chosen is the one filed,
    and a cell of another facility is refused as a choice."""
    from casemgmt.models import Cell
    from custody.models import Search

    officer = demo.users["officer.a"]
    facility = demo.facilities["A"]
    client = login(officer)
    page = client.get(reverse("custody:searches")).content.decode()
    cells = Cell.objects.filter(unit__facility=facility, is_active=True).select_related("unit")
    assert cells.count() > 2
    for cell in cells:
        assert f'<option value="{cell.pk}">{cell.unit.code}-{cell.number}</option>' in page
        assert f'<optgroup label="{facility.code} · {cell.unit.code}">' in page
    other = Cell.objects.exclude(unit__facility=facility).first()
    assert f'value="{other.pk}"' not in page
    unit = cells.first().unit
    Cell.objects.bulk_create(Cell(unit=unit, number=f"X{n}", capacity=2) for n in range(40))
    with count_queries() as few:
        client.get(reverse("custody:searches"))
    Cell.objects.bulk_create(Cell(unit=unit, number=f"Y{n}", capacity=2) for n in range(40))
    with count_queries() as many:
        assert "Y39</option>" in client.get(reverse("custody:searches")).content.decode()
    assert many.count == few.count
    assert sum('"casemgmt_cell"' in q["sql"] for q in many.captured_queries) == 1

    chosen = cells.last()
    form = {"facility": facility.pk, "kind": "cell", "basis": "planned", "cell": chosen.pk}
    form.update(searched_by="Назарова", result="nothing")
    assert client.post(reverse("custody:searches"), form).status_code == 302
    assert Search.objects.latest("pk").cell == chosen
    refused = client.post(reverse("custody:searches"), {**form, "cell": other.pk})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
