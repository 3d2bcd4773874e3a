"""Writes of the legal record and the release plan: each audited in its transaction.

Every change of the legal record recalculates the expected release date (a new
``ReleaseCalculation`` row, so the history is kept) and brings the file's legal status
into line with the record (``legal_status_sync``), and may open the release plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from casemgmt.choices import LegalStatus
from casemgmt.models import Prisoner
from core import audit, grants, writes
from core.choices import AuditAction
from legal import calculation
from legal.choices import (
    DONE_STATUSES,
    AppealOutcome,
    CaseStatus,
    HearingOutcome,
    ItemStatus,
    Pathway,
    PlanStatus,
    Section,
    SentenceStatus,
)
from legal.models import (
    Appeal,
    Charge,
    HandoverSummary,
    Hearing,
    LegalCase,
    PlanItem,
    ReleaseCalculation,
    ReleasePlan,
    RemandPeriod,
    Sentence,
    SubjectAccessRequest,
)
from legal.querysets import LEGAL_WRITE, PLAN

if TYPE_CHECKING:
    from custody.models import Movement

CASE_FIELDS = ["case_number", "court", "opened_on", "lawyer_name", "lawyer_contact", "status"]
SENTENCE_FIELDS = [
    "case",
    "sentenced_on",
    "start_on",
    "court",
    "years",
    "months",
    "days",
    "regime",
    "consecutive_to",
    "status",
    "replaces",
]
EARLIEST = dt.date(1950, 1, 1)


def _plausible(**dates: dt.date | None) -> None:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    for name, value in dates.items():
        if value is None:
            continue
        if value < EARLIEST or value > today + dt.timedelta(days=366 * 2):
            errors[name] = _("This date is not plausible.")
    if errors:
        raise ValidationError(errors)


def _by(actor: Any) -> Any:
    return actor if actor is not None and actor.pk else None


# --- the legal record -------------------------------------------------------------------


@transaction.atomic
def case_create(
    *,
    actor: Any,
    prisoner: Prisoner,
    case_number: str,
    court: str,
    opened_on: dt.date | None = None,
    lawyer_name: str = "",
    lawyer_contact: str = "",
    charges: Iterable[tuple[str, str]] = (),
) -> LegalCase:
    """A criminal case with its charges (article, description) and the lawyer."""
    grants.require(actor, prisoner, LEGAL_WRITE)
    _plausible(opened_on=opened_on)
    if LegalCase.objects.filter(prisoner=prisoner, case_number=case_number.strip()).exists():
        raise ValidationError({"case_number": _("This case is already recorded on the file.")})
    case = LegalCase(
        prisoner=prisoner,
        case_number=case_number.strip(),
        court=court.strip(),
        opened_on=opened_on,
        lawyer_name=lawyer_name.strip(),
        lawyer_contact=lawyer_contact.strip(),
        created_by=_by(actor),
    )
    writes.create(actor, case, subject=case.prisoner_id, fields=CASE_FIELDS)
    for article, description in charges:
        charge_add(actor=actor, case=case, article=article, description=description)
    legal_status_sync(actor=actor, prisoner=prisoner)
    return case


@transaction.atomic
def case_update(*, actor: Any, case: LegalCase, **fields: Any) -> LegalCase:
    grants.require(actor, case.prisoner, LEGAL_WRITE)
    before = audit.snapshot(case, CASE_FIELDS)
    for name, value in fields.items():
        if name not in CASE_FIELDS or name == "case_number":
            raise ValidationError(_("Unknown field."))
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    _plausible(opened_on=case.opened_on)
    writes.update(actor, case, subject=case.prisoner_id, fields=CASE_FIELDS, before=before)
    legal_status_sync(actor=actor, prisoner=case.prisoner)
    recalculate(actor=actor, prisoner=case.prisoner, reason=noop("case changed"))
    return case


@transaction.atomic
def charge_add(*, actor: Any, case: LegalCase, article: str, description: str = "") -> Charge:
    grants.require(actor, case.prisoner, LEGAL_WRITE)
    if not article.strip():
        raise ValidationError({"article": _("Give the article of the criminal code.")})
    charge = Charge(
        prisoner_id=case.prisoner_id, case=case, article=article.strip(), description=description.strip()
    )
    return writes.create(actor, charge, subject=charge.prisoner_id, fields=["case", "article", "description"])


@transaction.atomic
def hearing_create(
    *, actor: Any, case: LegalCase, scheduled_at: dt.datetime, court: str = "", purpose: str = ""
) -> Hearing:
    grants.require(actor, case.prisoner, LEGAL_WRITE)
    _plausible(scheduled_at=timezone.localdate(scheduled_at) if scheduled_at else None)
    hearing = Hearing(
        prisoner_id=case.prisoner_id,
        case=case,
        scheduled_at=scheduled_at,
        court=(court or case.court).strip(),
        purpose=purpose.strip(),
        created_by=_by(actor),
    )
    return writes.create(
        actor, hearing, subject=hearing.prisoner_id, fields=["case", "scheduled_at", "court", "purpose"]
    )


@transaction.atomic
def hearing_outcome(*, actor: Any, hearing: Hearing, outcome: str, note: str = "") -> Hearing:
    grants.require(actor, hearing.prisoner, LEGAL_WRITE)
    if outcome not in HearingOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    before = audit.snapshot(hearing, ["outcome", "outcome_note"])
    hearing.outcome, hearing.outcome_note = outcome, note.strip()
    writes.update(
        actor, hearing, subject=hearing.prisoner_id, fields=["outcome", "outcome_note"], before=before
    )
    if outcome == HearingOutcome.ACQUITTED:
        case = hearing.case
        case.status = CaseStatus.CLOSED
        case.save(update_fields=["status"])
    legal_status_sync(actor=actor, prisoner=hearing.prisoner)
    return hearing


@transaction.atomic
def hearing_link_movement(*, actor: Any, hearing: Hearing, movement: Movement) -> Hearing:
    """The court trip (custody's movement to court) that took the person to this hearing."""
    grants.require(actor, hearing.prisoner, LEGAL_WRITE)
    if movement.prisoner_id != hearing.prisoner_id or movement.kind != "court":
        raise ValidationError({"movement": _("Choose a trip to court of this person.")})
    if Hearing.objects.filter(movement=movement).exclude(pk=hearing.pk).exists():
        raise ValidationError({"movement": _("This trip is already linked to another hearing.")})
    before = audit.snapshot(hearing, ["movement"])
    hearing.movement = movement
    return writes.update(actor, hearing, subject=hearing.prisoner_id, fields=["movement"], before=before)


@transaction.atomic
def remand_record(
    *, actor: Any, case: LegalCase, start_on: dt.date, end_on: dt.date | None = None
) -> RemandPeriod:
    grants.require(actor, case.prisoner, LEGAL_WRITE)
    _plausible(start_on=start_on, end_on=end_on)
    period = RemandPeriod(prisoner_id=case.prisoner_id, case=case, start_on=start_on, end_on=end_on)
    writes.create(actor, period, subject=period.prisoner_id, fields=["case", "start_on", "end_on"])
    recalculate(actor=actor, prisoner=case.prisoner, reason=noop("remand recorded"))
    return period


@transaction.atomic
def remand_end(*, actor: Any, period: RemandPeriod, end_on: dt.date) -> RemandPeriod:
    grants.require(actor, period.prisoner, LEGAL_WRITE)
    _plausible(end_on=end_on)
    before = audit.snapshot(period, ["end_on"])
    period.end_on = end_on
    writes.update(actor, period, subject=period.prisoner_id, fields=["end_on"], before=before)
    recalculate(actor=actor, prisoner=period.prisoner, reason=noop("remand ended"))
    return period


@transaction.atomic
def sentence_record(
    *,
    actor: Any,
    case: LegalCase,
    sentenced_on: dt.date,
    court: str = "",
    years: int = 0,
    months: int = 0,
    days: int = 0,
    regime: str = "general",
    consecutive_to: Sentence | None = None,
    start_on: dt.date | None = None,
    replaces: Sentence | None = None,
) -> Sentence:
    """A sentence passed; the release date is recalculated and the file becomes convicted."""
    grants.require(actor, case.prisoner, LEGAL_WRITE)
    _plausible(sentenced_on=sentenced_on, start_on=start_on)
    if consecutive_to is not None and (
        consecutive_to.prisoner_id != case.prisoner_id or consecutive_to.status != SentenceStatus.ACTIVE
    ):
        raise ValidationError({"consecutive_to": _("Choose a sentence in force of this person.")})
    sentence = Sentence(
        prisoner_id=case.prisoner_id,
        case=case,
        sentenced_on=sentenced_on,
        start_on=start_on,
        court=(court or case.court).strip(),
        years=years,
        months=months,
        days=days,
        regime=regime,
        consecutive_to=consecutive_to,
        replaces=replaces,
        created_by=_by(actor),
    )
    writes.create(actor, sentence, subject=sentence.prisoner_id, fields=SENTENCE_FIELDS)
    legal_status_sync(actor=actor, prisoner=case.prisoner)
    recalculate(actor=actor, prisoner=case.prisoner, reason=noop("sentence recorded"))
    return sentence


@transaction.atomic
def appeal_lodge(*, actor: Any, sentence: Sentence, lodged_on: dt.date, court: str) -> Appeal:
    grants.require(actor, sentence.prisoner, LEGAL_WRITE)
    _plausible(lodged_on=lodged_on)
    if not court.strip():
        raise ValidationError({"court": _("Name the court of appeal.")})
    appeal = Appeal(
        prisoner_id=sentence.prisoner_id, sentence=sentence, lodged_on=lodged_on, court=court.strip()
    )
    writes.create(
        actor, appeal, subject=appeal.prisoner_id, fields=["sentence", "lodged_on", "court", "outcome"]
    )
    legal_status_sync(actor=actor, prisoner=sentence.prisoner)
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    appeal: Appeal,
    outcome: str,
    decided_on: dt.date,
    years: int = 0,
    months: int = 0,
    days: int = 0,
    regime: str | None = None,
) -> Appeal:
    """Upheld: nothing changes. Varied: a new sentence replaces the old one (same start).
    Quashed: the sentence is no longer in force. Each recalculates the release date."""
    grants.require(actor, appeal.prisoner, LEGAL_WRITE)
    _plausible(decided_on=decided_on)
    locked: Appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.outcome != AppealOutcome.PENDING:
        raise ValidationError(_("This appeal is already decided."))
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.VARIED, AppealOutcome.QUASHED):
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if decided_on < locked.lodged_on:
        raise ValidationError({"decided_on": _("The decision cannot be before the appeal.")})
    old = Sentence.objects.select_for_update().get(pk=locked.sentence_id)
    locked.outcome, locked.decided_on = outcome, decided_on
    if outcome == AppealOutcome.VARIED:
        old.status = SentenceStatus.REPLACED
        old.save(update_fields=["status"])
        new = Sentence(
            prisoner_id=old.prisoner_id,
            case=old.case,
            sentenced_on=old.sentenced_on,
            start_on=old.start_on,
            court=locked.court,
            years=years,
            months=months,
            days=days,
            regime=regime or old.regime,
            consecutive_to=old.consecutive_to,
            replaces=old,
            created_by=_by(actor),
        )
        writes.create(
            actor, new, subject=new.prisoner_id, fields=SENTENCE_FIELDS, reason="appeal varied the sentence"
        )
        Sentence.objects.filter(consecutive_to=old, status=SentenceStatus.ACTIVE).update(consecutive_to=new)
        locked.new_sentence = new
    elif outcome == AppealOutcome.QUASHED:
        old.status = SentenceStatus.QUASHED
        old.save(update_fields=["status"])
    writes.update(actor, locked, subject=locked.prisoner_id, fields=["outcome", "decided_on", "new_sentence"])
    legal_status_sync(actor=actor, prisoner=appeal.prisoner)
    recalculate(
        actor=actor,
        prisoner=appeal.prisoner,
        reason={
            "upheld": noop("appeal upheld"),
            "varied": noop("appeal varied"),
            "quashed": noop("appeal quashed"),
        }[outcome],
    )
    return locked


