"""Writes of security operations (keyword-only, ``actor``, atomic, audited)."""

from custody.services.movements import movement_check, movement_record  # noqa: F401
