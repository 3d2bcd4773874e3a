"""Writes of the core: facilities, staff, the prisoner file.

Every function is keyword-only, takes the ``actor``, validates with
``full_clean()`` and writes its audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt import alerts, names, permissions, placement
from casemgmt.choices import Role
from casemgmt.models import (
    Cell,
    Facility,
    IdentityDocument,
    Prisoner,
    PrisonerAlias,
    StaffAssignment,
    Unit,
    User,
)
from core import audit, grants, writes
from core.choices import AuditAction

PRISONER_AUDIT_FIELDS = [
    "family_name",
    "given_name",
    "patronymic",
    "family_name_latin",
    "given_name_latin",
    "patronymic_latin",
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
    "legal_status",
    "custody_status",
    "facility",
    "unit",
    "cell",
    "photo",
]


# --- facilities -------------------------------------------------------------


@transaction.atomic
def facility_create(
    *, actor: Any, code: str, name: str, kind: str, region: str = "", address: str = ""
) -> Facility:
    officers, _created = Group.objects.get_or_create(name=f"facility:{code}:officers")
    supervisors, _created = Group.objects.get_or_create(name=f"facility:{code}:supervisors")
    facility = Facility(
        code=code,
        name=name,
        kind=kind,
        region=region,
        address=address,
        officers_group=officers,
        supervisors_group=supervisors,
    )
    writes.create(actor, facility, fields=["code", "name", "kind", "region"])
    return facility


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    facility: Facility,
    code: str,
    name: str,
    sex: str,
    legal_category: str,
    age_group: str = "adult",
    purpose: str = "general",
) -> Unit:
    unit = Unit(
        facility=facility,
        code=code,
        name=name,
        sex=sex,
        legal_category=legal_category,
        age_group=age_group,
        purpose=purpose,
    )
    writes.create(
        actor,
        unit,
        fields=["facility", "code", "name", "sex", "legal_category", "age_group", "purpose"],
    )
    return unit


@transaction.atomic
def cell_create(*, actor: Any, unit: Unit, number: str, capacity: int) -> Cell:
    return cells_create(actor=actor, unit=unit, cells=[(number, capacity)])[0]


@transaction.atomic
def cells_create(*, actor: Any, unit: Unit, cells: list[tuple[str, int]]) -> list[Cell]:
    """Create a unit's cells in one insert (a new block has dozens); one audit line each."""
    rows = [Cell(unit=unit, number=number, capacity=capacity) for number, capacity in cells]
    for row in rows:
        # Field rules here; uniqueness and capacity >= 1 are database constraints.
        row.full_clean(validate_unique=False, validate_constraints=False)
    Cell.objects.bulk_create(rows)
    audit.record_many(
        actor,
        [
            audit.Entry(
                action=AuditAction.CREATE,
                obj=row,
                after={"unit": unit.pk, "number": row.number, "capacity": row.capacity},
            )
            for row in rows
        ],
    )
    return rows


# --- staff ------------------------------------------------------------------


def role_group(role: str) -> Group:
    return Group.objects.get_or_create(name=str(role))[0]


def _facility_group(facility: Facility, roles: Iterable[str]) -> Group | None:
    roles = set(roles)
    if Role.SUPERVISOR in roles:
        return facility.supervisors_group
    if Role.OFFICER in roles:
        return facility.officers_group
    return None


@transaction.atomic
def staff_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    roles: Iterable[str],
    facilities: Iterable[Facility] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "ru",
    position: str = "",
) -> User:
    roles = list(roles)
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        preferred_language=preferred_language,
        position=position,
        is_staff=Role.ADMINISTRATOR in roles,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(*[role_group(r) for r in roles])
    audit.record(actor, AuditAction.CREATE, user, after={"username": username, "roles": sorted(roles)})
    for facility in facilities:
        staff_assign(actor=actor, user=user, facility=facility)
    return user