# --- the calculation and the status ------------------------------------------------------


def terms_of(prisoner_id: int) -> list[calculation.Term]:
    sentences = list(Sentence.objects.filter(prisoner_id=prisoner_id, status=SentenceStatus.ACTIVE))
    remands: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for r in RemandPeriod.objects.filter(prisoner_id=prisoner_id):
        remands.setdefault(r.case_id, []).append((r.start_on, r.end_on))
    credited = set()
    terms = []
    for s in sentences:
        start = s.start_on or s.sentenced_on
        # A case's remand is credited once, to its first sentence in force.
        days = 0
        if s.case_id not in credited:
            days = calculation.remand_days(remands.get(s.case_id, []), start)
            credited.add(s.case_id)
        terms.append(
            calculation.Term(
                key=s.pk,
                start=start,
                years=s.years,
                months=s.months,
                days=s.days,
                regime=s.regime,
                consecutive_to=s.consecutive_to_id,
                remand_days=days,
            )
        )
    return terms


def current_calculation(prisoner_id: int) -> ReleaseCalculation | None:
    return ReleaseCalculation.objects.filter(prisoner_id=prisoner_id).order_by("-computed_at", "-id").first()


@transaction.atomic
def recalculate(*, actor: Any, prisoner: Prisoner, reason: str) -> ReleaseCalculation:
    """Calculate the expected release date again; a new row keeps the history. Opens the
    release plan when the date falls within ``LEGAL_PLAN_OPEN_MONTHS``."""
    result = calculation.compute(terms_of(prisoner.pk))
    early = {k: v.isoformat() for k, v in result.early.items()}
    previous = current_calculation(prisoner.pk)
    calc = ReleaseCalculation.objects.create(
        prisoner_id=prisoner.pk,
        release_on=result.release_on,
        early_release=early,
        credit_days=result.credit_days,
        steps=[list(s) for s in result.steps],
        reason=reason[:200],
        computed_by=_by(actor),
    )
    before = {"release_on": previous.release_on, "early_release": previous.early_release} if previous else {}
    audit.record(
        actor,
        AuditAction.CREATE if previous is None else AuditAction.UPDATE,
        calc,
        subject=prisoner.pk,
        before=before,
        after={"release_on": calc.release_on, "early_release": early, "credit_days": calc.credit_days},
        reason=reason,
    )
    plan = ReleasePlan.objects.filter(prisoner_id=prisoner.pk).exclude(status=PlanStatus.CLOSED).first()
    if plan is not None and plan.expected_release != calc.release_on:
        plan.expected_release = calc.release_on
        plan.save(update_fields=["expected_release", "updated_at"])
    elif plan is None and plan_due(calc.release_on):
        plan_open(actor=None, prisoner=prisoner, automatic=True)
    return calc


