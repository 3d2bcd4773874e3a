"""Contacts with history, restrictions (never disciplinary), children in prison, visits
with their checks, consular notification, the intake's records moved here."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from family import selectors, services
from family.models import Child, Contact, ContactChange, Restriction

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_contact_added_corrected_with_history(demo, man, contact):
    officer = demo.users["officer.a"]
    c = contact(phone="+992 90 111 2233", next_of_kin=True)
    c = services.contact_update(actor=officer, contact=c, phone="+992 90 999 0000", reason="new number")
    c = services.contact_update(actor=officer, contact=c, address="Душанбе, кӯч. Рӯдакӣ 5")
    assert c.version == 3
    changes = list(ContactChange.objects.filter(contact=c).order_by("id"))
    assert changes[0].changes == {"phone": ["+992 90 111 2233", "+992 90 999 0000"]}
    assert changes[0].reason == "new number" and changes[0].changed_by == officer
    assert AuditEvent.objects.filter(object_type="family.contact", object_id=str(c.pk)).count() == 3
    with pytest.raises(ValidationError):  # a stale version
        services.contact_update(actor=officer, contact=c, phone="1", expected_version=1)
    # another facility's officer: as if it did not exist
    with pytest.raises(Http404):
        services.contact_update(actor=demo.users["officer.b"], contact=c, phone="2")


def test_confidential_contacts_only_under_view_family(demo, man, contact):
    sup, officer, cm, prog = (
        demo.users[u] for u in ("supervisor.a", "officer.a", "casemanager.a", "programme.a")
    )
    with pytest.raises(Http404):  # an officer may not record a child
        contact(relationship="child", name="Аҳмад")
    child = contact(actor=sup, relationship="child", name="Аҳмад")
    victim = contact(actor=sup, relationship="other", name="Жертва", is_victim=True)
    spouse = contact()
    assert child.confidential and victim.confidential and not spouse.confidential
    assert set(Contact.objects.restrict(officer)) == {spouse}
    assert set(Contact.objects.restrict(cm)) == {spouse, child, victim}
    assert set(Contact.objects.restrict(sup)) == {spouse, child, victim}
    assert not Contact.objects.restrict(prog).exists()
    assert not Contact.objects.restrict(cm, "change").exists()  # case managers read only


def test_restriction_refuses_a_disciplinary_reason(demo, man, contact, login, api):
    officer = demo.users["officer.a"]
    with pytest.raises(ValidationError) as exc:
        services.restriction_impose(
            actor=officer,
            prisoner=man,
            kind="banned",
            reason_kind="disciplinary",
            reason="fight",
            review_on=TODAY(),
        )
    assert "Rule 43(3)" in str(exc.value)
    url = reverse("family:restriction-add", args=[man.pk])
    response = login(officer).post(
        url,
        {
            "kind": "closed",
            "reason_kind": "disciplinary",
            "reason": "x",
            "starts_on": TODAY(),
            "review_on": TODAY(),
        },
    )
    assert response.status_code == 400 and "Bangkok Rule 23" in response.content.decode()
    response = api(officer).post(
        "/api/v1/family/restrictions/",
        {
            "prisoner": man.pk,
            "kind": "closed",
            "reason_kind": "disciplinary",
            "reason": "x",
            "review_on": TODAY(),
        },
        format="json",
    )
    assert response.status_code == 400 and "reason_kind" in response.json()
    assert not Restriction.objects.exists()


def test_booking_checks(demo, man, contact, session):
    officer = demo.users["officer.a"]
    wife = contact()
    brother = contact(relationship="sibling", name="Бародар")
    s = session(capacity=2)
    # the visitor's own ban
    services.restriction_impose(
        actor=officer,
        prisoner=man,
        contact=brother,
        kind="banned",
        reason_kind="smuggling",
        reason="Brought a phone",
        review_on=TODAY() + dt.timedelta(days=30),
    )
    with pytest.raises(ValidationError, match="banned from visiting"):
        services.visit_book(actor=officer, session=s, prisoner=man, visitors=[brother])
    visit = services.visit_book(actor=officer, session=s, prisoner=man, visitors=[wife], children_count=1)
    assert visit.status == "booked" and not visit.not_overheard
    # keep-apart with someone booked in the same session (the classification's check)
    other = demo.prisoners["A"][2]
    from classification.models import KeepApart

    KeepApart.objects.create(
        prisoner=man, other=other, scope="facility", reason="Co-accused", created_by=officer
    )
    other_wife = contact(prisoner=other, name="Нигина")
    with pytest.raises(ValidationError, match="Keep apart"):
        services.visit_book(actor=officer, session=s, prisoner=other, visitors=[other_wife])
    # a full session
    third = demo.prisoners["A"][3]
    services.visit_book(
        actor=officer, session=s, prisoner=third, visitors=[contact(prisoner=third, name="Модар")]
    )
    fourth = demo.prisoners["A"][5]
    with pytest.raises(ValidationError, match="full"):
        services.visit_book(
            actor=officer, session=s, prisoner=fourth, visitors=[contact(prisoner=fourth, name="Падар")]
        )
    # a restricted prisoner: no family visits, a legal visit still (Rule 61, not overheard)
    s2 = session()
    services.restriction_impose(
        actor=officer,
        prisoner=fourth,
        kind="non_contact",
        reason_kind="court_order",
        reason="Investigator's order",
        review_on=TODAY() + dt.timedelta(days=14),
    )
    with pytest.raises(ValidationError, match="restricted"):
        services.visit_book(
            actor=officer, session=s2, prisoner=fourth, visitors=list(fourth.family_contacts.all())
        )
    lawyer = contact(prisoner=fourth, relationship="lawyer", name="Адвокат")
    legal = services.visit_book(
        actor=officer, session=session(kind="legal"), prisoner=fourth, visitors=[lawyer]
    )
    assert legal.not_overheard
    # a visitor not approved
    friend = contact(relationship="friend", name="Дӯст", may_visit=False)
    assert "not approved" in " ".join(services.booking_problems(session=s2, prisoner=man, visitors=[friend]))


def test_booking_refused_out_of_custody_or_elsewhere(demo, contact, session):
    b = demo.prisoners["B"][0]
    problems = services.booking_problems(session=session(), prisoner=b, visitors=[])
    assert any("not held at the facility" in p for p in problems)


def test_visit_recorded_with_who_attended(demo, man, contact, session):
    officer = demo.users["officer.a"]
    wife, mother = contact(), contact(relationship="parent", name="Модар")
    s = session(start=timezone.now() + dt.timedelta(minutes=1))
    visit = services.visit_book(actor=officer, session=s, prisoner=man, visitors=[wife, mother])
    s.starts_at = timezone.now() - dt.timedelta(minutes=5)
    s.save()
    with pytest.raises(ValidationError):
        services.visit_record(actor=officer, visit=visit, held=False)  # why not?
    visit = services.visit_record(actor=officer, visit=visit, held=True, attended=[wife])
    assert visit.status == "held"
    assert {r.contact_id: r.attended for r in visit.visitor_rows.all()} == {wife.pk: True, mother.pk: False}
    with pytest.raises(ValidationError):
        services.visit_record(actor=officer, visit=visit, held=True, attended=[wife])


def test_child_in_prison_on_the_roll_and_in_statistics(demo, woman, login):
    sup = demo.users["supervisor.a"]
    born = TODAY() - dt.timedelta(days=400)
    child = services.child_add(
        actor=sup, prisoner=woman, name="Малика", date_of_birth=born, sex="female", whereabouts="in_prison"
    )
    assert child.facility == woman.facility and child.planned_exit_on == services.age_limit_date(born)
    page = login(sup).get(reverse("custody:roll", args=[woman.facility_id])).content.decode()
    assert "Children living here with their mothers: <strong>1</strong>" in page
    stats = selectors.statistics(user=sup)
    assert stats["children_in_prison"] == 1
    assert selectors.statistics(user=demo.users["officer.a"])["children_in_prison"] == 0  # no view_family
    # she leaves the prison to her grandmother: kept over time
    child = services.child_move(
        actor=sup, child=child, whereabouts="relatives", location="Ваҳдат", carer="Бибиҷон", since=TODAY()
    )
    assert [p.whereabouts for p in child.placements.order_by("id")] == ["in_prison", "relatives"]
    assert selectors.statistics(user=sup)["children_in_prison"] == 0
    with pytest.raises(ValidationError):  # relatives: name the carer
        services.child_move(actor=sup, child=child, whereabouts="relatives", location="x", carer="")


def test_child_rules(demo, woman, man):
    sup = demo.users["supervisor.a"]
    with pytest.raises(ValidationError, match="mother"):
        services.child_add(actor=sup, prisoner=man, name="x", date_of_birth=TODAY(), whereabouts="in_prison")
    with pytest.raises(ValidationError, match="age limit"):
        services.child_add(
            actor=sup,
            prisoner=woman,
            name="x",
            date_of_birth=TODAY() - dt.timedelta(days=10),
            whereabouts="in_prison",
            planned_exit_on=TODAY() + dt.timedelta(days=365 * 5),
        )
    with pytest.raises(Http404):  # a case manager reads, does not change
        services.child_add(
            actor=demo.users["casemanager.a"], prisoner=woman, name="x", age_years=3, whereabouts="unknown"
        )
    with pytest.raises(Http404):
        services.child_add(
            actor=demo.users["officer.a"], prisoner=woman, name="x", age_years=3, whereabouts="unknown"
        )


def test_age_limit_reminded_once(demo, woman, settings):
    from notifications.models import Reminder
    from notifications.services import sweep

    settings.FAMILY_CHILD_AGE_LIMIT_YEARS = 3
    settings.FAMILY_CHILD_AGE_REMINDER_DAYS = 30
    sup = demo.users["supervisor.a"]
    born = TODAY() - dt.timedelta(days=3 * 365 - 20)  # reaches 3 in about 20 days
    child = services.child_add(
        actor=sup, prisoner=woman, name="Малика", date_of_birth=born, whereabouts="in_prison"
    )
    services.child_add(
        actor=sup,
        prisoner=woman,
        name="Сино",
        date_of_birth=TODAY() - dt.timedelta(days=30),
        whereabouts="in_prison",
    )
    sweep()
    sweep()
    sweep(today=TODAY() + dt.timedelta(days=3))
    rows = Reminder.objects.filter(kind="child_age_limit")
    assert {(r.subject_id, r.recipient_id) for r in rows} == {
        (child.pk, sup.pk),
        (child.pk, demo.users["casemanager.a"].pk),
    }
    assert rows.count() == 2


def test_restriction_review_reminded_once(demo, man):
    from notifications.models import Reminder
    from notifications.services import sweep

    officer, sup = demo.users["officer.a"], demo.users["supervisor.a"]
    r = services.restriction_impose(
        actor=officer,
        prisoner=man,
        kind="supervised",
        reason_kind="security",
        reason="Threats",
        review_on=TODAY() + dt.timedelta(days=3),
    )
    sweep()
    sweep()
    rows = Reminder.objects.filter(kind="restriction_review", subject_id=r.pk)
    assert {x.recipient_id for x in rows} == {officer.pk, sup.pk} and rows.count() == 2
    services.restriction_review(actor=sup, restriction=r, next_review_on=TODAY() + dt.timedelta(days=90))
    sweep()
    assert Reminder.objects.filter(kind="restriction_review", subject_id=r.pk).count() == 2


def test_consular_notification_for_foreign_nationals(demo, man):
    officer = demo.users["officer.a"]
    with pytest.raises(ValidationError):
        services.consular_notify(
            actor=officer, prisoner=man, notified_on=TODAY(), consulate="x", consent="given"
        )
    man.citizenships = ["UZ"]
    man.save(update_fields=["citizenships"])
    n = services.consular_notify(
        actor=officer,
        prisoner=man,
        notified_on=TODAY(),
        consulate="Consulate of Uzbekistan, Dushanbe",
        consent="given",
    )
    assert n.pk and AuditEvent.objects.filter(object_type="family.consularnotification").exists()


def test_tab_and_pages_by_role(demo, man, contact, login, session):
    wife = contact()
    visit = services.visit_book(
        actor=demo.users["officer.a"], session=session(), prisoner=man, visitors=[wife]
    )
    tab = reverse("prisoner-tab", args=[man.pk, "family"])
    for user, code in (
        ("officer.a", 200),
        ("casemanager.a", 200),
        ("supervisor.a", 200),
        ("programme.a", 404),
    ):
        client = login(demo.users[user])
        assert client.get(tab).status_code == code, user
        assert client.get(reverse("family:visit", args=[visit.pk])).status_code == code, user
        assert client.get(reverse("family:contact", args=[wife.pk])).status_code == code, user
    assert login(demo.users["officer.b"]).get(reverse("family:visit", args=[visit.pk])).status_code == 404
    page = login(demo.users["officer.a"]).get(tab).content.decode()
    assert wife.name in page and "Book a visit" in page
    # a correction through the page
    response = login(demo.users["officer.a"]).post(
        reverse("family:contact", args=[wife.pk]),
        {
            "relationship": "spouse",
            "name": wife.name,
            "phone": "+992 93 000 1111",
            "may_visit": "on",
            "active": "on",
            "reason": "new phone",
        },
    )
    assert response.status_code == 302
    assert ContactChange.objects.filter(contact=wife).count() == 1


def test_api_contacts_and_visits(demo, man, api, contact, session):
    officer = demo.users["officer.a"]
    r = api(officer).post(
        "/api/v1/family/contacts/",
        {"prisoner": man.pk, "relationship": "parent", "name": "Модар", "may_visit": True},
        format="json",
    )
    assert r.status_code == 201, r.content
    cid = r.json()["id"]
    r = api(officer).patch(
        f"/api/v1/family/contacts/{cid}/", {"phone": "+992 1", "reason": "given"}, format="json"
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    assert api(officer).get(f"/api/v1/family/contacts/{cid}/changes/").json()[0]["changes"] == {
        "phone": ["", "+992 1"]
    }
    s = session()
    r = api(officer).post(
        "/api/v1/family/visits/", {"session": s.pk, "prisoner": man.pk, "visitors": [cid]}, format="json"
    )
    assert r.status_code == 201, r.content
    assert api(demo.users["programme.a"]).get(f"/api/v1/family/visits/{r.json()['id']}/").status_code == 404
    assert api(demo.users["officer.b"]).get(f"/api/v1/family/contacts/{cid}/").status_code == 404
    assert api(demo.users["casemanager.a"]).get(f"/api/v1/family/contacts/{cid}/").status_code == 200
    stats = api(demo.users["supervisor.a"]).get("/api/v1/family/visits/statistics/").json()
    assert stats["visits_total"] == 1


def test_intake_writes_contacts_and_children_here(demo):
    """A completed admission's contacts and children become the file's family records,
    and the data migration's copy (the same function) moves earlier ones once."""
    from family.intake_copy import copy_all
    from intake.models import Admission
    from intake.models import Child as IntakeChild
    from intake.models import Contact as IntakeContact

    officer = demo.users["officer.a"]
    woman = next(p for p in demo.prisoners["A"] if p.sex == "female")
    admission = Admission.objects.create(
        facility=woman.facility,
        status="completed",
        prisoner=woman,
        admitted_at=timezone.now(),
        created_by=officer,
    )
    IntakeContact.objects.create(
        admission=admission,
        prisoner=woman,
        recorded_by=officer,
        role="both",
        name="Шавкат",
        relationship="муж",
        phone="1",
    )
    IntakeChild.objects.create(
        admission=admission,
        prisoner=woman,
        recorded_by=officer,
        name="Сино",
        age_years=2,
        custody="in_prison",
    )
    IntakeChild.objects.create(
        admission=admission,
        prisoner=woman,
        recorded_by=officer,
        name="Лола",
        age_years=9,
        custody="relatives",
        location="Хуҷанд",
        guardian="Бибӣ",
    )
    import importlib

    from django.apps import apps

    migration = importlib.import_module("family.migrations.0002_from_intake")
    migration.forward(apps, None)  # the data migration itself, on the demo data
    assert Contact.objects.filter(prisoner=woman).count() == 1
    assert Child.objects.filter(prisoner=woman).count() == 2
    assert copy_all(apps) == (0, 0)  # once: a second run copies nothing
    husband = Contact.objects.get(prisoner=woman)
    assert (husband.relationship, husband.next_of_kin, husband.emergency) == ("spouse", True, True)
    kids = {k.name: k for k in Child.objects.filter(prisoner=woman)}
    assert kids["Сино"].whereabouts == "in_prison" and kids["Сино"].facility_id == woman.facility_id
    assert kids["Лола"].carer == "Бибӣ" and kids["Лола"].placements.count() == 1


