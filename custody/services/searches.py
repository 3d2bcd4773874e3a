"""Searches, finds and the chain of custody of each item found."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casemgmt.models import Cell, Facility, Prisoner
from casemgmt.permissions import Capability
from classification.services import review_flag_raise
from core import audit, writes
from core.choices import AuditAction
from core.grants import require
from core.uploads import clean_photo
from custody.choices import FINAL_ACTIONS, CustodyAction, FindOutcome, SearchKind, SearchResult
from custody.models import CustodyEvent, Find, Search
from custody.services.movements import CLOCK_SKEW


def _not_future(at: dt.datetime | None, field: str) -> dt.datetime:
    now = timezone.now()
    at = at or now
    if at > now + CLOCK_SKEW:
        raise ValidationError({field: [_("The date and hour cannot be in the future.")]})
    return at


@transaction.atomic
def search_record(
    *,
    actor: Any,
    facility: Facility,
    kind: str,
    basis: str,
    searched_by: str,
    result: str,
    cell: Cell | None = None,
    prisoner: Prisoner | None = None,
    area: str = "",
    searched_at: dt.datetime | None = None,
    notes: str = "",
) -> Search:
    if prisoner is not None:
        require(actor, prisoner, Capability.CHANGE)  # the person searched, named by the user
    if kind == SearchKind.CELL and (cell is None or cell.unit.facility_id != facility.pk):
        raise ValidationError({"cell": [_("Choose a cell of this facility.")]})
    if kind == SearchKind.PERSON and (prisoner is None or prisoner.facility_id != facility.pk):
        raise ValidationError({"prisoner": [_("Choose a person held at this facility.")]})
    if kind == SearchKind.AREA and not area.strip():
        raise ValidationError({"area": [_("Name the area searched.")]})
    search = Search(
        facility=facility,
        kind=kind,
        basis=basis,
        cell=cell if kind == SearchKind.CELL else None,
        prisoner=prisoner if kind == SearchKind.PERSON else None,
        area=area.strip(),
        searched_at=_not_future(searched_at, "searched_at"),
        searched_by=searched_by.strip(),
        result=result,
        notes=notes,
        recorded_by=actor,
    )
    writes.create(
        actor,
        search,
        subject=search.prisoner,
        after={
            "facility": facility.code,
            "kind": kind,
            "basis": basis,
            "target": search.target,
            "result": result,
        },
    )
    return search


@transaction.atomic
def find_record(
    *,
    actor: Any,
    search: Search,
    tag_number: str,
    item_type: str,
    description: str,
    where_found: str,
    holder: str,
    prisoner: Prisoner | None = None,
    photo: File[Any] | None = None,
) -> Find:
    """Record an item found; it is bagged and tagged at once (the first link of its chain)."""
    if search.result != SearchResult.FINDS:
        raise ValidationError(_("This search is not recorded as having found items."))
    if prisoner is not None:
        require(actor, prisoner, Capability.CHANGE)  # the find is linked to a person the user named
    if prisoner is not None and prisoner.facility_id != search.facility_id:
        raise ValidationError({"prisoner": [_("Choose a person held at this facility.")]})
    if not holder.strip():
        raise ValidationError({"holder": [_("Say who holds the bagged item.")]})
    find = Find(
        search=search,
        facility=search.facility,
        tag_number=tag_number.strip(),
        item_type=item_type,
        description=description,
        where_found=where_found,
        prisoner=prisoner,
        recorded_by=actor,
    )
    find.full_clean(exclude=["photo"])
    if photo is not None:
        find.photo.save("photo", _checked_photo(photo), save=False)
    find.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        find,
        subject=prisoner,
        after={"tag": find.tag_number, "item_type": item_type, "where": where_found, "search": search.pk},
    )
    _event(actor, find, CustodyAction.BAGGED, holder=holder, at=search.searched_at)
    return find


def _checked_photo(photo: File[Any]) -> InMemoryUploadedFile:
    """The photo re-encoded by the one upload check (core.uploads: JPEG, PNG or WebP
    by content, size limit, metadata and anything after the image dropped)."""
    try:
        return clean_photo(photo)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc


@transaction.atomic
def find_photo_add(*, actor: Any, find: Find, photo: File[Any]) -> Find:
    """A photo for a find recorded without one. A photo is evidence: once recorded it is
    not replaced (a second photo is refused, the first kept)."""
    locked: Find = Find.objects.select_for_update().get(pk=find.pk)
    if locked.photo:
        raise ValidationError(
            {"photo": [_("This find has a photo already; an evidence photo is not replaced.")]}
        )
    locked.photo.save("photo", _checked_photo(photo), save=False)
    locked.save(update_fields=["photo"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner,
        after={"photo": True, "tag": locked.tag_number},
    )
    return locked


def _event(
    actor: Any,
    find: Find,
    action: str,
    *,
    holder: str,
    at: dt.datetime,
    reference: str = "",
    note: str = "",
) -> CustodyEvent:
    event = CustodyEvent(
        find=find,
        action=action,
        at=at,
        holder=holder.strip(),
        reference=reference,
        note=note,
        recorded_by=actor,
    )
    writes.create(
        actor,
        event,
        subject=find.prisoner_id,
        after={"tag": find.tag_number, "action": action, "holder": event.holder, "reference": reference},
        reason=note,
    )
    return event


@transaction.atomic
def custody_event_add(
    *,
    actor: Any,
    find: Find,
    action: str,
    holder: str,
    at: dt.datetime | None = None,
    reference: str = "",
    note: str = "",
) -> CustodyEvent:
    """The next link of the chain: who holds the item now. Nothing follows the police,
    destruction or return to the owner; the police and destruction need a reference."""
    locked = Find.objects.select_for_update().get(pk=find.pk)
    last = locked.custody.order_by("-at", "-id").first()
    if last is not None and last.action in FINAL_ACTIONS:
        raise ValidationError(_("The item has left the prison's custody: the chain is closed."))
    if action == CustodyAction.BAGGED:
        raise ValidationError({"action": [_("The item was bagged and tagged when it was found.")]})
    if action not in CustodyAction.values:
        raise ValidationError({"action": [_("Choose what happened to the item.")]})
    if action in (CustodyAction.TO_POLICE, CustodyAction.DESTROYED) and not reference.strip():
        raise ValidationError({"reference": [_("Give the police receipt or destruction record number.")]})
    if not holder.strip():
        raise ValidationError({"holder": [_("Say who holds the item now, or where it is.")]})
    at = _not_future(at, "at")
    if last is not None and at < last.at:
        raise ValidationError({"at": [_("The date and hour are before the previous link of the chain.")]})
    return _event(actor, locked, action, holder=holder, at=at, reference=reference.strip(), note=note)


@transaction.atomic
def find_set_outcome(
    *, actor: Any, find: Find, outcome: str, note: str = "", mark_for_review: bool = False
) -> Find:
    """Decide what follows a find; ``mark_for_review`` brings the linked prisoner's risk
    review forward (an early-review flag, once per find)."""
    locked: Find = Find.objects.select_for_update().get(pk=find.pk)
    if outcome not in FindOutcome.values:
        raise ValidationError({"outcome": [_("Choose the outcome.")]})
    if mark_for_review and locked.prisoner_id is None:
        raise ValidationError({"mark_for_review": [_("No prisoner is linked to this find.")]})
    before = {"outcome": locked.outcome}
    locked.outcome, locked.outcome_note = outcome, note
    if mark_for_review and locked.review_flag_id is None:
        locked.review_flag = review_flag_raise(
            actor=actor,
            prisoner=cast(Prisoner, locked.prisoner),  # refused above without one
            trigger="find",
            note=f"find {locked.tag_number}",
        )
    locked.full_clean(exclude=["photo"])
    locked.save(update_fields=["outcome", "outcome_note", "review_flag"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        locked,
        subject=locked.prisoner_id,
        before=before,
        after={"outcome": outcome, "review_flag": locked.review_flag_id},
        reason=note,
    )
    return locked