def expected_status(prisoner_id: int) -> str | None:
    """What the record says the legal status is (None: the record says nothing)."""
    active = Sentence.objects.filter(prisoner_id=prisoner_id, status=SentenceStatus.ACTIVE)
    if active.exists():
        if Appeal.objects.filter(sentence__in=active, outcome=AppealOutcome.PENDING).exists():
            return LegalStatus.APPEAL
        return LegalStatus.CONVICTED
    if LegalCase.objects.filter(prisoner_id=prisoner_id, status=CaseStatus.OPEN).exists():
        return LegalStatus.REMAND
    return None


@transaction.atomic
def legal_status_sync(*, actor: Any, prisoner: Prisoner) -> str:
    """The file's legal status follows the record (remand -> convicted -> under appeal):
    written here, audited, never by hand."""
    locked: Prisoner = Prisoner.objects.select_for_update(of=("self",)).get(pk=prisoner.pk)
    status = expected_status(locked.pk)
    if status is None or status == locked.legal_status:
        return locked.legal_status
    before = locked.legal_status
    locked.legal_status = status
    locked.version += 1
    locked.save(update_fields=["legal_status", "version", "updated_at"])
    prisoner.legal_status = status
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked,
        before={"legal_status": before},
        after={"legal_status": status},
        reason="the legal record changed",
    )
    return status


