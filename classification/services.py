"""Writes of classification: instruments, assessments, decisions, challenges, early reviews."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Collection
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.models import Prisoner
from casemgmt.permissions import Capability
from classification import listeners
from classification.choices import (
    SCALE_VALUES,
    AssessmentKind,
    AssessmentStatus,
    ChallengeOutcome,
    ClassificationStatus,
    SexRule,
    VersionStatus,
)
from classification.models import (
    Assessment,
    Challenge,
    Classification,
    ClassificationRule,
    Domain,
    Instrument,
    InstrumentVersion,
    Item,
    KeepApart,
    Rating,
    ReviewFlag,
    ReviewPolicy,
)
from core import audit, grants, writes
from core.choices import AuditAction
from core.i18n import tr

DEFAULT_REVIEW_MONTHS = {"high": 3, "enhanced": 6, "standard": 12}


# --- instruments -------------------------------------------------------------------


@transaction.atomic
def instrument_load(*, actor: Any, data: dict[str, Any], publish: bool = True) -> InstrumentVersion:
    """Create an instrument (or a new version of it) from a plain description
    (see classification/demo_instruments.py for the shape)."""
    instrument, _created = Instrument.objects.get_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "purpose": data["purpose"],
            "description": data.get("description", {}),
        },
    )
    number = (instrument.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = InstrumentVersion.objects.create(
        instrument=instrument, number=number, notes=data.get("notes", "")
    )
    for d_order, d in enumerate(data["domains"], start=1):
        domain = Domain(
            version=version,
            order=d_order,
            code=d["code"],
            name=d["name"],
            guidance=d.get("guidance", {}),
            is_protective=d.get("is_protective", False),
        )
        domain.full_clean()
        domain.save()
        for i_order, i in enumerate(d["items"], start=1):
            item = Item(
                domain=domain,
                order=i_order,
                code=i["code"],
                text=i["text"],
                guidance=i.get("guidance", {}),
                scale=i.get("scale", "lmh"),
                factor=i.get("factor", "risk"),
                applies_to=i.get("applies_to", "all"),
            )
            item.full_clean()
            item.save()
    for rule in data.get("rules", []):
        ClassificationRule.objects.update_or_create(
            instrument=instrument,
            judgement=rule["judgement"],
            sex=rule.get("sex", "any"),
            defaults={
                "security_level": rule["security_level"],
                "regime": rule["regime"],
                "note": rule.get("note", {}),
            },
        )
    audit.record(actor, AuditAction.CREATE, version, after={"instrument": instrument.code, "version": number})
    if publish:
        version = version_publish(actor=actor, version=version)
    return version


@transaction.atomic
def version_new_draft(*, actor: Any, version: InstrumentVersion) -> InstrumentVersion:
    """Editing a published instrument starts here: a draft copy with the next number."""
    # the latest version of the instrument (``version`` is one of them)
    latest = cast(InstrumentVersion, version.instrument.versions.order_by("-number").first())
    number = latest.number + 1
    draft = InstrumentVersion.objects.create(instrument=version.instrument, number=number)
    for domain in version.domains.prefetch_related("items"):
        items = list(domain.items.all())
        domain.pk, domain.version = None, draft
        domain.save()
        for item in items:
            item.pk, item.domain = None, domain
            item.save()
    audit.record(actor, AuditAction.CREATE, draft, after={"from_version": version.number})
    return draft


@transaction.atomic
def version_publish(*, actor: Any, version: InstrumentVersion) -> InstrumentVersion:
    """Freeze a draft; the previously published version retires (old assessments keep it)."""
    locked = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft version can be published."))
    if not Item.objects.filter(domain__version=locked).exists():
        raise ValidationError(_("An instrument needs at least one item before it is published."))
    InstrumentVersion.objects.filter(instrument=locked.instrument, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED
    )
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor if actor and actor.pk else None
    locked.save()
    audit.record(actor, AuditAction.UPDATE, locked, after={"status": "published"})
    return locked


# --- assessments ---------------------------------------------------------------------


def _items_for(version: InstrumentVersion, prisoner: Prisoner) -> list[Item]:
    items = (
        Item.objects.filter(domain__version=version)
        .select_related("domain")
        .order_by("domain__order", "order")
    )
    return [i for i in items if i.applies(prisoner.sex)]


@transaction.atomic
def assessment_start(
    *,
    actor: Any,
    prisoner: Prisoner,
    instrument: Instrument,
    kind: str = AssessmentKind.PERIODIC,
    corrects: Assessment | None = None,
) -> Assessment:
    grants.require(actor, prisoner, Capability.ASSESS_RISK)
    version = instrument.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise ValidationError(_("This instrument has no published version."))
    if corrects is not None:
        if corrects.status != AssessmentStatus.APPROVED or corrects.prisoner_id != prisoner.pk:
            raise ValidationError(_("Only an approved assessment of this prisoner can be corrected."))
        kind = AssessmentKind.CORRECTION
        version = corrects.instrument_version
    assessment = Assessment(
        prisoner=prisoner, instrument_version=version, kind=kind, corrects=corrects, assessor=actor
    )
    writes.create(
        actor,
        assessment,
        subject=prisoner,
        after={"instrument": version.instrument.code, "version": version.number, "kind": kind},
    )
    return assessment


def _locked_editable(actor: Any, assessment: Assessment, expected_version: int | None) -> Assessment:
    grants.require(actor, assessment.prisoner, Capability.ASSESS_RISK)
    locked: Assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_editable:
        raise ValidationError(_("This assessment can no longer be changed."), code="immutable")
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _(
                "Someone else saved this assessment while you were editing it. Reload it to see their changes."
            ),
            code="conflict",
        )
    return locked


@transaction.atomic
def assessment_save(
    *,
    actor: Any,
    assessment: Assessment,
    ratings: dict[int, dict[str, Any]] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Assessment:
    """Save ratings ({item_id: {"value", "rationale", "evidence"}}) and the narrative fields of a draft."""
    locked = _locked_editable(actor, assessment, expected_version)
    allowed = {"overall", "formulation", "prisoner_account", "sources"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not assessment fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(locked, key, value)
    errors: dict[str, list[str]] = {}
    if ratings:
        items = {i.pk: i for i in _items_for(locked.instrument_version, locked.prisoner)}
        for item_id, data in ratings.items():
            item = items.get(int(item_id))
            if item is None:
                errors.setdefault("ratings", []).append(
                    _("An item that is not part of this assessment was rated.")
                )
                continue
            value = data.get("value", "")
            if not value:
                Rating.objects.filter(assessment=locked, item=item).delete()
                continue
            if value not in dict(SCALE_VALUES[item.scale]):
                errors.setdefault(f"item-{item.pk}", []).append(_("Choose one of the ratings offered."))
                continue
            texts = {"rationale": data.get("rationale", ""), "evidence": data.get("evidence", "")}
            try:  # the limits of the free texts (a rating is saved without full_clean)
                Rating(**texts).clean_fields(exclude=_other_fields(Rating, texts))
            except ValidationError as exc:
                errors.setdefault(f"item-{item.pk}", []).extend(exc.messages)
                continue
            Rating.objects.update_or_create(assessment=locked, item=item, defaults={"value": value, **texts})
    try:
        locked.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    locked.version += 1
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        after={"ratings": len(ratings or {}), "fields": sorted(fields)},
    )
    return locked


def _other_fields(model: type[Model], names: Collection[str]) -> list[str]:
    return [f.name for f in model._meta.fields if f.name not in names]


def submission_errors(assessment: Assessment) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    rated = {r.item_id: r for r in assessment.ratings.all()}
    for item in _items_for(assessment.instrument_version, assessment.prisoner):
        rating = rated.get(item.pk)
        if rating is None:
            errors.setdefault(f"item-{item.pk}", []).append(_("Rate this item (or choose 'not known')."))
        elif rating.value not in ("unknown",) and not rating.rationale.strip():
            errors.setdefault(f"item-{item.pk}", []).append(_("Give the rationale for this rating."))
    if not assessment.overall:
        errors.setdefault("overall", []).append(_("Give the overall judgement."))
    if not assessment.formulation.strip():
        errors.setdefault("formulation", []).append(_("Write the formulation."))
    return errors


@transaction.atomic
def assessment_submit(
    *, actor: Any, assessment: Assessment, expected_version: int | None = None
) -> Assessment:
    locked = _locked_editable(actor, assessment, expected_version)
    errors = submission_errors(locked)
    if errors:
        raise ValidationError(errors)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save()
    audit.record(actor, AuditAction.UPDATE, locked, subject=locked.prisoner, after={"status": "submitted"})
    return locked


def _locked_submitted(assessment: Assessment, actor: Any) -> Assessment:
    grants.require(actor, assessment.prisoner, Capability.APPROVE_RISK)
    locked: Assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be approved or returned."))
    if locked.assessor_id == actor.pk:
        raise ValidationError(_("An assessor cannot approve their own assessment."))
    return locked


@transaction.atomic
def assessment_approve(*, actor: Any, assessment: Assessment) -> Classification:
    """Approve: the assessment becomes immutable, open early-review flags are cleared,
    and a classification is proposed from the configured rules."""
    locked = _locked_submitted(assessment, actor)
    locked.status = AssessmentStatus.APPROVED
    locked.approved_at = timezone.now()
    locked.approved_by = actor
    locked.version += 1
    locked.save()
    ReviewFlag.objects.filter(prisoner=locked.prisoner, cleared_by__isnull=True).update(cleared_by=locked)
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        after={"status": "approved", "overall": locked.overall},
    )
    level, regime = suggest(locked)
    Classification.objects.filter(prisoner=locked.prisoner, status=ClassificationStatus.PROPOSED).update(
        status=ClassificationStatus.SUPERSEDED
    )
    proposal = Classification.objects.create(
        prisoner=locked.prisoner, assessment=locked, suggested_level=level, suggested_regime=regime
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        proposal,
        subject=locked.prisoner,
        after={"suggested_level": level, "suggested_regime": regime},
    )
    return proposal


@transaction.atomic
def assessment_return(*, actor: Any, assessment: Assessment, comments: str) -> Assessment:
    if not comments.strip():
        raise ValidationError({"return_comments": [_("Say what needs to change.")]})
    locked = _locked_submitted(assessment, actor)
    locked.status = AssessmentStatus.RETURNED
    locked.return_comments = comments
    locked.clean_fields(exclude=_other_fields(Assessment, ["return_comments"]))
    locked.version += 1
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        after={"status": "returned"},
        reason=comments,
    )
    return locked


# --- classification --------------------------------------------------------------------


def suggest(assessment: Assessment) -> tuple[str, str]:
    """The configured rule for this instrument, judgement and sex (a sex-specific rule wins)."""
    rules = ClassificationRule.objects.filter(
        instrument=assessment.instrument_version.instrument,
        judgement=assessment.overall,
        sex__in=[SexRule.ANY, assessment.prisoner.sex],
    )
    best = sorted(rules, key=lambda r: r.sex == SexRule.ANY)
    if not best:
        fallback = {
            "low": ("standard", "general"),
            "moderate": ("enhanced", "supervised"),
            "high": ("high", "separated"),
        }
        return fallback[assessment.overall]
    return best[0].security_level, best[0].regime


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def next_review(level: str, decided: dt.date) -> dt.date:
    months = (
        ReviewPolicy.objects.filter(security_level=level).values_list("months", flat=True).first()
        or DEFAULT_REVIEW_MONTHS[level]
    )
    return add_months(decided, months)


@transaction.atomic
def classification_decide(
    *,
    actor: Any,
    classification: Classification,
    security_level: str | None = None,
    regime: str | None = None,
    override_reason: str = "",
    hold_apart_from_vulnerable: bool = False,
    placement: str = "none",
    notes: str = "",
) -> Classification:
    """Approve the suggestion, or override it (a different level or regime) with a reason."""
    grants.require(actor, classification.prisoner, Capability.APPROVE_RISK)
    locked: Classification = Classification.objects.select_for_update().get(pk=classification.pk)
    if locked.status != ClassificationStatus.PROPOSED:
        raise ValidationError(_("This classification has already been decided."))
    locked.security_level = security_level or locked.suggested_level
    locked.regime = regime or locked.suggested_regime
    if locked.is_override and not override_reason.strip():
        raise ValidationError(
            {"override_reason": [_("An override of the suggested level or regime needs a reason.")]}
        )
    locked.override_reason = override_reason if locked.is_override else ""
    locked.hold_apart_from_vulnerable = hold_apart_from_vulnerable
    locked.placement = placement
    locked.notes = notes
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.next_review_due = next_review(locked.security_level, timezone.localdate(locked.decided_at))
    Classification.objects.filter(prisoner=locked.prisoner, status=ClassificationStatus.APPROVED).update(
        status=ClassificationStatus.SUPERSEDED
    )
    locked.status = ClassificationStatus.APPROVED
    locked.full_clean()
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        reason=locked.override_reason,
        after={
            "security_level": locked.security_level,
            "regime": locked.regime,
            "override": locked.is_override,
            "next_review_due": locked.next_review_due,
            "placement": placement,
        },
    )
    listeners.decided(actor=actor, classification=locked)
    return locked


@transaction.atomic
def keep_apart_add(
    *,
    actor: Any,
    prisoner: Prisoner,
    other: Prisoner,
    scope: str,
    reason: str,
    classification: Classification | None = None,
) -> KeepApart:
    grants.require(actor, prisoner, Capability.APPROVE_RISK)
    grants.require(actor, other, Capability.VIEW)  # never a link to a file one may not see
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for keeping them apart.")]})
    link = KeepApart(
        prisoner=prisoner,
        other=other,
        scope=scope,
        reason=reason,
        classification=classification,
        created_by=actor,
    )
    writes.create(
        actor,
        link,
        object_repr=_link_repr(link),
        subject=prisoner,
        after={"other": other.prison_number, "scope": scope},
        reason=reason,
    )
    return link


def _link_repr(link: KeepApart) -> str:
    """The history tab of the file shows this: not the other person's number (their file
    is not the reader's to learn of there; the risk tab names them to those who may)."""
    return f"{link.prisoner.prison_number} · {KeepApart._meta.verbose_name}"


