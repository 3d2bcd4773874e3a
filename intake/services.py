"""Writes of the intake. Each step saves the draft; ``admission_complete`` files it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import alerts
from casemgmt import services as casemgmt_services
from casemgmt.choices import CustodyStatus
from casemgmt.models import Prisoner
from casemgmt.placement import placement_problems
from core import audit, writes
from core.choices import AuditAction
from intake import extensions
from intake.choices import AdmissionStatus, IdentityDecision, Step
from intake.models import Admission, Child, Contact, Injury, PropertyItem

if TYPE_CHECKING:
    from django.db.models import Field, QuerySet

    from casemgmt.models import Facility

    #: a record of the intake (``RECORD_MODELS``)
    Record = Injury | PropertyItem | Contact | Child

#: what the person is told on admission (Mandela Rules 54-55); consular contact only
#: for foreign nationals (``is_foreign``)
INFORMATION_TOPICS = ["info_rules", "info_rights", "info_complaints", "info_legal_advice", "info_consular"]

STEP_FIELDS: dict[str, list[str]] = {
    Step.ORDER: [
        "order_authority_kind",
        "order_authority",
        "order_number",
        "order_date",
        "legal_basis",
        "reasons",
        "arrested_at",
        "arrest_place",
        "legal_status",
    ],
    Step.IDENTITY: [
        "identity_decision",
        "family_name",
        "given_name",
        "patronymic",
        "family_name_latin",
        "given_name_latin",
        "patronymic_latin",
        "aliases",
        "date_of_birth",
        "date_of_birth_estimated",
        "place_of_birth",
        "sex",
        "gender_identity",
        "gender_identity_note",
        "nationality",
        "citizenships",
        "languages",
        "interpreter_needed",
        "document_kind",
        "document_number",
        "document_country",
    ],
    Step.INJURIES: [],
    Step.PROPERTY: ["property_acknowledged", "property_refusal_note"],
    Step.FAMILY: [],
    Step.SECURITY: [
        "countries_abroad",
        "periods_abroad",
        "conflict_zone_returnee",
        "repatriation_route",
        "returned_with",
        "security_flags",
        "security_notes",
    ],
    Step.HEALTH: ["urgent_health_need", "doctor_within_24h", "pregnancy", "medication", "health_notes"],
    Step.INFORMATION: [
        "info_given_on",
        "info_given_by",
        "info_language",
        "info_interpreter",
        *INFORMATION_TOPICS,
        "info_acknowledged",
        "info_no_ack_reason",
    ],
    Step.REVIEW: ["unit", "cell"],
}
# Sensitive steps are audited without their values: the audit trail is readable by more people.
REDACTED_STEPS = {Step.SECURITY, Step.HEALTH}


def _conflict() -> ValidationError:
    return ValidationError(
        _("This intake was saved in another tab or by another officer. Reload it to see the latest version."),
        code="conflict",
    )


def _locked_draft(admission: Admission, expected_version: int | None) -> Admission:
    locked: Admission = Admission.objects.select_for_update().get(pk=admission.pk)
    if locked.status != AdmissionStatus.DRAFT:
        raise ValidationError(_("This intake is already closed."), code="closed")
    if expected_version is not None and locked.version != expected_version:
        raise _conflict()
    return locked


@transaction.atomic
def admission_start(*, actor: Any, facility: Facility, token: Any = None) -> Admission:
    """Open a draft. With a client token, a retry returns the same draft."""
    if token is not None:
        existing: Admission | None = Admission.objects.filter(token=token).first()
        if existing is not None:
            if existing.facility_id != facility.pk or existing.created_by_id != actor.pk:
                raise ValidationError(_("This intake token is already used."), code="token")
            return existing
    admission = Admission(facility=facility, created_by=actor)
    if token is not None:
        admission.token = token
    admission.full_clean()
    try:
        with transaction.atomic():
            admission.save()
    except IntegrityError:  # the same token raced in from a second request
        raced: Admission = Admission.objects.get(token=token)
        return raced
    audit.record(actor, AuditAction.CREATE, admission, after={"facility": facility.code})
    return admission


def _field(name: str) -> Field[Any, Any]:
    """One of the admission's own fields (no reverse relation is named here)."""
    return cast("Field[Any, Any]", Admission._meta.get_field(name))