@transaction.atomic
def staff_assign(*, actor: Any, user: User, facility: Facility) -> StaffAssignment:
    """Attach a member of staff to a facility; officers and supervisors join its group."""
    assignment, _created = StaffAssignment.objects.get_or_create(user=user, facility=facility)
    staff_sync_groups(actor=actor, user=user)
    audit.record(
        actor, AuditAction.CREATE, assignment, after={"user": user.username, "facility": facility.code}
    )
    return assignment


@transaction.atomic
def staff_unassign(*, actor: Any, user: User, facility: Facility) -> None:
    StaffAssignment.objects.filter(user=user, facility=facility).delete()
    staff_sync_groups(actor=actor, user=user)
    audit.record(
        actor,
        AuditAction.DELETE,
        user,
        object_type="casemgmt.staffassignment",
        before={"user": user.username, "facility": facility.code},
    )


@transaction.atomic
def staff_sync_groups(*, actor: Any, user: User) -> None:
    """Make the user's facility-group memberships follow their roles and assignments.

    Officers join the officers group of each facility they work in, supervisors the
    supervisors group; nobody else is in a facility group. Called after any change
    of roles or assignments (services and the admin alike)."""
    roles = set(user.groups.values_list("name", flat=True))
    wanted = set()
    for facility in Facility.objects.filter(assignments__user=user):
        group = _facility_group(facility, roles)
        if group is not None:
            wanted.add(group.pk)
    current = set(user.groups.filter(name__startswith="facility:").values_list("pk", flat=True))
    if wanted == current:
        return
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    names = dict(Group.objects.filter(pk__in=wanted | current).values_list("pk", "name"))
    audit.record(
        actor,
        AuditAction.UPDATE,
        user,
        before={"facility_groups": sorted(names[g] for g in current)},
        after={"facility_groups": sorted(names[g] for g in wanted)},
    )


# --- the prisoner file -------------------------------------------------------


def next_prison_number() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('prison_number_seq')")
        seq = cursor.fetchone()[0]
    return f"{_prefix()}-{timezone.localdate():%Y}-{seq:06d}"


def _prefix() -> str:
    return settings.PRISON_NUMBER_PREFIX


def refresh_search_fields(prisoner: Prisoner, aliases: Iterable[str] = ()) -> None:
    parts = [
        prisoner.family_name,
        prisoner.given_name,
        prisoner.patronymic,
        prisoner.family_name_latin,
        prisoner.given_name_latin,
        prisoner.patronymic_latin,
        *aliases,
    ]
    text = " ".join(p for p in parts if p)
    prisoner.search_name = names.fold_cyrillic(text)
    prisoner.search_latin = names.search_key(text)


def _fill_latin(prisoner: Prisoner) -> None:
    for field in ("family_name", "given_name", "patronymic"):
        if not getattr(prisoner, f"{field}_latin"):
            setattr(prisoner, f"{field}_latin", names.transliterate(getattr(prisoner, field)))


@transaction.atomic
def prisoner_create(
    *, actor: Any, aliases: Iterable[str] = (), documents: Iterable[dict[str, Any]] = (), **fields: Any
) -> Prisoner:
    """Open a new case file, not yet placed: a placement is an admission (``prisoner_admit``)."""
    placed = {"facility", "unit", "cell"} & set(fields)
    if placed:
        raise ValueError(f"a placement is an admission (prisoner_admit): {sorted(placed)}")
    prisoner = Prisoner(**fields)
    prisoner.prison_number = next_prison_number()
    _fill_latin(prisoner)
    aliases = [a for a in aliases if a]
    refresh_search_fields(prisoner, aliases)
    prisoner.full_clean()
    prisoner.save()
    for alias in aliases:
        prisoner.aliases.create(name=alias)
    for doc in documents:
        document = IdentityDocument(prisoner=prisoner, **doc)
        document.full_clean()
        document.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        prisoner,
        subject=prisoner,
        after=audit.snapshot(prisoner, PRISONER_AUDIT_FIELDS),
    )
    return prisoner


