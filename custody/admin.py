from django.contrib import admin

from custody.models import Movement


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    """Read-only: movements are written by the service and never changed."""

    list_display = ("prisoner", "kind", "occurred_at", "to_facility", "external_place")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