def validate_step(admission: Admission, step: str, today: dt.date | None = None) -> dict[str, list[str]]:
    """Business rules of one step; field errors keyed by field name."""
    now = timezone.now()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if step == Step.ORDER:
        if admission.order_date and admission.order_date > timezone.localdate():
            add("order_date", _("The order cannot be dated in the future."))
        if admission.arrested_at and admission.arrested_at > now:
            add("arrested_at", _("The arrest cannot be in the future."))
        if admission.order_date and admission.arrested_at:
            pass  # an order may precede or follow the arrest (warrant vs. court order)
    if step == Step.IDENTITY:
        if admission.date_of_birth and admission.date_of_birth > timezone.localdate():
            add("date_of_birth", _("The date of birth cannot be in the future."))
        if (
            admission.date_of_birth
            and admission.arrested_at
            and admission.date_of_birth > timezone.localdate(admission.arrested_at)
        ):
            add("date_of_birth", _("The date of birth is after the arrest."))
        if admission.document_number and not admission.document_kind:
            add("document_kind", _("Say which document the number belongs to."))
    if step == Step.INFORMATION:
        if admission.info_given_on and admission.info_given_on > timezone.localdate():
            add("info_given_on", _("The date cannot be in the future."))
        if admission.info_acknowledged and admission.info_no_ack_reason:
            add("info_no_ack_reason", _("The person acknowledged it: leave the reason empty."))
    return errors


def is_foreign(admission: Admission) -> bool:
    """Holds a citizenship other than the country's own (consular contact, Rule 62)."""
    return any(code != settings.NATIONAL_CITIZENSHIP for code in admission.citizenships)


