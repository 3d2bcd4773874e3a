"""Administration of reference data and staff. The prisoner file is not here:
administrators do not read case files (they have no grants). Nor is the audit trail:
its rows name prisoners; auditors read it in its own viewer (``auditlog``), each
reading audited (issue 16)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from casemgmt import services
from casemgmt.models import Cell, Facility, StaffAssignment, Unit, User


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region", "is_active"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.facility_create(
            actor=request.user,
            code=obj.code,
            name=obj.name,
            kind=obj.kind,
            region=obj.region,
            address=obj.address,
        )
        obj.pk = created.pk
        obj.officers_group, obj.supervisors_group = created.officers_group, created.supervisors_group


class CellInline(admin.TabularInline):
    model = Cell
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "facility", "purpose", "sex", "age_group", "legal_category"]
    list_filter = ["facility", "sex", "legal_category", "purpose"]
    inlines = [CellInline]


class AssignmentInline(admin.TabularInline):
    model = StaffAssignment
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (None, {"fields": ("patronymic", "position", "preferred_language")}),
    )
    inlines = [AssignmentInline]
    list_display = ["username", "first_name", "last_name", "is_active", "last_login"]

    def save_related(self, request, form, formsets, change):
        # Roles and facilities may both have changed: the grants follow through the service.
        super().save_related(request, form, formsets, change)
        services.staff_sync_groups(actor=request.user, user=form.instance)
