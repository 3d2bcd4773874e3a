"""The kinds of document are reference data kept here (no prisoner data)."""

from django.contrib import admin

from documents.models import DocumentKind


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_ru", "name_tg", "sensitive", "is_active"]
    search_fields = ["code", "name", "name_ru", "name_tg"]

    def has_delete_permission(self, request, obj=None):
        return False  # documents refer to their kind: retire one with "in use" instead