def information_errors(admission: Admission) -> dict[str, list[str]]:
    """The information step must be done before admission (Mandela Rules 54-55, Bangkok Rule 2)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not admission.info_given_on:
        add(
            "info_given_on",
            _("Record when the person was told about the rules, their rights and how to complain."),
        )
    if not admission.info_given_by_id:
        add("info_given_by", _("Name the officer who informed the person."))
    if not admission.info_language:
        add("info_language", _("In which language was the person informed?"))
    elif admission.info_language not in admission.languages and not admission.info_interpreter.strip():
        add(
            "info_interpreter",
            _("The person does not speak the language used: name the interpreter."),
        )
    if admission.interpreter_needed and not admission.info_interpreter.strip():
        add("info_interpreter", _("The person needs an interpreter: name the interpreter."))
    topics = [t for t in INFORMATION_TOPICS if t != "info_consular" or is_foreign(admission)]
    missing = [str(_field(t).verbose_name) for t in topics if not getattr(admission, t)]
    if missing:
        add("info_rules", _("Tell the person about: %(topics)s.") % {"topics": "; ".join(missing)})
    if not admission.info_acknowledged and not admission.info_no_ack_reason.strip():
        add(
            "info_no_ack_reason",
            _("Record the person's acknowledgement, or why there is none."),
        )
    return errors


@transaction.atomic
def admission_save_step(
    *, actor: Any, admission: Admission, step: str, data: dict[str, Any], expected_version: int | None = None
) -> Admission:
    """Save one step's fields into the draft. Invalid values are refused with
    field errors and nothing of the step is saved; the earlier steps stay."""
    if step not in STEP_FIELDS:
        raise ValueError(f"unknown step {step}")
    locked = _locked_draft(admission, expected_version)
    before = audit.snapshot(locked, STEP_FIELDS[step])
    for field in STEP_FIELDS[step]:
        if field in data:
            setattr(locked, field, data[field])
    if step == Step.INFORMATION and not locked.info_given_by_id and actor is not None and actor.pk:
        locked.info_given_by = actor  # the officer saving it, unless another is named
    errors = validate_step(locked, step)
    try:
        locked.full_clean(exclude=[f.name for f in Admission._meta.fields if f.name not in STEP_FIELDS[step]])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if step not in locked.steps_done:
        locked.steps_done = [*locked.steps_done, step]
    locked.version += 1
    locked.save()
    old, new = audit.diff(before, audit.snapshot(locked, STEP_FIELDS[step]))
    if step in REDACTED_STEPS:
        old, new = {k: "…" for k in old}, {k: "…" for k in new}
    audit.record(actor, AuditAction.UPDATE, locked, before=old, after=new, object_repr=f"intake: {step}")
    return locked


def admission_autosave(
    *, actor: Any, admission: Admission, step: str, data: dict[str, Any]
) -> tuple[Admission, dict[str, list[str]]]:
    """Save what is valid of a step as the officer types, and report the rest.

    A closed tab must lose nothing that was typed correctly: fields with an error
    are left at their saved values, every other field is stored."""
    try:
        return admission_save_step(actor=actor, admission=admission, step=step, data=data), {}
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        errors = exc.message_dict
    good = {k: v for k, v in data.items() if k not in errors}
    if not good:
        return admission, errors
    try:
        saved = admission_save_step(actor=actor, admission=admission, step=step, data=good)
    except ValidationError as exc:  # a rule across fields (e.g. birth after arrest): keep nothing new
        return admission, {**errors, **getattr(exc, "message_dict", {})}
    return saved, errors


@transaction.atomic
def admission_mark_step(*, actor: Any, admission: Admission, step: str) -> Admission:
    """Mark a list step (injuries, property, family) as gone through."""
    locked = _locked_draft(admission, None)
    if step not in locked.steps_done:
        locked.steps_done = [*locked.steps_done, step]
        locked.save(update_fields=["steps_done", "updated_at"])
    return locked


# --- the lists ---------------------------------------------------------------------

RECORD_MODELS: dict[str, type[Record]] = {
    "injury": Injury,
    "property": PropertyItem,
    "contact": Contact,
    "child": Child,
}


@transaction.atomic
def record_add(*, actor: Any, admission: Admission, kind: str, data: dict[str, Any]) -> Record:
    """Add an injury, property item, contact or child to a draft."""
    locked = _locked_draft(admission, None)
    model = RECORD_MODELS[kind]
    record = model(admission=locked, recorded_by=actor, **data)
    redacted = kind in {"child"}
    writes.create(
        actor,
        record,
        object_repr=f"intake {kind}" if redacted else "",  # else str(record), as for every record
        after=None if redacted else {k: str(v) for k, v in data.items()},
    )
    if isinstance(record, Injury) and record.ill_treatment_complaint:  # kind "injury"
        alerts.alert_create(
            actor=actor,
            facility=locked.facility,
            kind=alerts.AlertKind.ILL_TREATMENT,
            code="ill_treatment_at_reception",
            link=f"/intake/{locked.pk}/",
            object_type="intake.injury",
            object_id=str(record.pk),
        )
    return record


@transaction.atomic
def record_remove(*, actor: Any, admission: Admission, kind: str, record_id: int) -> None:
    locked = _locked_draft(admission, None)
    model = RECORD_MODELS[kind]
    record = model.objects.select_for_update().get(pk=record_id, admission=locked)
    if isinstance(record, Injury) and record.ill_treatment_complaint:  # kind "injury"
        raise ValidationError(_("A complaint of ill-treatment can never be deleted."), code="protected")
    audit.record(actor, AuditAction.DELETE, record, before={"record": str(record)[:300]})
    record.delete()


# --- completion ----------------------------------------------------------------------


def completion_errors(admission: Admission) -> dict[str, list[str]]:
    """Everything that stops an admission from completing, by field."""
    errors: dict[str, list[str]] = {}

    def need(field: str, message: str) -> None:
        if not getattr(admission, field):
            errors.setdefault(field, []).append(message)

    # Rule 7: nobody is received without a valid commitment order.
    need("order_authority_kind", _("Who issued the commitment order?"))
    need("order_number", _("No admission without a valid commitment order: enter its number."))
    need("order_date", _("Enter the date of the commitment order."))
    need("legal_basis", _("Enter the legal basis of the order."))
    need("arrested_at", _("Enter the date and time of arrest."))
    need("arrest_place", _("Enter the place of arrest."))
    need("legal_status", _("Is the person untried or convicted?"))
    need("family_name", _("Enter the family name."))
    need("given_name", _("Enter the given name."))
    need("sex", _("Enter the sex."))
    need("date_of_birth", _("Enter the date of birth (tick 'estimated' if it is not known exactly)."))
    need("unit", _("Choose the reception unit."))
    if admission.identity_decision not in (IdentityDecision.NEW, IdentityDecision.RETURNING):
        errors.setdefault("identity_decision", []).append(
            _("Check the earlier files and say whether this is a new or a returning person.")
        )
    if admission.identity_decision == IdentityDecision.RETURNING and not admission.prisoner_id:
        errors.setdefault("identity_decision", []).append(
            _("Choose the earlier file of the returning person.")
        )
    for step in (Step.ORDER, Step.IDENTITY, Step.INFORMATION):
        for field, messages in validate_step(admission, step).items():
            errors.setdefault(field, []).extend(messages)
    for field, messages in information_errors(admission).items():
        errors.setdefault(field, []).extend(messages)
    if admission.sex and admission.unit_id:
        problems = placement_problems(placed_person(admission), admission.unit, admission.cell)
        for field, messages in problems.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def placed_person(admission: Admission) -> Prisoner:
    """The person as the placement rules see them (unsaved): sex, age, legal status;
    the returning person's own file, so their place is not counted against them."""
    return Prisoner(
        pk=admission.prisoner_id if admission.identity_decision == IdentityDecision.RETURNING else None,
        facility=admission.facility,
        sex=admission.sex,
        date_of_birth=admission.date_of_birth,
        legal_status=admission.legal_status,
    )


