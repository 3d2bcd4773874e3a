import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone

from classification import selectors, services
from classification.models import Assessment, Classification, Domain, Item, Rating
from core.models import AuditEvent
from tests.classification.conftest import TEST_INSTRUMENT, rate_all

pytestmark = pytest.mark.django_db


def test_draft_submit_approve_then_immutable(demo, submitted):
    sup = demo.users["supervisor.a"]
    proposal = services.assessment_approve(actor=sup, assessment=submitted)
    assessment = Assessment.objects.get(pk=submitted.pk)
    assert assessment.status == "approved" and assessment.approved_by == sup
    assert (proposal.suggested_level, proposal.suggested_regime) == ("high", "separated")
    with pytest.raises(ValidationError):
        services.assessment_save(actor=demo.users["casemanager.a"], assessment=assessment, overall="low")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(overall="low")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Rating.objects.filter(assessment=assessment).update(value="low")
    assert (
        AuditEvent.objects.filter(
            object_type="classification.assessment", object_id=str(assessment.pk)
        ).count()
        >= 4
    )


def test_submit_needs_every_item_rationale_overall_and_formulation(demo, instrument, allocated):
    cm = demo.users["casemanager.a"]
    a = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument)
    ratings = rate_all(a)
    first = next(iter(ratings))
    ratings[first]["rationale"] = ""
    a = services.assessment_save(actor=cm, assessment=a, ratings=ratings)
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(actor=cm, assessment=a)
    assert {f"item-{first}", "overall", "formulation"} <= set(error.value.message_dict)
    assert Assessment.objects.get(pk=a.pk).status == "draft"


def test_women_only_items_apply_to_women(demo, instrument, allocated, woman):
    cm = demo.users["casemanager.a"]
    man = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument)
    her = services.assessment_start(actor=demo.users["supervisor.a"], prisoner=woman, instrument=instrument)
    assert len(rate_all(man)) == 3 and len(rate_all(her)) == 4


def test_return_with_comments_then_resubmit(demo, submitted):
    sup, cm = demo.users["supervisor.a"], demo.users["casemanager.a"]
    with pytest.raises(ValidationError):
        services.assessment_return(actor=sup, assessment=submitted, comments=" ")
    returned = services.assessment_return(actor=sup, assessment=submitted, comments="Evidence for b1?")
    assert returned.status == "returned"
    again = services.assessment_save(actor=cm, assessment=returned, formulation="Revised.")
    assert services.assessment_submit(actor=cm, assessment=again).status == "submitted"


def test_assessor_cannot_approve_own_assessment(demo, instrument, allocated):
    sup = demo.users["supervisor.a"]  # holds approve_risk: only the own-assessment rule stops them
    a = services.assessment_start(actor=sup, prisoner=allocated, instrument=instrument, kind="initial")
    a = services.assessment_save(actor=sup, assessment=a, ratings=rate_all(a), overall="low", formulation="f")
    a = services.assessment_submit(actor=sup, assessment=a)
    with pytest.raises(ValidationError):
        services.assessment_approve(actor=sup, assessment=a)


def test_services_recheck_the_capability(demo, submitted, instrument, allocated):
    """Defence in depth: a service given a file by a user without the capability answers 404."""
    cm, officer = demo.users["casemanager.a"], demo.users["officer.a"]
    with pytest.raises(Http404):
        services.assessment_approve(actor=cm, assessment=submitted)  # no approve_risk
    with pytest.raises(Http404):
        services.assessment_start(actor=officer, prisoner=allocated, instrument=instrument)
    with pytest.raises(Http404):
        services.review_flag_request(actor=officer, prisoner=allocated, trigger="incident")
    other = next(p for p in demo.prisoners["B"])
    with pytest.raises(Http404):  # a link to a file the supervisor of A may not see
        services.keep_apart_add(
            actor=demo.users["supervisor.a"], prisoner=allocated, other=other, scope="unit", reason="r"
        )


