"""Each prohibited outcome is refused by the service, with its rule in the message (table-driven)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from discipline import services

pytestmark = pytest.mark.django_db

# (case, sanctions as (catalogue key, days), extra arguments, the rule the refusal names)
CASES = [
    ("solitary over 15 days", [("long_cell", 16)], {}, "Mandela Rules 43(1)(b), 44"),
    (
        "solitary over 15 days in two sanctions",
        [("cell", 10), ("cell", 10)],
        {},
        "Mandela Rules 43(1)(b), 44",
    ),
    ("indefinite solitary", [("cell", None)], {}, "Mandela Rule 43(1)(a)"),
    ("collective punishment", [("privileges", 5)], {"applies_to": "others"}, "Mandela Rule 43(1)(e)"),
    ("reduction of food or water", [("food", 3)], {}, "Mandela Rule 43(1)(d)"),
    ("corporal punishment", [("corporal", None)], {}, "Mandela Rule 43(1)(d)"),
    ("dark cell", [("dark", 1)], {}, "Mandela Rule 43(1)(c)"),
    ("family-contact ban", [("family", 10)], {}, "Mandela Rule 43(3)"),
    ("restraints as a sanction", [("restraints", 1)], {}, "Mandela Rule 43(2)"),
    ("pregnant woman confined", [("cell", 3)], {"woman": "pregnant"}, "Bangkok Rule 22"),
    ("woman with an infant confined", [("cell", 3)], {"woman": "infant"}, "Bangkok Rule 22"),
    ("breastfeeding mother confined", [("cell", 3)], {"woman": "breastfeeding"}, "Bangkok Rule 22"),
    ("child confined", [("cell", 3)], {"child": True}, "Mandela Rule 45(2), Havana Rule 67"),
    ("over the catalogue maximum", [("privileges", 31)], {}, "Mandela Rule 37(c)"),
]


@pytest.mark.parametrize("case,items,extra,rule", CASES, ids=[c[0] for c in CASES])
def test_prohibited_outcome_is_refused_with_its_rule(
    demo, catalogue, proved, man, woman, case, items, extra, rule
):
    prisoner = man
    kwargs = {}
    if "woman" in extra:
        prisoner = woman
        kwargs["mother_status"] = extra["woman"]
    if extra.get("child"):
        prisoner.date_of_birth = timezone.localdate() - dt.timedelta(days=16 * 365)
        prisoner.save(update_fields=["date_of_birth"])
    if extra.get("applies_to") == "others":
        kwargs["applies_to"] = [p.pk for p in demo.prisoners["A"][:3]]
    r = proved(prisoner=prisoner)
    sanctions = [{"kind": catalogue[key], "days": days} for key, days in items]
    with pytest.raises(ValidationError) as exc:
        services.sanctions_impose(actor=demo.users["supervisor.a"], report=r, sanctions=sanctions, **kwargs)
    assert rule in " ".join(exc.value.messages)
    assert not r.sanctions.exists()
    r.refresh_from_db()
    assert r.sanctioned_at is None


def test_pregnancy_recorded_at_intake_is_enough(demo, catalogue, proved, woman):
    from intake.models import Admission

    Admission.objects.create(
        facility=demo.facilities["A"],
        status="completed",
        prisoner=woman,
        created_by=demo.users["supervisor.a"],
        admitted_at=timezone.now(),
        initial_assessment_due=timezone.localdate(),
        family_name=woman.family_name,
        given_name=woman.given_name,
        pregnancy="yes",
    )
    r = proved(prisoner=woman)
    with pytest.raises(ValidationError, match="Bangkok Rule 22"):
        services.sanctions_impose(
            actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["cell"], "days": 2}]
        )


def test_the_same_offence_is_not_sanctioned_twice(demo, catalogue, proved, report, man):
    sup = demo.users["supervisor.a"]
    r = proved()
    services.sanctions_impose(actor=sup, report=r, sanctions=[{"kind": catalogue["caution"]}])
    with pytest.raises(ValidationError, match=r"Mandela Rule 39\(1\)"):
        services.sanctions_impose(
            actor=sup, report=r, sanctions=[{"kind": catalogue["privileges"], "days": 3}]
        )
    # A second report of the same act, heard again, cannot be sanctioned either.
    again = proved(occurred_at=r.occurred_at)
    with pytest.raises(ValidationError, match=r"Mandela Rule 39\(1\)"):
        services.sanctions_impose(actor=sup, report=again, sanctions=[{"kind": catalogue["caution"]}])
    assert again.sanctions.count() == 0


def test_no_sanction_without_a_proved_finding(demo, catalogue, report):
    r = services.report_hear(
        actor=demo.users["supervisor.a"],
        report=report(),
        account="",
        finding="not_proved",
        reasons="No witness.",
    )
    with pytest.raises(ValidationError, match=r"Mandela Rule 39\(1\)"):
        services.sanctions_impose(
            actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["caution"]}]
        )


def test_a_lawful_confinement_is_a_disciplinary_separation(demo, catalogue, proved):
    r = proved()
    services.sanctions_impose(
        actor=demo.users["supervisor.a"], report=r, sanctions=[{"kind": catalogue["cell"], "days": 15}]
    )
    sep = r.prisoner.separations.get()
    assert sep.kind == "disciplinary" and sep.sanction.report == r
    assert (sep.planned_end - timezone.localdate(sep.started_at)).days == 14


def test_a_disciplinary_separation_only_follows_a_hearing(demo, man):
    with pytest.raises(ValidationError, match=r"Mandela Rule 39\(1\)"):
        services.separation_start(
            actor=demo.users["supervisor.a"],
            prisoner=man,
            kind="disciplinary",
            legal_basis="Order 5",
            hours_out=1,
        )