# --- the step list -------------------------------------------------------------------

#: the step each field of the draft is filled in (the review step places the person)
FIELD_STEP = {field: step for step, fields in STEP_FIELDS.items() for field in fields}


class StepStatus:
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    NOT_STARTED = "not_started"


def _touched(admission: Admission, step: str) -> bool:
    """Saved once, or a field holds something other than its default."""
    if step in admission.steps_done:
        return True
    for name in STEP_FIELDS[step]:
        field = _field(name)
        default = field.get_default() if field.has_default() else None
        if getattr(admission, field.attname) not in (default, None, "", []):
            return True
    return False


def step_report(admission: Admission) -> dict[str, Any]:
    """Each step's status and what it still lacks, by the rules completion uses
    (``completion_errors``): the step list and the review page are drawn from this, so
    a step shown complete never holds back the admission.

    ``{"steps": [(step, label, status, {field: [messages]})], "missing": [(step, field,
    message)], "complete": n, "ready": bool}``."""
    errors = completion_errors(admission)
    by_step: dict[str, dict[str, list[str]]] = {}
    for field, messages in errors.items():
        by_step.setdefault(FIELD_STEP.get(field, Step.REVIEW), {})[field] = messages
    steps = []
    for step, label in Step.choices:
        problems = by_step.get(step, {})
        touched = _touched(admission, step)
        if problems:
            status = StepStatus.INCOMPLETE if touched else StepStatus.NOT_STARTED
        else:
            status = StepStatus.COMPLETE if touched else StepStatus.NOT_STARTED
        steps.append((step, label, status, problems))
    missing = [
        (step, field, m) for step, _l, _s, problems in steps for field, ms in problems.items() for m in ms
    ]
    return {
        "steps": steps,
        "missing": missing,
        "complete": sum(1 for s in steps if s[2] == StepStatus.COMPLETE),
        "ready": not errors,
    }


def _prisoner_fields(admission: Admission) -> dict[str, Any]:
    return {
        "family_name": admission.family_name,
        "given_name": admission.given_name,
        "patronymic": admission.patronymic,
        "family_name_latin": admission.family_name_latin,
        "given_name_latin": admission.given_name_latin,
        "patronymic_latin": admission.patronymic_latin,
        "date_of_birth": admission.date_of_birth,
        "date_of_birth_estimated": admission.date_of_birth_estimated,
        "place_of_birth": admission.place_of_birth,
        "sex": admission.sex,
        "gender_identity": admission.gender_identity or "not_stated",
        "gender_identity_note": admission.gender_identity_note,
        "nationality": admission.nationality,
        "citizenships": admission.citizenships,
        "languages": admission.languages,
        "interpreter_needed": admission.interpreter_needed,
        "legal_status": admission.legal_status,
    }


