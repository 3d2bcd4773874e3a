from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_capability(sender=None, using="default", **kwargs):
    """The ``view_complaints`` permission on the prisoner's file exists (migration 0002
    makes it; a flushed test database gets it back here, as Meta permissions do)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    ct, _created = ContentType.objects.db_manager(using).get_or_create(app_label="casemgmt", model="prisoner")
    Permission.objects.db_manager(using).get_or_create(
        content_type=ct,
        codename="view_complaints",
        defaults={"name": "See and handle requests and complaints"},
    )


def history_rule(event):
    """A confidential complaint's rows (dates and status only) are for the holders of
    ``view_complaints``; the others for the staff who may read complaints."""
    if (event.after or {}).get("confidential"):
        return "view_complaints"
    return ("change_prisoner", "view_complaints")


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Requests and complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from complaints import reminders, standards, tabs

        post_migrate.connect(ensure_capability, sender=self, dispatch_uid="complaints-capability")
        history.register("complaints.complaint", history_rule)
        history.register("complaints.reprisalreview", "view_complaints")
        tabs.register()
        from complaints import queue

        queue.register()  # its rows of the work queue (casemgmt.queue)
        reminders.register()
        standards.register()
