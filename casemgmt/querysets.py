"""The prisoner's queryset: the engine's restriction (``core.querysets``) and what a
page of one file or a list of files reads with each row."""

from __future__ import annotations

from core.querysets import FileQuerySet

#: the rows a list or a file's page shows beside each prisoner
LIST_RELATED = ("facility", "unit", "cell")


class PrisonerQuerySet(FileQuerySet):
    def for_display(self) -> PrisonerQuerySet:
        return self.select_related(*LIST_RELATED)