@transaction.atomic
def admission_complete(*, actor: Any, admission: Admission, expected_version: int | None = None) -> Admission:
    """File the admission: create the prisoner (or re-open the returning one's file),
    place them, give the facility access, record the hour and schedule the initial
    risk assessment. Idempotent: completing a completed admission returns it."""
    locked: Admission = Admission.objects.select_for_update().get(pk=admission.pk)
    if locked.status == AdmissionStatus.COMPLETED:
        return locked  # a double click or a retry: the first one did the work
    if locked.status != AdmissionStatus.DRAFT:
        raise ValidationError(_("This intake is already closed."), code="closed")
    if expected_version is not None and locked.version != expected_version:
        raise _conflict()
    errors = completion_errors(locked)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    fields = _prisoner_fields(locked)
    placement: dict[str, Any] = {"facility": locked.facility, "unit": locked.unit, "cell": locked.cell}
    aliases = [a.strip() for a in locked.aliases.split(",") if a.strip()]
    document = []
    if locked.document_number:
        document = [
            {
                "kind": locked.document_kind,
                "number": locked.document_number,
                "issuing_country": locked.document_country,
            }
        ]
    if locked.identity_decision == IdentityDecision.RETURNING:
        prisoner = Prisoner.objects.select_for_update().get(pk=locked.prisoner_id)
        if prisoner.custody_status == CustodyStatus.IN_CUSTODY:
            raise ValidationError(
                {"identity_decision": [_("That person is recorded as in custody already: check the match.")]}
            )
        prisoner = casemgmt_services.prisoner_readmit(
            actor=actor,
            prisoner=prisoner,
            legal_status=locked.legal_status,
            reason="re-admission",
            **placement,
        )
    else:
        prisoner = casemgmt_services.prisoner_admit(
            actor=actor,
            aliases=aliases,
            documents=document,
            custody_status=CustodyStatus.IN_CUSTODY,
            **fields,
            **placement,
        )
    if locked.photo:
        casemgmt_services.prisoner_set_photo(actor=actor, prisoner=prisoner, upload=locked.photo)
    locked.prisoner = prisoner
    locked.status = AdmissionStatus.COMPLETED
    locked.admitted_at = now
    locked.completed_by = actor
    locked.initial_assessment_due = timezone.localdate(now) + dt.timedelta(
        days=settings.INITIAL_ASSESSMENT_DAYS
    )
    locked.version += 1
    locked.full_clean()
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"identity_decision": [_("That person already has an open admission.")]}, code="duplicate"
        ) from exc
    for model in RECORD_MODELS.values():
        model.objects.filter(admission=locked).update(prisoner=prisoner)
    # What other apps gathered on the draft goes onto the file: the contacts and children
    # (the family app keeps them from now on), the order's scan (documents).
    extensions.completed(actor=actor, admission=locked, prisoner=prisoner)
    if locked.urgent_health_need:
        # Nobody may learn of an urgent need only by opening the file: the facility's
        # supervisors (who hold the health capability) are told at once, like ill-treatment.
        alerts.alert_create(
            actor=actor,
            facility=locked.facility,
            kind=alerts.AlertKind.URGENT_HEALTH,
            # No name or number in the text: the home page lists it without opening the file.
            code="urgent_health_at_reception",
            link=f"/prisoners/{prisoner.pk}/",
            object_type="intake.admission",
            object_id=str(locked.pk),
        )
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=prisoner,
        object_repr="admission completed",
        after={
            "status": "completed",
            "prisoner": prisoner.prison_number,
            "admitted_at": now,
            "initial_assessment_due": locked.initial_assessment_due,
        },
    )
    return locked


@transaction.atomic
def admission_cancel(*, actor: Any, admission: Admission, reason: str) -> Admission:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for cancelling the intake.")]})
    locked = _locked_draft(admission, None)
    locked.status = AdmissionStatus.CANCELLED
    locked.version += 1
    locked.save()
    audit.record(actor, AuditAction.UPDATE, locked, after={"status": "cancelled"}, reason=reason)
    return locked


@transaction.atomic
def admission_set_photo(*, actor: Any, admission: Admission, upload: File[Any]) -> Admission:
    """Store a checked photo (see core.uploads.clean_photo) on the draft."""
    locked = _locked_draft(admission, None)
    locked.photo.save("photo.jpg", upload, save=False)
    locked.version += 1
    locked.save()
    audit.record(
        actor, AuditAction.UPDATE, locked, object_repr="intake: photo", after={"photo": locked.photo.name}
    )
    return locked


def returning_choice(*, actor: Any, admission: Admission, prisoner: Prisoner | None) -> Admission:
    """The officer's decision on the duplicate check: new person, or this earlier file."""
    with transaction.atomic():
        locked = _locked_draft(admission, None)
        before = {"identity_decision": locked.identity_decision, "prisoner": locked.prisoner_id}
        locked.identity_decision = IdentityDecision.RETURNING if prisoner else IdentityDecision.NEW
        locked.prisoner = prisoner
        locked.version += 1
        locked.save()
        audit.record(
            actor,
            AuditAction.UPDATE,
            locked,
            subject=prisoner,
            object_repr="intake: identity decision",
            before=before,
            after={
                "identity_decision": locked.identity_decision,
                "prisoner": prisoner.pk if prisoner else None,
            },
        )
        return locked


def steps_left(admission: Admission) -> list[str]:
    """The steps not complete yet (``step_report``), the review last."""
    return [
        s
        for s, _l, status, _p in step_report(admission)["steps"]
        if status != StepStatus.COMPLETE and s != Step.REVIEW
    ]


def records(admission: Admission, kind: str) -> QuerySet[Any]:
    return RECORD_MODELS[kind].objects.filter(admission=admission)
