"""One review-due rule (``classification.due``): the database expression and its Python twin
agree on every demo prisoner, and the caseload, the risk tab, the reminder sweep and the
reports show the same date."""

import datetime as dt

import pytest
from django.utils import timezone

from casemgmt.models import Prisoner
from casework.selectors import caseload
from classification import due, selectors, services
from classification.tabs import risk_context
from notifications import services as reminders
from reports import criteria
from tests.intake.conftest import make_draft

pytestmark = pytest.mark.django_db


def test_caseload_risk_tab_reminders_and_reports_agree_on_every_demo_prisoner(demo):
    from intake import services as intake

    # Every basis of the rule is present: an admission through intake, a flag, the demo's
    # classifications (where it has them) and files opened without an intake.
    admitted = intake.admission_complete(actor=demo.users["officer.a"], admission=make_draft(demo)).prisoner
    flagged = demo.prisoners["A"][1]
    services.review_flag_raise(
        actor=demo.users["supervisor.a"], prisoner=flagged, trigger="incident", note="x"
    )
    supervisor = demo.users["supervisor.a"]
    today = timezone.localdate()
    everyone = Prisoner.objects.all()
    expressed = dict(everyone.annotate(due=due.review_due_expr()).values_list("pk", "due"))
    assert len(expressed) >= 13
    bases = set()
    for prisoner in everyone:
        twin, basis = due.review_due_for(prisoner)
        bases.add(basis)
        assert expressed[prisoner.pk] == twin, prisoner.prison_number
        # The risk tab (its context, as the supervisor of A or B reads it).
        tab = selectors.review_status(prisoner)
        assert tab["due"] == twin
    assert {"initial", "early"} <= bases
    assert due.review_due_for(flagged) == (today, "early")
    assert expressed[admitted.pk] == today + dt.timedelta(days=14)
    # The caseload of the demo case manager.
    manager = demo.users["casemanager.a"]
    rows = list(caseload(user=manager, case_manager=manager))
    assert rows
    for row in rows:
        assert row.review_due == expressed[row.pk], row.prison_number
    # The reminder sweep: every file in custody due within the lead time, with the same date.
    swept = {row["pk"]: row["due"] for row in reminders._review_rows(today, 0, 10_000)}
    horizon = today + dt.timedelta(days=14)
    in_custody = everyone.filter(custody_status="in_custody")
    assert swept == {p.pk: expressed[p.pk] for p in in_custody if expressed[p.pk] <= horizon}
    # The reports: the due-and-overdue lists and the dashboard take the same dates.
    upcoming = set(criteria.filter_review(everyone, supervisor, "due", today).values_list("pk", flat=True))
    overdue = set(criteria.filter_review(everyone, supervisor, "overdue", today).values_list("pk", flat=True))
    readable = set(Prisoner.objects.restrict(supervisor, "view_risk").values_list("pk", flat=True))
    assert upcoming == {pk for pk in readable if today <= expressed[pk] <= horizon}
    assert overdue == {pk for pk in readable if expressed[pk] < today}
    assert flagged.pk in upcoming
    # The risk tab as rendered from its context.
    context = risk_context(flagged, supervisor, frozenset({"view_risk"}))
    assert context["due"]["due"] == today and context["due"]["basis"] == "early"
