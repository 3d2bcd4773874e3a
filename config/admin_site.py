"""The admin site: reference data and staff, never a prisoner's data (issue 16).

Administrators hold no grant on the files, so no model about a prisoner is registered
(``tests/auditlog/test_admin_no_prisoner_data.py`` crawls every admin page). One edge
remains in Django's own pages: deleting a facility, a unit, a staff member or a
programme lists every related record by name — prisoners among them. Every model admin
registered here therefore shows the objects chosen and counts per type, not the rows.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import admin


class CountsOnlyDeleteMixin:
    """The delete confirmation names the chosen objects and counts the related ones."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Top-level entries are the chosen objects; nested lists are their related rows.
        chosen = [entry for entry in deleted if not isinstance(entry, list)]
        # A protected entry reads "Verbose name: str(obj)"; keep only the kind, counted.
        kinds = Counter(str(entry).split(":", 1)[0] for entry in protected)
        return chosen, model_count, perms_needed, [f"{kind}: {n}" for kind, n in sorted(kinds.items())]


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CountsOnlyDeleteMixin):
            admin_class = type(admin_class.__name__, (CountsOnlyDeleteMixin, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)
