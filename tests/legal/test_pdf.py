"""The handover summary and the prisoner's copy as PDF: a real PDF (parsed back), in the
reader's language with the Tajik letters, served as an attachment through the access
check, and read-audited like the page."""

import io

from django.urls import reverse
from pypdf import PdfReader

from core.models import ReadEvent
from legal import services


def _text(response) -> tuple[str, PdfReader]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content
    assert body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _handover(demo, case):
    return services.handover_create(
        actor=demo.users["casemanager.a"],
        prisoner=case.prisoner,
        agency="probation",
        recipient="Офиси пробатсия, Сино",
        sections=["identity", "legal"],
        reason="озодшавӣ",
    )


def test_handover_pdf_in_tajik_carries_the_name_with_the_font_embedded(demo, case, login):
    summary = _handover(demo, case)
    client = login(demo.users["casemanager.a"])
    client.cookies["lang"] = "tg"
    text, reader = _text(client.get(reverse("legal:handover-pdf", args=[summary.pk])))
    prisoner = case.prisoner
    assert prisoner.family_name in text and prisoner.given_name in text
    assert prisoner.prison_number in text and case.case_number in text
    assert "Суди ноҳияи Сино" in text  # ҳ, from the record
    assert "озодшавӣ" in text  # ӣ, the reason
    assert "Хулосаи супоридан" in text  # the title, in Tajik
    assert any("DejaVuSans" in name for name in _fonts(reader))
    assert "Placement history" not in text  # only the chosen sections


def test_handover_pdf_is_read_audited_and_404_for_another_facility(demo, case, login):
    summary = _handover(demo, case)
    before = ReadEvent.objects.count()
    response = login(demo.users["casemanager.a"]).get(reverse("legal:handover-pdf", args=[summary.pk]))
    assert response.status_code == 200
    event = ReadEvent.objects.order_by("-id").first()
    assert ReadEvent.objects.count() == before + 1
    assert event.route == "legal:handover-pdf" and case.prisoner_id in event.subjects
    assert event.records == {"legal.handoversummary": [str(summary.pk)]}
    for other in ("officer.a", "officer.b", "programme.a"):
        assert (
            login(demo.users[other]).get(reverse("legal:handover-pdf", args=[summary.pk])).status_code == 404
        )
    assert ReadEvent.objects.count() == before + 1  # a refusal reads nothing


def test_prisoners_copy_pdf_excludes_what_the_page_excludes(demo, case, login):
    """Field by field, as the page: a movement's reason and authority, a complaint's staff
    member and summary, a confidential complaint's words and a plan action's owner."""
    from complaints import services as complaints
    from custody.services import movement_record

    officer, cm = demo.users["officer.a"], demo.users["casemanager.a"]
    prisoner = case.prisoner
    movement_record(
        actor=officer,
        prisoner=prisoner,
        kind="court",
        external_place="Суди Сино",
        reason="INTEL-SECRET-REASON",
        authorised_by="AUTHORISER-SECRET",
    )
    complaints.complaint_record(
        actor=officer,
        prisoner=prisoner,
        category="conditions",
        words="Ҳуҷра хунук аст",
        summary="STAFF-SUMMARY-SECRET",
        about_staff=demo.users["officer.b"],
    )
    complaints.complaint_record(
        actor=officer,
        prisoner=prisoner,
        category="ill_treatment",
        route="inspection",
        confidential=True,
        words="CONFIDENTIAL-WORDS",
    )
    plan = services.plan_open(actor=cm, prisoner=prisoner)
    services.plan_item_add(
        actor=cm, plan=plan, pathway="disengagement", action="Бо мураббӣ вохӯрӣ", owner="MENTOR-NAME-SECRET"
    )
    client = login(cm)
    client.cookies["lang"] = "tg"
    text, _reader = _text(client.get(reverse("legal:copy-pdf", args=[prisoner.pk])))
    for shown in (
        prisoner.family_name,
        prisoner.prison_number,
        "Суди Сино",
        "Ҳуҷра хунук аст",
        "Бо мураббӣ вохӯрӣ",
    ):
        assert shown in text, shown
    for secret in (
        "INTEL-SECRET-REASON",
        "AUTHORISER-SECRET",
        "STAFF-SUMMARY-SECRET",
        "CONFIDENTIAL-WORDS",
        "MENTOR-NAME-SECRET",
        "officer.b",
    ):
        assert secret not in text, secret
    event = ReadEvent.objects.order_by("-id").first()
    assert event.route == "legal:copy-pdf" and event.subjects == [prisoner.pk]
    foreign = reverse("legal:copy-pdf", args=[demo.prisoners["B"][0].pk])
    assert login(cm).get(foreign).status_code == 404