@transaction.atomic
def challenge_lodge(
    *, actor: Any, classification: Classification, grounds: str, lodged_at: dt.date | None = None
) -> Challenge:
    grants.require(actor, classification.prisoner, Capability.VIEW_RISK)
    if classification.status != ClassificationStatus.APPROVED:
        raise ValidationError(_("Only a decided classification can be challenged."))
    challenge = Challenge(
        classification=classification,
        grounds=grounds,
        recorded_by=actor,
        lodged_at=lodged_at or timezone.localdate(),
    )
    if challenge.lodged_at > timezone.localdate():
        raise ValidationError({"lodged_at": [_("The date cannot be in the future.")]})
    writes.create(actor, challenge, subject=classification.prisoner, after={"lodged": True})
    return challenge


@transaction.atomic
def challenge_decide(*, actor: Any, challenge: Challenge, outcome: str, decision: str) -> Challenge:
    grants.require(actor, challenge.classification.prisoner, Capability.APPROVE_RISK)
    locked: Challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if locked.outcome != ChallengeOutcome.PENDING:
        raise ValidationError(_("This challenge has already been decided."))
    if outcome not in (ChallengeOutcome.UPHELD, ChallengeOutcome.DISMISSED):
        raise ValidationError({"outcome": [_("Choose upheld or dismissed.")]})
    if not decision.strip():
        raise ValidationError({"decision": [_("Give the decision and its reasons.")]})
    locked.outcome, locked.decision = outcome, decision
    locked.clean_fields(exclude=_other_fields(Challenge, ["decision"]))
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.classification.prisoner,
        after={"outcome": outcome},
        reason=decision,
    )
    if outcome == ChallengeOutcome.UPHELD:
        review_flag_raise(
            actor=actor, prisoner=locked.classification.prisoner, trigger="other", note="challenge upheld"
        )
    return locked