def test_free_texts_have_a_limit(demo, instrument, allocated):
    cm = demo.users["casemanager.a"]
    a = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument)
    with pytest.raises(ValidationError) as error:
        services.assessment_save(actor=cm, assessment=a, formulation="x" * 20001)
    assert "formulation" in error.value.message_dict
    ratings = rate_all(a)
    first = next(iter(ratings))
    ratings[first]["rationale"] = "x" * 4001
    with pytest.raises(ValidationError) as error:
        services.assessment_save(actor=cm, assessment=a, ratings=ratings)
    assert f"item-{first}" in error.value.message_dict
    assert not Rating.objects.filter(assessment=a, rationale__startswith="xxxx").exists()


def test_stale_save_is_a_conflict(demo, instrument, allocated):
    cm = demo.users["casemanager.a"]
    a = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument)
    services.assessment_save(actor=cm, assessment=a, formulation="one", expected_version=a.version)
    with pytest.raises(ValidationError) as error:
        services.assessment_save(actor=cm, assessment=a, formulation="two", expected_version=a.version)
    assert error.value.code == "conflict"


def test_correction_is_a_new_linked_assessment(demo, submitted):
    services.assessment_approve(actor=demo.users["supervisor.a"], assessment=submitted)
    original = Assessment.objects.get(pk=submitted.pk)
    fix = services.assessment_start(
        actor=demo.users["casemanager.a"],
        prisoner=original.prisoner,
        instrument=original.instrument_version.instrument,
        corrects=original,
    )
    assert fix.kind == "correction" and fix.corrects == original and fix.status == "draft"
    assert fix.instrument_version == original.instrument_version


def test_override_needs_a_reason(demo, submitted):
    sup = demo.users["supervisor.a"]
    proposal = services.assessment_approve(actor=sup, assessment=submitted)
    with pytest.raises(ValidationError) as error:
        services.classification_decide(actor=sup, classification=proposal, security_level="enhanced")
    assert "override_reason" in error.value.message_dict
    decided = services.classification_decide(
        actor=sup,
        classification=proposal,
        security_level="enhanced",
        override_reason="Disengaging; programme places here.",
    )
    assert decided.is_override and decided.status == "approved"
    assert AuditEvent.objects.filter(
        object_type="classification.classification",
        object_id=str(decided.pk),
        reason__startswith="Disengaging",
    ).exists()


def test_suggestion_rules_women_estate(demo, instrument, woman):
    sup = demo.users["supervisor.a"]
    a = services.assessment_start(actor=sup, prisoner=woman, instrument=instrument)
    a = services.assessment_save(
        actor=sup, assessment=a, ratings=rate_all(a), overall="high", formulation="f"
    )
    a = services.assessment_submit(actor=sup, assessment=a)
    a.assessor_id = demo.users["casemanager.a"].pk  # approved by someone else
    Assessment.objects.filter(pk=a.pk).update(assessor=demo.users["casemanager.a"])
    proposal = services.assessment_approve(actor=sup, assessment=a)
    assert (proposal.suggested_level, proposal.suggested_regime) == ("high", "supervised")


@pytest.mark.parametrize(("level", "months"), [("high", 3), ("enhanced", 6), ("standard", 12)])
def test_next_review_from_policy(level, months, db):
    assert services.next_review(level, dt.date(2026, 11, 30)) == services.add_months(
        dt.date(2026, 11, 30), months
    )
    assert services.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_policy_is_configurable(db):
    from classification.models import ReviewPolicy

    ReviewPolicy.objects.create(security_level="high", months=2)
    assert services.next_review("high", dt.date(2026, 1, 15)) == dt.date(2026, 3, 15)