# --- the release and reintegration plan --------------------------------------------------


def plan_due(release_on: dt.date | None, today: dt.date | None = None) -> bool:
    if release_on is None:
        return False
    today = today or timezone.localdate()
    opens: dt.date = release_on - relativedelta(months=settings.LEGAL_PLAN_OPEN_MONTHS)
    return opens <= today <= release_on


@transaction.atomic
def plan_open(*, actor: Any, prisoner: Prisoner, automatic: bool = False, summary: str = "") -> ReleasePlan:
    if not automatic:
        grants.require(actor, prisoner, PLAN)
    Prisoner.objects.select_for_update(of=("self",)).get(pk=prisoner.pk)
    existing: ReleasePlan | None = (
        ReleasePlan.objects.filter(prisoner_id=prisoner.pk).exclude(status=PlanStatus.CLOSED).first()
    )
    if existing is not None:
        if automatic:
            return existing
        raise ValidationError(_("A release plan is already open."))
    calc = current_calculation(prisoner.pk)
    plan = ReleasePlan(
        prisoner_id=prisoner.pk,
        opened_on=timezone.localdate(),
        opened_automatically=automatic,
        expected_release=calc.release_on if calc else None,
        summary=summary,
    )
    return writes.create(
        actor,
        plan,
        subject=plan.prisoner_id,
        fields=["status", "opened_on", "opened_automatically", "expected_release", "summary"],
    )


