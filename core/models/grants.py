"""How many files each group holds each permission on, kept by the database."""

from __future__ import annotations

from django.db import models


class GrantTally(models.Model):
    """A change in the number of files a group holds a permission on: the file model's
    group-grant table's triggers (a migration of the app that owns it) add one row per
    statement that inserts, deletes or moves grants, per group and permission, and
    ``core.querysets.compact_tallies`` folds the rows into one each (beat, every ten
    minutes). The group's count is the sum of its rows: one short index read, however
    many files the group holds, where counting its grants reads one index entry per
    file (54,000 for the officers of the largest facility of the 1,000,000-file set;
    issue #25).

    Rows are only inserted and, by the compaction, replaced in one statement: no row is
    ever updated, so concurrent grants in one facility never wait on each other.

    Plain integers, not foreign keys: a group's grants are deleted before the group, and
    their trigger's row must not hold up the group's deletion."""

    group_id = models.IntegerField()
    permission_id = models.IntegerField()
    files = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["group_id", "permission_id"], include=["files"], name="granttally_group_perm"
            ),
        ]

    def __str__(self) -> str:
        return f"group {self.group_id}, permission {self.permission_id}: {self.files:+d}"
