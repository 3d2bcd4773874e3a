import pytest
from django.urls import reverse

from casemgmt import services as casemgmt_services
from classification import services
from classification.models import Assessment
from tests.classification.conftest import rate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(demo, submitted):
    sup = demo.users["supervisor.a"]
    proposal = services.assessment_approve(actor=sup, assessment=submitted)
    return services.classification_decide(actor=sup, classification=proposal, hold_apart_from_vulnerable=True)


@pytest.fixture
def other_cm(demo):
    return casemgmt_services.staff_create(
        actor=None,
        username="casemanager.x",
        password="Pass-Word-2026-x",
        roles=["case_manager"],
        facilities=[demo.facilities["A"]],
    )


def test_officer_sees_the_level_only(demo, client, decided):
    client.force_login(demo.users["officer.a"])
    page = client.get(reverse("prisoner-detail", args=[decided.prisoner_id])).content.decode()
    assert "High" in page and "hold apart from vulnerable prisoners" in page
    assert client.get(reverse("prisoner-tab", args=[decided.prisoner_id, "risk"])).status_code == 404
    assert client.get(reverse("classification:assessment", args=[decided.assessment_id])).status_code == 404
    assert "Committed to the group" not in page


def test_programme_staff_and_unallocated_case_manager_get_404(demo, client, api, decided, other_cm):
    from casemgmt import permissions
    from core import grants

    staff = demo.users["programme.a"]
    grants.access_grant(
        actor=None,
        prisoners=[decided.prisoner],
        user=staff,
        capabilities=permissions.PROGRAMME_STAFF_CAPABILITIES,
    )
    for user in (staff, other_cm, demo.users["officer.b"]):
        client.force_login(user)
        assert (
            client.get(reverse("classification:assessment", args=[decided.assessment_id])).status_code == 404
        )
        assert client.get(reverse("prisoner-tab", args=[decided.prisoner_id, "risk"])).status_code == 404
        rest = api(user)
        assert rest.get(f"/api/v1/assessments/{decided.assessment_id}/").status_code == 404
        assert rest.get(f"/api/v1/classifications/{decided.pk}/").status_code == 404
        assert rest.get("/api/v1/assessments/").json()["count"] == 0
    client.force_login(staff)
    page = client.get(reverse("prisoner-detail", args=[decided.prisoner_id])).content.decode()
    assert "Security level" not in page  # programme staff see nothing of it


def test_case_manager_cannot_approve(demo, client, submitted):
    client.force_login(demo.users["casemanager.a"])
    assert client.post(reverse("classification:approve", args=[submitted.pk])).status_code == 404
    assert Assessment.objects.get(pk=submitted.pk).status == "submitted"


def test_browser_flow_for_case_manager_and_supervisor(demo, client, instrument, allocated):
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    client.force_login(cm)
    tab = reverse("prisoner-tab", args=[allocated.pk, "risk"])
    assert "Start an assessment" in client.get(tab).content.decode()
    response = client.post(
        reverse("classification:start", args=[allocated.pk]), {"instrument": instrument.pk, "kind": "initial"}
    )
    assessment = Assessment.objects.get(prisoner=allocated)
    assert response["Location"] == reverse("classification:assessment", args=[assessment.pk])
    form = {
        "version": assessment.version,
        "overall": "moderate",
        "formulation": "Some concern.",
        "action": "submit",
    }
    for item_id, r in rate_all(assessment).items():
        form.update({f"item-{item_id}-value": r["value"], f"item-{item_id}-rationale": r["rationale"]})
    missing = dict(form)
    missing.pop(f"item-{next(iter(rate_all(assessment)))}-value")
    refused = client.post(reverse("classification:assessment", args=[assessment.pk]), missing)
    assert refused.status_code == 400 and "Rate this item" in refused.content.decode()
    assessment.refresh_from_db()
    form["version"] = assessment.version
    ok = client.post(reverse("classification:assessment", args=[assessment.pk]), form)
    assert ok.status_code == 302
    client.force_login(sup)
    client.post(reverse("classification:approve", args=[assessment.pk]))
    proposal = assessment.classifications.get()
    page = client.get(tab).content.decode()
    assert "Proposed classification" in page
    client.post(
        reverse("classification:decide", args=[proposal.pk]),
        {"security_level": "enhanced", "regime": "supervised", "placement": "dispersal"},
    )
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.next_review_due
    page = client.get(tab).content.decode()
    assert "Next review due" in page and proposal.next_review_due.strftime("%d.%m.%Y") in page


