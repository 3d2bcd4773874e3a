"""Restrictions of the records of classification that are not a child of one file.

The catalogue (instruments here, programmes in rehabilitation) is reference data, not
anyone's file: every active signed-in member of staff reads it. It still goes through a
``restrict`` so that the API's restricting base applies one rule to every viewset, and
an action the catalogue does not know (a write) finds nothing (default deny).
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models

from core.querysets import FileRecordQuerySet as ChildQuerySet

#: the capability a viewset of the catalogue declares for its reads
CATALOGUE = "catalogue"


class CatalogueQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = CATALOGUE) -> Self:
        if action != CATALOGUE or user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class ChallengeQuerySet(ChildQuerySet):
    """A challenge hangs from a classification: visible with the grant on its prisoner."""

    prisoner_field = "classification__prisoner"
