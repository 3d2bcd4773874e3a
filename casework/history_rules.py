"""Who sees this app's rows in a file's history tab (``casemgmt.history``).

The services write three record types with the prisoner as subject:

- ``casework.casenote`` (``note_add``, ``note_edit``): its kind decides — a family,
  security or health note needs that capability, any other the case-plan capability.
  A rule is "any of" its capabilities; the sensitive ones are granted only with the
  case-plan capability in every role (``permissions.*_CAPABILITIES``), so the kind's
  capability alone stands for both. A row whose kind is unknown is hidden (default deny).
- ``casework.caseplan`` (every plan change; its text names goals and actions): the
  case-plan capability.
- ``casework.allocation`` (``allocation_set``): the row's reason is the handover note,
  readable only with the case-plan capability; an allocation without a note (the first
  one) is seen by whoever sees the file, as on the timeline.
"""

from __future__ import annotations

from casemgmt import history
from casemgmt.permissions import Capability
from casework.choices import NOTE_CAPABILITY, NoteKind
from casework.models import CaseNote


def note_rule(event) -> str | None:
    kind = (event.after or {}).get("kind")
    if kind is None and str(event.object_id).isdigit():  # an edit recorded before its kind was
        kind = CaseNote.objects.filter(pk=event.object_id).values_list("kind", flat=True).first()
    if kind not in NoteKind.values:
        return None
    return NOTE_CAPABILITY.get(kind, Capability.MANAGE_CASEPLAN)


def allocation_rule(event) -> str:
    return Capability.MANAGE_CASEPLAN if (event.reason or "").strip() else Capability.VIEW


def register() -> None:
    history.register("casework.casenote", note_rule)
    history.register("casework.caseplan", Capability.MANAGE_CASEPLAN)
    history.register("casework.allocation", allocation_rule)