#: Records a placement as a movement, which gives the holding facility's staff access:
#: ``recorder(actor=, prisoner=, kind=, facility=, unit=, cell=, reason=, ...) -> movement``.
#: The custody app registers its ``movement_record`` when it starts (the file's app imports
#: no app built on it).
_movement_recorder: Callable[..., Any] | None = None


def register_movement_recorder(recorder: Callable[..., Any]) -> None:
    global _movement_recorder
    _movement_recorder = recorder


def _record_movement(**kwargs: Any) -> Prisoner:
    if _movement_recorder is None:
        raise ImproperlyConfigured("no installed app records movements (the custody app does)")
    prisoner: Prisoner = _movement_recorder(**kwargs).prisoner
    return prisoner


@transaction.atomic
def prisoner_admit(
    *,
    actor: Any,
    facility: Facility | None = None,
    unit: Unit | None = None,
    cell: Cell | None = None,
    **fields: Any,
) -> Prisoner:
    """Open a new file (``prisoner_create``) and, when a facility is given, record the
    admission movement to it."""
    prisoner = prisoner_create(actor=actor, **fields)
    if facility is None:
        return prisoner
    return _record_movement(
        actor=actor,
        prisoner=prisoner,
        kind="admission",
        reason="admission",
        facility=facility,
        unit=unit,
        cell=cell,
    )


@transaction.atomic
def prisoner_readmit(
    *,
    actor: Any,
    prisoner: Prisoner,
    facility: Facility,
    unit: Unit | None,
    cell: Cell | None,
    legal_status: str,
    reason: str,
) -> Prisoner:
    """Re-open the file of a returning person: in custody again, placed, the facility given access."""
    return _record_movement(
        actor=actor,
        prisoner=prisoner,
        kind="admission",
        facility=facility,
        unit=unit,
        cell=cell,
        legal_status=legal_status,
        reason=reason,
    )


@transaction.atomic
def prisoner_update(
    *, actor: Any, prisoner: Prisoner, expected_version: int | None = None, **changes: Any
) -> Prisoner:
    """Change identity fields. Where the person is (and whether in custody) changes only by a
    movement (``custody.services.movement_record``)."""
    locked: Prisoner = Prisoner.objects.select_for_update().get(pk=prisoner.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Someone else changed this file while you were editing it. Reload it to see their changes."),
            code="conflict",
        )
    forbidden = {"facility", "unit", "cell", "custody_status", "prison_number"} & set(changes)
    if forbidden:
        raise ValueError(
            f"record a movement (custody.services.movement_record) to change {sorted(forbidden)}"
        )
    before = audit.snapshot(locked, PRISONER_AUDIT_FIELDS)
    for key, value in changes.items():
        setattr(locked, key, value)
    refresh_search_fields(locked, locked.aliases.values_list("name", flat=True))
    locked.version += 1
    locked.full_clean()
    placement.validate_placement(locked)
    locked.save()
    old, new = audit.diff(before, audit.snapshot(locked, PRISONER_AUDIT_FIELDS))
    audit.record(actor, AuditAction.UPDATE, locked, subject=locked, before=old, after=new)
    return locked


#: What an identity correction may change; where the person is changes only by a movement.
CORRECTABLE_FIELDS = [
    "family_name",
    "given_name",
    "patronymic",
    "family_name_latin",
    "given_name_latin",
    "patronymic_latin",
    "date_of_birth",
    "date_of_birth_estimated",
    "place_of_birth",
    "nationality",
    "citizenships",
]
NAME_FIELDS = ("family_name", "given_name", "patronymic")


def _full_name(prisoner: Prisoner) -> str:
    return " ".join(p for p in (prisoner.family_name, prisoner.given_name, prisoner.patronymic) if p)


