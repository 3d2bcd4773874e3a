"""The intake's contacts and children copied into the file's family records.

Used by the intake when an admission completes (``services.import_admission``) and by
the data migration that moved the records taken before this app existed (0002), so it
works with the models it is given (real or historical) and writes no audit itself."""

from __future__ import annotations

import re

from django.utils import timezone

#: words of the intake's free-text relationship -> a relationship (tg, ru, en)
RELATIONSHIP_WORDS = [
    ("spouse", r"жен|муж|супруг|зан\b|занаш|шавҳар|шавхар|wife|husband|spouse"),
    ("parent", r"мать|отец|мама|папа|модар|падар|mother|father|parent"),
    ("child", r"сын|доч|писар|духтар|son|daughter|child"),
    ("sibling", r"брат|сестр|бародар|хоҳар|хохар|brother|sister|sibling"),
    ("lawyer", r"адвокат|защитник|ҳимоятгар|lawyer|advocate"),
    ("friend", r"друг|подруг|дӯст|дуст|friend"),
]


def relationship_of(text: str) -> str:
    low = (text or "").lower()
    for code, pattern in RELATIONSHIP_WORDS:
        if re.search(pattern, low):
            return code
    return "relative"


def copy_admission(
    admission_id,
    prisoner,
    actor,
    *,
    intake_contact,
    intake_child,
    contact_model,
    child_model,
    placement_model,
    facility_id=None,
    since=None,
) -> tuple[int, int]:
    """Copy one admission's records not copied yet. Returns (contacts, children) copied."""
    prisoner_id = getattr(prisoner, "pk", prisoner)
    done_contacts = set(
        contact_model.objects.filter(intake_contact_id__isnull=False)
        .filter(intake_contact_id__in=intake_contact.objects.filter(admission_id=admission_id).values("pk"))
        .values_list("intake_contact_id", flat=True)
    )
    contacts = 0
    for c in intake_contact.objects.filter(admission_id=admission_id).order_by("pk"):
        if c.pk in done_contacts:
            continue
        relationship = relationship_of(c.relationship)
        contact_model.objects.create(
            prisoner_id=prisoner_id,
            relationship=relationship,
            relationship_note=(c.relationship or "")[:100],
            name=c.name,
            phone=c.phone,
            address=c.address,
            next_of_kin=c.role in ("next_of_kin", "both"),
            emergency=c.role in ("emergency", "both"),
            may_visit=relationship != "child",
            confidential=relationship == "child",
            intake_contact_id=c.pk,
            created_by_id=getattr(actor, "pk", None) or c.recorded_by_id,
        )
        contacts += 1
    done_children = set(
        child_model.objects.filter(
            intake_child_id__in=intake_child.objects.filter(admission_id=admission_id).values("pk")
        ).values_list("intake_child_id", flat=True)
    )
    children = 0
    admission = intake_child._meta.get_field("admission").related_model.objects.get(pk=admission_id)
    facility_id = facility_id or admission.facility_id
    since = since or (timezone.localdate(admission.admitted_at) if admission.admitted_at else None)
    for k in intake_child.objects.filter(admission_id=admission_id).order_by("pk"):
        if k.pk in done_children:
            continue
        in_prison = k.custody == "in_prison"
        child = child_model.objects.create(
            prisoner_id=prisoner_id,
            name=k.name,
            date_of_birth=k.date_of_birth,
            age_years=k.age_years,
            sex=k.sex,
            whereabouts=k.custody,
            location=k.location,
            carer=k.guardian,
            carer_contact=k.guardian_contact,
            facility_id=facility_id if in_prison else None,
            since=since,
            notes=k.notes,
            intake_child_id=k.pk,
            created_by_id=getattr(actor, "pk", None) or k.recorded_by_id,
        )
        placement_model.objects.create(
            child_id=child.pk,
            prisoner_id=prisoner_id,
            whereabouts=child.whereabouts,
            location=child.location,
            carer=child.carer,
            carer_contact=child.carer_contact,
            facility_id=child.facility_id,
            since=since or timezone.localdate(child.created_at),
            recorded_by_id=child.created_by_id,
        )
        children += 1
    return contacts, children


def copy_all(apps) -> tuple[int, int]:
    """Every completed admission's records (the data migration)."""
    Admission = apps.get_model("intake", "Admission")
    models = {
        "intake_contact": apps.get_model("intake", "Contact"),
        "intake_child": apps.get_model("intake", "Child"),
        "contact_model": apps.get_model("family", "Contact"),
        "child_model": apps.get_model("family", "Child"),
        "placement_model": apps.get_model("family", "ChildPlacement"),
    }
    totals = [0, 0]
    for admission_id, prisoner_id in (
        Admission.objects.filter(status="completed", prisoner__isnull=False)
        .order_by("pk")
        .values_list("pk", "prisoner_id")
    ):
        contacts, children = copy_admission(admission_id, prisoner_id, None, **models)
        totals[0] += contacts
        totals[1] += children
    return tuple(totals)
