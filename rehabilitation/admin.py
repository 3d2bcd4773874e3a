from django.contrib import admin

from rehabilitation.models import Offering, Programme, ProgrammeGoal


class GoalInline(admin.TabularInline):
    model = ProgrammeGoal
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "kind", "sessions_count", "is_active"]
    inlines = [GoalInline]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "facility", "capacity", "status"]
    list_filter = ["facility", "status"]
    filter_horizontal = ["staff"]
