"""Writes of security operations (keyword-only, ``actor``, atomic, audited)."""

from custody.services.movements import movement_check, movement_record
from custody.services.searches import custody_event_add, find_record, find_set_outcome, search_record

__all__ = [
    "custody_event_add",
    "find_record",
    "find_set_outcome",
    "movement_check",
    "movement_record",
    "search_record",
]
