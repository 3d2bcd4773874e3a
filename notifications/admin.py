from django.contrib import admin

from notifications.models import SweepRun


@admin.register(SweepRun)
class SweepRunAdmin(admin.ModelAdmin):
    """Recent sweeps: started, finished, counts, errors."""

    list_display = ["started_at", "finished_at", "created", "considered", "batches", "errors"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