def plans_open_due(today: dt.date | None = None) -> int:
    """Open the plans of everyone whose expected release comes within the window (a daily
    task: the window moves with time, not only with changes of the record)."""
    today = today or timezone.localdate()
    horizon = today + relativedelta(months=settings.LEGAL_PLAN_OPEN_MONTHS)
    opened = 0
    for prisoner_id in _current_releases(today, horizon):
        if not ReleasePlan.objects.filter(prisoner_id=prisoner_id).exclude(status=PlanStatus.CLOSED).exists():
            plan_open(actor=None, prisoner=Prisoner.objects.get(pk=prisoner_id), automatic=True)
            opened += 1
    return opened


def _current_releases(start: dt.date, end: dt.date) -> list[int]:
    """The files in custody whose current calculation gives a release date in [start, end]."""
    latest = ReleaseCalculation.objects.filter(prisoner_id=OuterRef("pk")).order_by("-computed_at", "-id")
    return list(
        Prisoner.objects.filter(custody_status__in=["in_custody", "temporarily_out"])
        .annotate(release_on=Subquery(latest.values("release_on")[:1]))
        .filter(release_on__gte=start, release_on__lte=end)
        .values_list("pk", flat=True)
    )


ITEM_FIELDS = ["pathway", "need", "action", "owner", "due_on", "status"]


@transaction.atomic
def plan_item_add(
    *,
    actor: Any,
    plan: ReleasePlan,
    pathway: str,
    need: str = "",
    action: str = "",
    owner: str = "",
    due_on: dt.date | None = None,
) -> PlanItem:
    grants.require(actor, plan.prisoner, PLAN)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("The plan is closed."))
    if pathway not in Pathway.values:
        raise ValidationError({"pathway": _("Choose the pathway.")})
    _plausible(due_on=due_on)
    item = PlanItem(
        prisoner_id=plan.prisoner_id,
        plan=plan,
        pathway=pathway,
        need=need.strip(),
        action=action.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )
    return writes.create(actor, item, subject=item.prisoner_id, fields=ITEM_FIELDS)


