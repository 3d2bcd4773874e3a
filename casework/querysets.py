"""The restrictions of case management's records (see ``casemgmt.querysets``)."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q

from casemgmt.permissions import Capability
from casework.choices import NOTE_CAPABILITY, NoteKind
from core.querysets import FileRecordQuerySet as ChildQuerySet
from core.querysets import Walk, codename_for, granted_ids, holds


def readable_kinds(capabilities) -> list[str]:
    """The note kinds open to whoever manages the case plan, and the sensitive kinds whose
    own capability is in ``capabilities``."""
    return [
        kind
        for kind in NoteKind.values
        if kind not in NOTE_CAPABILITY or NOTE_CAPABILITY[kind] in capabilities
    ]


class CaseNoteQuerySet(ChildQuerySet):
    def codenames_of(self, action: str) -> tuple[str, ...]:
        return (Capability.MANAGE_CASEPLAN,)  # every action reads through it (and narrows further)

    def restrict(self, user, action: str = "manage_caseplan", *, walk: Walk = Walk.FETCH) -> CaseNoteQuerySet:
        """Notes of the files on which the user holds ``action`` and manages the case plan;
        a sensitive kind (family, security, health) needs its own capability too. Every
        action reads a note only where its kind may be read, so "view" alone never opens
        one. One query, whatever the number of files (``walk``: ``FileRecordQuerySet``)."""
        qs = super().restrict(user, Capability.MANAGE_CASEPLAN, walk=walk)
        if codename_for(action) != Capability.MANAGE_CASEPLAN:
            qs = qs.filter(prisoner_id__in=granted_ids(user, codename_for(action)))
        condition = Q(kind__in=readable_kinds(frozenset()))
        for kind, capability in NOTE_CAPABILITY.items():
            condition |= Q(kind=kind) & holds(user, capability)
        return qs.filter(condition)


class AllocationQuerySet(ChildQuerySet):
    def with_handover(self, user) -> AllocationQuerySet:
        """``handover_readable``: whether ``user`` may read each row's handover note (the
        case-plan capability on its prisoner) — one subquery for the whole page, in the
        page's own query. Rows read without it show no note (default deny)."""
        readable = holds(user, Capability.MANAGE_CASEPLAN)
        return self.annotate(handover_readable=ExpressionWrapper(readable, output_field=BooleanField()))
