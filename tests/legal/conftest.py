import datetime as dt

import pytest
from django.utils import timezone

from legal import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def case(demo):
    """A criminal case of a facility-A prisoner on the case manager's caseload."""
    return services.case_create(
        actor=demo.users["officer.a"],
        prisoner=demo.prisoners["A"][0],
        case_number="1-123/2026",
        court="Суди ноҳияи Сино",
        opened_on=timezone.localdate() - dt.timedelta(days=400),
        lawyer_name="Адвокат Раҳимов",
        lawyer_contact="+992 90 000 0000",
        charges=[("ст. 186", "Theft")],
    )


@pytest.fixture
def kinds(db):
    """The document kinds (made by a migration; back after a flushed database)."""
    from documents.apps import ensure_kinds
    from documents.models import DocumentKind

    ensure_kinds()
    return {k.code: k for k in DocumentKind.objects.all()}
