import datetime as dt

import pytest
from django.utils import timezone

from intake import services

ORDER = {
    "order_authority_kind": "court",
    "order_authority": "Суди ноҳияи Сино",
    "order_number": "1-245/2026",
    "order_date": dt.date(2026, 11, 20),
    "legal_basis": "м. 179 КҶ ҶТ",
    "reasons": "Ҳабс ҳамчун чораи пешгирӣ",
    "arrest_place": "Душанбе",
    "legal_status": "remand",
}
IDENTITY = {
    "family_name": "Шарипова",
    "given_name": "Нигина",
    "patronymic": "Саидовна",
    "date_of_birth": dt.date(1991, 4, 2),
    "sex": "female",
    "gender_identity": "woman",
    "nationality": "Тоҷик",
    "citizenships": ["TJ"],
    "languages": ["tg", "ru"],
}

# Told on admission, in Tajik, about everything a national is told (Mandela Rules 54-55).
INFORMATION = {
    "info_given_on": dt.date(2026, 11, 22),
    "info_language": "tg",
    "info_rules": True,
    "info_rights": True,
    "info_complaints": True,
    "info_legal_advice": True,
    "info_acknowledged": True,
}


def make_draft(demo, officer=None, unit_code="W1", identity=None, decision=None, **order):
    """A draft at facility A with every step an officer must fill, ready to complete."""
    officer = officer or demo.users["officer.a"]
    facility = demo.facilities["A"]
    admission = services.admission_start(actor=officer, facility=facility)
    data = {**ORDER, "arrested_at": timezone.now() - dt.timedelta(days=2), **order}
    admission = services.admission_save_step(actor=officer, admission=admission, step="order", data=data)
    admission = services.admission_save_step(
        actor=officer, admission=admission, step="identity", data={**IDENTITY, **(identity or {})}
    )
    admission = services.returning_choice(actor=officer, admission=admission, prisoner=decision)
    admission = services.admission_save_step(
        actor=officer, admission=admission, step="information", data=INFORMATION
    )
    unit = facility.units.get(code=unit_code)
    return services.admission_save_step(
        actor=officer, admission=admission, step="review", data={"unit": unit, "cell": unit.cells.first()}
    )


@pytest.fixture
def draft_factory(demo):
    return lambda **kwargs: make_draft(demo, **kwargs)
