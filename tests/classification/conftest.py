import pytest

from classification import services

T = lambda en: {"en": en, "ru": en + " (ru)", "tg": en + " (tg)"}  # noqa: E731

TEST_INSTRUMENT = {
    "code": "test-vej",
    "purpose": "extremism",
    "name": T("Test instrument"),
    "rules": [
        {"judgement": "low", "sex": "any", "security_level": "standard", "regime": "general"},
        {"judgement": "moderate", "sex": "any", "security_level": "enhanced", "regime": "supervised"},
        {"judgement": "high", "sex": "any", "security_level": "high", "regime": "separated"},
        {"judgement": "high", "sex": "female", "security_level": "high", "regime": "supervised"},
    ],
    "domains": [
        {
            "code": "beliefs",
            "name": T("Beliefs"),
            "items": [
                {"code": "b1", "text": T("Endorses violence"), "scale": "lmh"},
                {"code": "b2", "text": T("Rejects other views"), "scale": "lmh"},
            ],
        },
        {
            "code": "protective",
            "name": T("Protective factors"),
            "is_protective": True,
            "items": [
                {"code": "p1", "text": T("Family support"), "scale": "pa", "factor": "protective"},
                {
                    "code": "p2",
                    "text": T("Caring for children"),
                    "scale": "pa",
                    "factor": "protective",
                    "applies_to": "women",
                },
            ],
        },
    ],
}


@pytest.fixture
def instrument(db):
    return services.instrument_load(actor=None, data=TEST_INSTRUMENT).instrument


@pytest.fixture
def allocated(demo):
    """A facility-A man allocated to casemanager.a (the demo allocates the first 15 of A)."""
    return next(p for p in demo.prisoners["A"] if p.sex == "male")


@pytest.fixture
def woman(demo):
    return next(p for p in demo.prisoners["A"] if p.sex == "female")


def rate_all(assessment, value_lmh="moderate", value_pa="present"):
    from classification.selectors import assessment_form_rows

    ratings = {}
    for _domain, items in assessment_form_rows(assessment):
        for item, _rating in items:
            ratings[item.pk] = {
                "value": value_lmh if item.scale == "lmh" else value_pa,
                "rationale": "seen in interviews",
                "evidence": "file notes",
            }
    return ratings


@pytest.fixture
def submitted(demo, instrument, allocated):
    cm = demo.users["casemanager.a"]
    a = services.assessment_start(actor=cm, prisoner=allocated, instrument=instrument, kind="initial")
    a = services.assessment_save(
        actor=cm,
        assessment=a,
        ratings=rate_all(a),
        overall="high",
        formulation="Committed to the group; some family support.",
        prisoner_account="Says he has left the group.",
    )
    return services.assessment_submit(actor=cm, assessment=a)