def test_api_workflow_and_rules(demo, api, instrument, allocated):
    cm, sup = api(demo.users["casemanager.a"]), api(demo.users["supervisor.a"])
    created = cm.post(
        "/api/v1/assessments/",
        {"prisoner": allocated.pk, "instrument": instrument.code, "kind": "initial"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assessment = Assessment.objects.get(pk=pk)
    ratings = [{"item": i, **r} for i, r in rate_all(assessment, "high").items()]
    saved = cm.patch(
        f"/api/v1/assessments/{pk}/",
        {"ratings": ratings, "overall": "high", "formulation": "f", "version": 1},
        format="json",
    )
    assert saved.status_code == 200
    assert (
        cm.patch(f"/api/v1/assessments/{pk}/", {"overall": "low", "version": 1}, format="json").status_code
        == 409
    )
    assert cm.post(f"/api/v1/assessments/{pk}/submit/").status_code == 200
    assert cm.post(f"/api/v1/assessments/{pk}/approve/").status_code == 404  # no approve_risk
    proposal = sup.post(f"/api/v1/assessments/{pk}/approve/").json()
    bad = sup.post(
        f"/api/v1/classifications/{proposal['id']}/override/", {"security_level": "standard"}, format="json"
    )
    assert bad.status_code == 400 and "override_reason" in bad.json()
    done = sup.post(f"/api/v1/classifications/{proposal['id']}/approve/", {}, format="json").json()
    assert done["status"] == "approved" and done["security_level"] == "high"
    ch = cm.post(f"/api/v1/classifications/{done['id']}/challenge/", {"grounds": "Not true."}, format="json")
    assert ch.status_code == 201
    assert cm.patch(f"/api/v1/assessments/{pk}/", {"overall": "low"}, format="json").status_code == 400
    listed = api(demo.users["officer.a"]).get("/api/v1/classifications/").json()
    assert listed["count"] == 0  # officers see the level on the file, not the decisions
    instruments = api(demo.users["officer.a"]).get("/api/v1/instruments/").json()
    assert instruments["results"][0]["versions"][0]["domains"][0]["items"]


def test_pages_render_in_tajik(demo, client, decided):
    client.force_login(demo.users["supervisor.a"])
    client.cookies["lang"] = "tg"
    page = client.get(reverse("prisoner-tab", args=[decided.prisoner_id, "risk"]))
    assert page.status_code == 200
    assert (
        "(tg)"
        in client.get(reverse("classification:assessment", args=[decided.assessment_id])).content.decode()
    )


def test_a_refused_override_keeps_the_choice_and_marks_the_reason(demo, client, submitted):
    sup = demo.users["supervisor.a"]
    proposal = services.assessment_approve(actor=sup, assessment=submitted)
    client.force_login(sup)
    response = client.post(
        reverse("classification:decide", args=[proposal.pk]),
        {"security_level": "enhanced", "regime": "separated", "placement": "none"},
    )
    assert response.status_code == 400
    form = response.context["decision_form"]
    assert form["security_level"].value() == "enhanced" and "override_reason" in form.errors
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_the_post_pages_resolve_their_record_with_the_capability_they_need(demo, client, decided):
    from classification.models import Challenge, ReviewFlag

    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    prisoner = decided.prisoner
    client.force_login(demo.users["officer.a"])  # sees the file, not its risk
    assert (
        client.post(reverse("classification:flag", args=[prisoner.pk]), {"trigger": "incident"}).status_code
        == 404
    )
    client.force_login(cm)
    assert (
        client.post(reverse("classification:flag", args=[prisoner.pk]), {"trigger": "incident"}).status_code
        == 302
    )
    assert ReviewFlag.objects.filter(prisoner=prisoner, raised_by=cm).exists()
    challenge = reverse("classification:challenge", args=[decided.pk])
    assert client.post(challenge, {"lodged_at": "2026-01-05", "grounds": "Not true."}).status_code == 302
    lodged = Challenge.objects.get(classification=decided)
    decide = reverse("classification:challenge-decide", args=[lodged.pk])
    assert (
        client.post(decide, {"outcome": "dismissed", "decision": "Seen."}).status_code == 404
    )  # no approve_risk
    too_long = {"outcome": "dismissed", "decision": "x" * 20001}
    client.force_login(sup)
    client.post(decide, too_long)
    assert Challenge.objects.get(pk=lodged.pk).outcome == "pending"  # the form refused it
    assert client.post(decide, {"outcome": "dismissed", "decision": "Seen."}).status_code == 302
    assert Challenge.objects.get(pk=lodged.pk).outcome == "dismissed"
    client.force_login(cm)
    response = client.post(reverse("classification:correct", args=[decided.assessment_id]))
    correction = Assessment.objects.get(corrects=decided.assessment_id)
    assert response["Location"] == reverse("classification:assessment", args=[correction.pk])


def test_returning_needs_approve_risk(demo, client, submitted):
    cm, sup = demo.users["casemanager.a"], demo.users["supervisor.a"]
    client.force_login(cm)
    assert (
        client.post(reverse("classification:return", args=[submitted.pk]), {"comments": "x"}).status_code
        == 404
    )
    client.force_login(sup)
    assert (
        client.post(reverse("classification:return", args=[submitted.pk]), {"comments": "More."}).status_code
        == 302
    )
    assert Assessment.objects.get(pk=submitted.pk).status == "returned"
