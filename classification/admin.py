"""Administrators edit instruments here. A published version is frozen (the
database refuses changes); "New draft version" copies it for editing."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from classification import services
from classification.models import (
    ClassificationRule,
    Domain,
    Instrument,
    InstrumentVersion,
    Item,
    ReviewPolicy,
)


class VersionInline(admin.TabularInline):
    model = InstrumentVersion
    fields = ["number", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class RuleInline(admin.TabularInline):
    model = ClassificationRule
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "purpose"]
    inlines = [VersionInline, RuleInline]


class DomainInline(admin.StackedInline):
    model = Domain
    extra = 0
    show_change_link = True


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "published_at"]
    list_filter = ["instrument", "status"]
    actions = ["new_draft", "publish"]

    def get_inlines(self, request, obj):
        return [DomainInline] if obj is not None and obj.status == "draft" else []

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status == "draft")

    @admin.action(description=_("New draft version from the selected version"))
    def new_draft(self, request, queryset):
        for version in queryset:
            services.version_new_draft(actor=request.user, version=version)
        messages.success(request, _("Draft created."))

    @admin.action(description=_("Publish (freeze) the selected draft"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.version_publish(actor=request.user, version=version)
            except Exception as exc:  # shown to the administrator
                messages.error(request, str(exc))


class ItemInline(admin.StackedInline):
    model = Item
    extra = 0


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["__str__", "version", "order", "is_protective"]
    inlines = [ItemInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.version.status == "draft")


admin.site.register(ReviewPolicy)