# --- reviews ------------------------------------------------------------------------


def review_flag_request(*, actor: Any, prisoner: Prisoner, trigger: str, note: str = "") -> ReviewFlag:
    """A member of staff who sees the file's risk marks it for an early review."""
    grants.require(actor, prisoner, Capability.VIEW_RISK)
    return review_flag_raise(actor=actor, prisoner=prisoner, trigger=trigger, note=note)


@transaction.atomic
def review_flag_raise(*, actor: Any, prisoner: Prisoner, trigger: str, note: str = "") -> ReviewFlag:
    """A significant event (programme completed, incident, intelligence): review early.
    Called by the services that record the event (they checked their own capability:
    an officer's incident or a programme's completion brings the review forward
    without the right to read the risk); a person asks through ``review_flag_request``."""
    flag = ReviewFlag(
        prisoner=prisoner, trigger=trigger, note=note, raised_by=actor if actor and actor.pk else None
    )
    writes.create(actor, flag, subject=prisoner, after={"trigger": trigger})
    return flag


def describe(value: str | dict[str, str] | None) -> str:
    return tr(value)


@transaction.atomic
def keep_apart_close(*, actor: Any, link: KeepApart, reason: str) -> KeepApart:
    """End a keep-apart link (the row stays, closed, with who and why in the audit)."""
    grants.require(actor, link.prisoner, Capability.APPROVE_RISK)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for ending the constraint.")]})
    locked: KeepApart = KeepApart.objects.select_for_update().get(pk=link.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("This constraint is already closed."))
    locked.closed_at, locked.closed_by = timezone.now(), actor
    locked.save(update_fields=["closed_at", "closed_by"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        object_repr=_link_repr(locked),
        subject=locked.prisoner,
        after={"closed": True, "other": locked.other.prison_number},
        reason=reason,
    )
    return locked