def test_review_due_initial_then_policy_then_early(demo, submitted, allocated):
    due = selectors.review_status(allocated)
    assert due["basis"] == "initial"
    sup = demo.users["supervisor.a"]
    proposal = services.assessment_approve(actor=sup, assessment=submitted)
    decided = services.classification_decide(actor=sup, classification=proposal)
    due = selectors.review_status(allocated)
    assert due["basis"] == "policy" and due["due"] == decided.next_review_due
    assert decided.next_review_due == services.add_months(timezone.localdate(), 3)
    services.review_flag_raise(actor=sup, prisoner=allocated, trigger="incident", note="fight")
    due = selectors.review_status(allocated)
    assert due["basis"] == "early" and due["due"] == timezone.localdate()


def test_approval_clears_early_review_flags(demo, submitted, allocated):
    services.review_flag_raise(actor=None, prisoner=allocated, trigger="programme")
    services.assessment_approve(actor=demo.users["supervisor.a"], assessment=submitted)
    assert not selectors.review_status(allocated)["flags"]


def test_one_current_classification(demo, submitted, instrument, allocated):
    sup, cm = demo.users["supervisor.a"], demo.users["casemanager.a"]
    first = services.classification_decide(
        actor=sup, classification=services.assessment_approve(actor=sup, assessment=submitted)
    )
    a = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument)
    a = services.assessment_save(
        actor=cm,
        assessment=a,
        ratings=rate_all(a, "low", "present"),
        overall="low",
        formulation="Much improved.",
    )
    a = services.assessment_submit(actor=cm, assessment=a)
    second = services.classification_decide(
        actor=sup, classification=services.assessment_approve(actor=sup, assessment=a)
    )
    assert Classification.objects.get(pk=first.pk).status == "superseded"
    assert second.security_level == "standard"


def test_challenge_lodged_and_decided(demo, submitted):
    sup = demo.users["supervisor.a"]
    decided = services.classification_decide(
        actor=sup, classification=services.assessment_approve(actor=sup, assessment=submitted)
    )
    challenge = services.challenge_lodge(
        actor=demo.users["casemanager.a"], classification=decided, grounds="I was never in the group."
    )
    with pytest.raises(ValidationError):
        services.challenge_decide(actor=sup, challenge=challenge, outcome="upheld", decision="")
    done = services.challenge_decide(
        actor=sup, challenge=challenge, outcome="upheld", decision="New evidence."
    )
    assert done.outcome == "upheld" and done.decided_at
    assert (
        selectors.review_status(decided.prisoner)["basis"] == "early"
    )  # an upheld challenge brings a review


def test_versioning_keeps_old_assessments_on_old_items(demo, submitted, instrument):
    services.assessment_approve(actor=demo.users["supervisor.a"], assessment=submitted)
    v1 = instrument.versions.get(number=1)
    with pytest.raises(DatabaseError, match="frozen"), transaction.atomic():
        Item.objects.filter(domain__version=v1).update(text={"en": "changed"})
    draft = services.version_new_draft(actor=None, version=v1)
    item = Item.objects.get(domain__version=draft, code="b1")
    item.text = {"en": "Endorses or excuses violence", "ru": "x", "tg": "y"}
    item.save()
    Item.objects.create(
        domain=Domain.objects.get(version=draft, code="beliefs"),
        order=3,
        code="b3",
        text={"en": "New item", "ru": "н", "tg": "н"},
    )
    services.version_publish(actor=None, version=draft)
    v1.refresh_from_db()
    assert v1.status == "retired" and draft.number == 2
    old = Assessment.objects.get(pk=submitted.pk)
    assert old.instrument_version == v1
    assert {r.item.text["en"] for r in old.ratings.all()} >= {"Endorses violence"}
    assert Item.objects.filter(domain__version=v1).count() == 4  # the old version is untouched


def test_load_is_repeatable_as_new_versions(db):
    v1 = services.instrument_load(actor=None, data=TEST_INSTRUMENT)
    v2 = services.instrument_load(actor=None, data=TEST_INSTRUMENT)
    assert (v1.number, v2.number) == (1, 2)
    v1.refresh_from_db()
    assert v1.status == "retired" and v2.status == "published"
