from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_capability(sender=None, using="default", **kwargs):
    """The ``view_sensitive_documents`` permission on the file and the document kinds exist
    (migration 0002 makes them; a flushed test database gets them back here)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    ct, _created = ContentType.objects.db_manager(using).get_or_create(app_label="casemgmt", model="prisoner")
    Permission.objects.db_manager(using).get_or_create(
        content_type=ct, codename="view_sensitive_documents", defaults={"name": "See sensitive documents"}
    )
    ensure_kinds(using)


def ensure_kinds(using="default"):
    """The document kinds of migration 0002 exist (a flushed test database gets them back)."""
    import importlib

    from documents.models import DocumentKind

    kinds = importlib.import_module("documents.migrations.0002_capability_kinds_append_only").KINDS
    for code, name, ru, tg, sensitive in kinds:
        DocumentKind.objects.db_manager(using).get_or_create(
            code=code, defaults={"name": name, "name_ru": ru, "name_tg": tg, "sensitive": sensitive}
        )


def history_rule(event):
    """A sensitive kind's rows are for the holders of ``view_sensitive_documents``."""
    from documents.models import Document, DocumentKind

    after = event.after or {}
    if "kind" in after:
        sensitive = DocumentKind.objects.filter(code=after["kind"], sensitive=True).exists()
    else:
        sensitive = Document.objects.filter(pk=after.get("document"), kind__sensitive=True).exists()
    return "view_sensitive_documents" if sensitive else ("change_prisoner", "manage_caseplan")


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from documents import intake_scans

        post_migrate.connect(ensure_capability, sender=self, dispatch_uid="documents-capability")
        history.register("documents.document", history_rule)
        history.register("documents.documentversion", history_rule)
        history.register("documents.intakescan", ("change_prisoner",))
        intake_scans.register()