@transaction.atomic
def prisoner_correct(
    *,
    actor: Any,
    prisoner: Prisoner,
    reason: str,
    expected_version: int | None = None,
    keep_old_name: bool = False,
    aliases: Iterable[str] = (),
    documents: Iterable[dict[str, Any]] = (),
    **changes: Any,
) -> tuple[Prisoner, list[str]]:
    """Correct the identity recorded at admission (names in both scripts, date and place of
    birth, nationality, documents, aliases), with a required reason. The previous values go
    to the audit (and so the history tab); the search keys are refreshed, and with
    ``keep_old_name`` the old spelling stays findable as an alias. A correction is a fact
    and is never refused for the placement: the Rule 11 check is run again on the present
    placement and its problems are returned (and raised to the supervisors)."""
    grants.require(actor, prisoner, permissions.Capability.CHANGE)
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not an identity field: {sorted(unknown)}")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the correction.")]})
    if len(reason) > 4000:
        raise ValidationError({"reason": [_("Write at most 4000 characters.")]})
    locked: Prisoner = Prisoner.objects.select_for_update(of=("self",)).get(pk=prisoner.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Someone else changed this file while you were editing it. Reload it to see their changes."),
            code="conflict",
        )
    before = audit.snapshot(locked, PRISONER_AUDIT_FIELDS)
    old_name = _full_name(locked)
    for key, value in changes.items():
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    for field in NAME_FIELDS:  # a corrected Cyrillic name without its Latin form: transliterate
        if field in changes and f"{field}_latin" not in changes:
            setattr(locked, f"{field}_latin", "")
    _fill_latin(locked)
    new_aliases = [a.strip() for a in aliases if a and a.strip()]
    if keep_old_name and old_name and old_name != _full_name(locked):
        new_aliases.append(old_name)

    existing = set(locked.aliases.values_list("name", flat=True))
    added = []
    for name in dict.fromkeys(new_aliases):
        if name in existing:
            continue
        alias = PrisonerAlias(prisoner=locked, name=name, kind="previous" if name == old_name else "alias")
        alias.full_clean()
        alias.save()
        added.append(name)
    added_documents = []
    for doc in documents:
        document = IdentityDocument(prisoner=locked, **doc)
        document.full_clean()
        document.save()
        added_documents.append({"kind": document.kind, "number": document.number})
    refresh_search_fields(locked, locked.aliases.values_list("name", flat=True))
    locked.version += 1
    locked.full_clean()
    locked.save()
    old, new = audit.diff(before, audit.snapshot(locked, PRISONER_AUDIT_FIELDS))
    if added:
        new["aliases_added"] = added
    if added_documents:
        new["documents_added"] = added_documents
    if not new:
        raise ValidationError(_("Nothing was changed."), code="unchanged")
    audit.record(actor, AuditAction.UPDATE, locked, subject=locked, before=old, after=new, reason=reason)
    problems = []
    try:
        placement.validate_placement(locked)
    except ValidationError as exc:
        problems = [
            # validate_placement's errors each carry their code
            str(placement.PLACEMENT_ERRORS[cast(str, e.code)])
            for errors in exc.error_dict.values()
            for e in errors
        ]
    if problems and locked.facility_id:
        alerts.alert_create(
            actor=actor,
            facility=locked.facility,
            kind=alerts.AlertKind.PLACEMENT,
            code="placement_after_correction",
            link=f"/prisoners/{locked.pk}/",
            object_type="casemgmt.prisoner",
            object_id=str(locked.pk),
        )
    return locked, problems


@transaction.atomic
@transaction.atomic
def prisoner_set_photo(*, actor: Any, prisoner: Prisoner, upload: File[Any]) -> Prisoner:
    """Store a photo under the prisoner's file (generated name, private storage)."""
    locked: Prisoner = Prisoner.objects.select_for_update().get(pk=prisoner.pk)
    upload.open("rb")
    try:
        content = ContentFile(upload.read())
    finally:
        upload.close()
    locked.photo.save("photo", content, save=False)
    locked.version += 1
    locked.save(update_fields=["photo", "version", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, locked, subject=locked, after={"photo": locked.photo.name})
    return locked
