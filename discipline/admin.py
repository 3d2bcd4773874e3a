from django.contrib import admin

from discipline.models import Offence, SanctionKind


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "regulation", "serious", "active")
    list_filter = ("serious", "active")


@admin.register(SanctionKind)
class SanctionKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "category", "max_days", "active")
    list_filter = ("category", "active")