def test_admission_completed_writes_the_family_records(demo):
    from intake import services as intake
    from tests.intake.conftest import make_draft

    officer = demo.users["officer.a"]
    draft = make_draft(demo)
    intake.record_add(
        actor=officer,
        admission=draft,
        kind="contact",
        data={"role": "next_of_kin", "name": "Саид", "relationship": "брат", "phone": "+992 1"},
    )
    intake.record_add(
        actor=officer,
        admission=draft,
        kind="child",
        data={"name": "Сино", "date_of_birth": TODAY() - dt.timedelta(days=200), "custody": "in_prison"},
    )
    admission = intake.admission_complete(actor=officer, admission=draft)
    contact = Contact.objects.get(prisoner=admission.prisoner)
    assert (contact.relationship, contact.next_of_kin, contact.phone) == ("sibling", True, "+992 1")
    child = Child.objects.get(prisoner=admission.prisoner)
    assert child.whereabouts == "in_prison" and child.facility_id == admission.facility_id
    intake.admission_complete(actor=officer, admission=admission)  # idempotent: nothing copied twice
    assert Contact.objects.filter(prisoner=admission.prisoner).count() == 1


def test_programme_staff_see_nothing_and_other_facilities_cannot_book(demo, man, contact, session, api):
    contact()
    s = session()
    prog = api(demo.users["programme.a"])
    for path in ("contacts", "restrictions", "children", "visits", "consular", "sessions"):
        assert prog.get(f"/api/v1/family/{path}/").json()["results"] == [], path
    with pytest.raises(Http404):
        services.session_create(
            actor=demo.users["officer.b"],
            facility=demo.facilities["A"],
            kind="family",
            room="x",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=1,
        )
    with pytest.raises(Http404):
        services.visit_book(actor=demo.users["officer.b"], session=s, prisoner=man, visitors=[])


