"""The reception desk in the browser and through the API; who may see what."""

import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from intake import services
from intake.models import Admission

pytestmark = pytest.mark.django_db


def jpeg_bytes():
    out = io.BytesIO()
    Image.new("RGB", (40, 50), (120, 80, 60)).save(out, format="JPEG")
    return out.getvalue()


def test_officer_walks_the_steps_in_the_browser(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    response = client.post(reverse("intake:list"))
    admission = Admission.objects.get(created_by=officer)
    assert response["Location"] == reverse("intake:step", args=[admission.pk, "order"])
    form = {
        "s-order_authority_kind": "court",
        "s-order_authority": "Суди шаҳри Душанбе",
        "s-order_number": "7/26",
        "s-order_date": "2026-11-20",
        "s-legal_basis": "м. 307",
        "s-arrested_at": "2026-11-19T10:30",
        "s-arrest_place": "Душанбе",
        "s-legal_status": "remand",
        "version": admission.version,
    }
    response = client.post(reverse("intake:step", args=[admission.pk, "order"]), form)
    assert response["Location"] == reverse("intake:step", args=[admission.pk, "identity"])
    page = client.get(reverse("intake:step", args=[admission.pk, "identity"]))
    assert page.status_code == 200 and "Шарипова" not in page.content.decode()
    identity = {
        "s-family_name": "Раҳимов",
        "s-given_name": "Умед",
        "s-date_of_birth": "1990-02-03",
        "s-sex": "male",
        "s-gender_identity": "man",
        "s-citizenships": "tj",
        "s-languages": ["tg"],
    }
    client.post(reverse("intake:step", args=[admission.pk, "identity"]), identity)
    admission.refresh_from_db()
    assert admission.citizenships == ["TJ"] and admission.languages == ["tg"]
    assert set(admission.steps_done) == {"order", "identity"}


def test_bad_input_shows_the_message_on_the_field_and_keeps_the_draft(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("intake:step", args=[admission.pk, "order"]),
        {"s-order_number": "9/26", "s-arrested_at": future, "s-arrest_place": "Хуҷанд"},
    )
    assert response.status_code == 400
    assert "s-arrested_at-error" in response.content.decode() or "arrested_at" in str(
        response.context["form"].errors
    )
    assert 'value="9/26"' in response.content.decode()  # what was typed is shown again
    admission.refresh_from_db()
    assert admission.order_number == "" and admission.status == "draft"


def test_autosave_answers_with_a_status(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    response = client.post(
        reverse("intake:step", args=[admission.pk, "order"]),
        {"s-order_number": "3/26", "autosave": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and b"saved" in response.content.lower()
    admission.refresh_from_db()
    assert admission.order_number == "3/26"


def test_an_unsupported_file_is_refused_and_the_draft_kept(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "photo.jpg"
    response = client.post(reverse("intake:photo", args=[admission.pk]), {"photo": fake}, follow=True)
    assert "not a photo" in response.content.decode() or "не" in response.content.decode()
    admission.refresh_from_db()
    assert not admission.photo
    good = io.BytesIO(jpeg_bytes())
    good.name = "../../etc/passwd.jpg"
    client.post(reverse("intake:photo", args=[admission.pk]), {"photo": good})
    admission.refresh_from_db()
    assert admission.photo and "passwd" not in admission.photo.name
    served = client.get(reverse("intake:photo", args=[admission.pk]))
    # Served like the file's photo: an attachment, under a policy that runs nothing, never cached.
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in served["Cache-Control"]


def test_officer_of_another_facility_gets_404_on_the_draft_and_the_file(demo, client, api, draft_factory):
    draft = draft_factory()
    officer_b = demo.users["officer.b"]
    client.force_login(officer_b)
    for name in ("detail", "photo", "complete", "cancel", "candidates"):
        method = client.post if name in ("complete", "cancel") else client.get
        assert method(reverse(f"intake:{name}", args=[draft.pk])).status_code == 404, name
    assert client.get(reverse("intake:step", args=[draft.pk, "order"])).status_code == 404
    assert api(officer_b).get(f"/api/v1/admissions/{draft.pk}/").status_code == 404
    done = services.admission_complete(actor=demo.users["officer.a"], admission=draft)
    assert client.get(reverse("intake:detail", args=[done.pk])).status_code == 404
    assert client.get(reverse("prisoner-detail", args=[done.prisoner_id])).status_code == 404
    assert api(officer_b).post(f"/api/v1/admissions/{done.pk}/complete/").status_code == 404


def test_programme_staff_see_no_returnee_or_family_data(demo, client, api, draft_factory):
    from casemgmt import permissions
    from core import grants

    officer = demo.users["officer.a"]
    draft = draft_factory()
    services.admission_save_step(
        actor=officer,
        admission=draft,
        step="security",
        data={
            "conflict_zone_returnee": True,
            "countries_abroad": "Сурия",
            "security_flags": ["terrorism_offence"],
        },
    )
    services.record_add(
        actor=officer,
        admission=draft,
        kind="child",
        data={"name": "Ойша", "age_years": 3, "custody": "in_prison"},
    )
    done = services.admission_complete(actor=officer, admission=draft)
    staff = demo.users["programme.a"]
    grants.access_grant(
        actor=None,
        prisoners=[done.prisoner],
        user=staff,
        capabilities=permissions.PROGRAMME_STAFF_CAPABILITIES,
    )
    client.force_login(staff)
    page = client.get(reverse("prisoner-tab", args=[done.prisoner_id, "intake"])).content.decode()
    assert "Сурия" not in page and "Ойша" not in page
    assert client.get(reverse("intake:detail", args=[done.pk])).status_code == 404  # not a reception role
    data = api(staff).get(f"/api/v1/admissions/{done.pk}/").json()
    assert "countries_abroad" not in data and "security_flags" not in data
    # The list shows the filed admission by the same rules.
    listed = api(staff).get("/api/v1/admissions/", {"status": "completed"}).json()["results"]
    row = next(r for r in listed if r["id"] == done.pk)
    assert "countries_abroad" not in row and "security_flags" not in row and "health_notes" not in row
    listed = api(demo.users["supervisor.a"]).get("/api/v1/admissions/", {"status": "completed"}).json()
    assert next(r for r in listed["results"] if r["id"] == done.pk)["countries_abroad"] == "Сурия"
    # The supervisor sees both.
    client.force_login(demo.users["supervisor.a"])
    page = client.get(reverse("prisoner-tab", args=[done.prisoner_id, "intake"])).content.decode()
    assert "Сурия" in page and "Ойша" in page


def test_api_walk_with_idempotent_create_and_conflict(demo, api):
    officer = demo.users["officer.a"]
    client = api(officer)
    token = str(uuid.uuid4())
    facility = demo.facilities["A"].pk
    first = client.post("/api/v1/admissions/", {"facility": facility, "token": token}, format="json")
    again = client.post("/api/v1/admissions/", {"facility": facility, "token": token}, format="json")
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    pk = first.json()["id"]
    bad = client.post(
        f"/api/v1/admissions/{pk}/steps/order/",
        {"arrested_at": (timezone.now() + dt.timedelta(days=1)).isoformat()},
        format="json",
    )
    assert bad.status_code == 400 and "arrested_at" in bad.json()
    order = {
        "order_authority_kind": "court",
        "order_authority": "Суд",
        "order_number": "5/26",
        "order_date": "2026-11-21",
        "legal_basis": "м. 186",
        "arrested_at": "2026-11-20T08:00:00+05:00",
        "arrest_place": "Бохтар",
        "legal_status": "remand",
    }
    saved = client.post(f"/api/v1/admissions/{pk}/steps/order/", order, format="json").json()
    stale = client.post(
        f"/api/v1/admissions/{pk}/steps/order/",
        {"arrest_place": "Кӯлоб", "version": saved["version"] - 1},
        format="json",
    )
    assert stale.status_code == 409
    identity = {
        "family_name": "Назаров",
        "given_name": "Парвиз",
        "date_of_birth": "1985-07-01",
        "sex": "male",
    }
    assert client.post(f"/api/v1/admissions/{pk}/steps/identity/", identity, format="json").status_code == 200
    assert (
        client.post(f"/api/v1/admissions/{pk}/match/", {"prisoner": None}, format="json").status_code == 200
    )
    refused = client.post(f"/api/v1/admissions/{pk}/complete/", {}, format="json")
    assert refused.status_code == 400 and "unit" in refused.json()
    unit = demo.facilities["A"].units.get(code="M1")
    client.post(f"/api/v1/admissions/{pk}/steps/review/", {"unit": unit.pk}, format="json")
    injury = client.post(
        f"/api/v1/admissions/{pk}/records/injury/",
        {"body_location": "лаб", "description": "захм"},
        format="json",
    )
    assert injury.status_code == 201
    # No admission before the person is told their rights (Mandela Rules 54-55).
    refused = client.post(f"/api/v1/admissions/{pk}/complete/", {}, format="json")
    assert refused.status_code == 400 and "info_given_on" in refused.json()
    information = {
        "info_given_on": "2026-11-21",
        "info_language": "ru",
        "info_interpreter": "Каримова Д.",  # he speaks no language on record: an interpreter
        "info_rules": True,
        "info_rights": True,
        "info_complaints": True,
        "info_legal_advice": True,
        "info_acknowledged": True,
    }
    told = client.post(f"/api/v1/admissions/{pk}/steps/information/", information, format="json")
    assert told.status_code == 200, told.content
    assert told.json()["info_interpreter"] == "Каримова Д." and told.json()["info_given_by"] == officer.pk
    done = client.post(f"/api/v1/admissions/{pk}/complete/", {}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "completed" and done.json()["prison_number"]
    listed = client.get("/api/v1/admissions/", {"status": "completed"}).json()
    assert pk in {row["id"] for row in listed["results"]}


def test_admissions_list_for_the_desk(demo, client, draft_factory):
    draft = draft_factory()
    client.force_login(demo.users["officer.a"])
    page = client.get(reverse("intake:list")).content.decode()
    assert reverse("intake:detail", args=[draft.pk]) in page
    client.force_login(demo.users["officer.b"])
    assert (
        reverse("intake:detail", args=[draft.pk]) not in client.get(reverse("intake:list")).content.decode()
    )
    client.force_login(demo.users["casemanager.a"])
    assert client.get(reverse("intake:list")).status_code == 404


def test_autosave_keeps_the_valid_fields_of_a_step_with_an_error(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("intake:step", args=[admission.pk, "order"]),
        {"s-order_number": "8/26", "s-arrest_place": "Ваҳдат", "s-arrested_at": future, "autosave": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "except" in response.content.decode()
    admission.refresh_from_db()
    assert (admission.order_number, admission.arrest_place, admission.arrested_at) == ("8/26", "Ваҳдат", None)


def test_the_match_buttons_save_what_was_typed(demo, client):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    client.post(
        reverse("intake:match", args=[admission.pk]),
        {"prisoner": "new", "s-family_name": "Юсуфова", "s-given_name": "Малика", "s-sex": "female"},
    )
    admission.refresh_from_db()
    assert (admission.family_name, admission.identity_decision) == ("Юсуфова", "new")