@transaction.atomic
def plan_item_update(*, actor: Any, item: PlanItem, **fields: Any) -> PlanItem:
    grants.require(actor, item.prisoner, PLAN)
    before = audit.snapshot(item, ITEM_FIELDS)
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise ValidationError(_("Unknown field."))
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if item.status not in ItemStatus.values:
        raise ValidationError({"status": _("Choose the status.")})
    _plausible(due_on=item.due_on)
    return writes.update(actor, item, subject=item.prisoner_id, fields=ITEM_FIELDS, before=before)


@transaction.atomic
def plan_set_status(*, actor: Any, plan: ReleasePlan, status: str) -> ReleasePlan:
    """Ready for release only when every action is done or not needed."""
    grants.require(actor, plan.prisoner, PLAN)
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("Choose the status.")})
    if status == PlanStatus.READY and plan.items.exclude(status__in=DONE_STATUSES).exists():
        raise ValidationError(_("Some actions of the plan are not done yet."))
    before = audit.snapshot(plan, ["status"])
    plan.status = status
    return writes.update(actor, plan, subject=plan.prisoner_id, fields=["status"], before=before)


# --- handover summary and the prisoner's copy -------------------------------------------


@transaction.atomic
def handover_create(
    *, actor: Any, prisoner: Prisoner, agency: str, recipient: str, sections: Iterable[str], reason: str
) -> HandoverSummary:
    """A summary for the receiving agency: recorded and audited as an export."""
    grants.require(actor, prisoner, PLAN)
    sections = [s for s in Section.values if s in set(sections)]
    errors = {}
    if not sections:
        errors["sections"] = _("Choose at least one section.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the handover.")
    if errors:
        raise ValidationError(errors)
    summary = HandoverSummary(
        prisoner_id=prisoner.pk,
        agency=agency,
        recipient=recipient.strip(),
        sections=sections,
        reason=reason.strip(),
        created_by=_by(actor),
    )
    summary.full_clean()
    summary.save()
    audit.record(
        actor,
        AuditAction.EXPORT,
        summary,
        subject=prisoner.pk,
        after={"agency": agency, "recipient": summary.recipient, "sections": sections},
        reason=summary.reason,
    )
    return summary


@transaction.atomic
def copy_request(
    *,
    actor: Any,
    prisoner: Prisoner,
    requested_on: dt.date | None = None,
    at_release: bool = False,
    note: str = "",
) -> SubjectAccessRequest:
    grants.require(actor, prisoner, PLAN)
    requested_on = requested_on or timezone.localdate()
    _plausible(requested_on=requested_on)
    req = SubjectAccessRequest(
        prisoner_id=prisoner.pk,
        requested_on=requested_on,
        at_release=at_release,
        note=note.strip(),
        created_by=_by(actor),
    )
    return writes.create(actor, req, subject=req.prisoner_id, fields=["requested_on", "at_release", "note"])


@transaction.atomic
def copy_deliver(
    *, actor: Any, request: SubjectAccessRequest, delivered_on: dt.date | None = None
) -> SubjectAccessRequest:
    """The copy was given to the person: recorded and audited as an export."""
    grants.require(actor, request.prisoner, PLAN)
    locked: SubjectAccessRequest = SubjectAccessRequest.objects.select_for_update().get(pk=request.pk)
    if locked.delivered_on is not None:
        raise ValidationError(_("This copy was already delivered."))
    locked.delivered_on = delivered_on or timezone.localdate()
    _plausible(delivered_on=locked.delivered_on)
    if locked.delivered_on < locked.requested_on:
        raise ValidationError({"delivered_on": _("The delivery cannot be before the request.")})
    locked.delivered_by = _by(actor)
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.EXPORT,
        locked,
        subject=locked.prisoner_id,
        after={"delivered_on": locked.delivered_on},
        reason="prisoner's copy (Rule 9)",
    )
    return locked
