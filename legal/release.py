"""The legal app's release checks (registered with ``custody.release_checks``).

- The legal basis: for a person with a legal record, the sentence is served by the day of
  release, or a court ordered the release (a hearing whose outcome is acquittal or release)
  and its order is on the file as a document. Without it the release is refused.
- The release plan: a person serving a sentence leaves with a plan ready for release;
  otherwise a warning a supervisor may proceed past with a reason.

A file with no legal record (recorded before this app, or a civil detention) is not checked.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from custody import release_checks
from custody.release_checks import Finding
from documents.models import Document, RecordType
from legal.choices import RELEASING_OUTCOMES, PlanStatus, SentenceStatus
from legal.models import Hearing, LegalCase, ReleasePlan, Sentence
from legal.services import current_calculation


def legal_basis(prisoner, occurred_at) -> list[Finding]:
    if not LegalCase.objects.filter(prisoner_id=prisoner.pk).exists():
        return []
    day = timezone.localdate(occurred_at)
    calc = current_calculation(prisoner.pk)
    if calc is not None and calc.release_on is not None and calc.release_on <= day:
        return []
    orders = Hearing.objects.filter(prisoner_id=prisoner.pk, outcome__in=RELEASING_OUTCOMES).values_list(
        "pk", flat=True
    )
    if Document.objects.filter(
        prisoner_id=prisoner.pk, record_type=RecordType.HEARING, record_id__in=list(orders)
    ).exists():
        return []
    return [
        Finding(
            "legal_basis",
            _(
                "No legal basis for release is recorded: the sentence is not served and no court order to "
                "release is on the file with its document."
            ),
            overridable=False,
        )
    ]


def plan_state(prisoner, occurred_at) -> list[Finding]:
    if not Sentence.objects.filter(prisoner_id=prisoner.pk, status=SentenceStatus.ACTIVE).exists():
        return []
    plan = ReleasePlan.objects.filter(prisoner_id=prisoner.pk).exclude(status=PlanStatus.CLOSED).first()
    if plan is None:
        return [Finding("plan_missing", _("There is no release and reintegration plan."))]
    if plan.status != PlanStatus.READY:
        done, total = plan.progress()
        return [
            Finding(
                "plan_not_ready",
                _("The release plan is not ready (%(done)s of %(total)s actions done).")
                % {"done": done, "total": total},
            )
        ]
    return []


def register() -> None:
    release_checks.register("legal_basis", legal_basis)
    release_checks.register("release_plan", plan_state)