def test_lifted_restriction_no_longer_blocks_and_health_checks(demo, man, woman, contact, session):
    officer, sup = demo.users["officer.a"], demo.users["supervisor.a"]
    brother = contact(relationship="sibling", name="Бародар")
    r = services.restriction_impose(
        actor=officer,
        prisoner=man,
        contact=brother,
        kind="banned",
        reason_kind="security",
        reason="Threat",
        review_on=TODAY() + dt.timedelta(days=5),
    )
    s = session()
    assert services.booking_problems(session=s, prisoner=man, visitors=[brother])
    with pytest.raises(ValidationError):
        services.restriction_lift(actor=officer, restriction=r, reason="")
    services.restriction_lift(actor=officer, restriction=r, reason="Reviewed: no longer needed")
    assert services.booking_problems(session=s, prisoner=man, visitors=[brother]) == []
    child = services.child_add(
        actor=sup,
        prisoner=woman,
        name="Малика",
        date_of_birth=TODAY() - dt.timedelta(days=100),
        whereabouts="in_prison",
    )
    check = services.child_health_check(actor=sup, child=child, checked_on=TODAY(), checked_by="Dr. Karimova")
    assert check.pk and child.health_checks.count() == 1
    with pytest.raises(ValidationError):
        services.child_health_check(
            actor=sup, child=child, checked_on=TODAY() + dt.timedelta(days=1), checked_by="x"
        )
