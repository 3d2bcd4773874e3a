from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def contact_rule(event):
    """A confidential contact's rows (children, victims) for view_family only."""
    if (event.after or {}).get("confidential") or (event.before or {}).get("confidential"):
        return "view_family"
    return ("change_prisoner", "view_family")


class FamilyConfig(AppConfig):
    name = "family"
    verbose_name = _("Family and visits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from family import reminders, standards, tabs
        from family.services import import_admission
        from intake import extensions

        # From admission on, the file keeps the contacts and children the intake recorded.
        extensions.register_on_complete("family", import_admission)

        history.register("family.contact", contact_rule)
        history.register("family.restriction", contact_rule)
        history.register("family.child", "view_family")
        history.register("family.childhealthcheck", "view_family")
        history.register("family.visit", ("change_prisoner", "view_family"))
        history.register("family.consularnotification", ("change_prisoner", "view_family"))
        tabs.register()
        reminders.register()
        standards.register()
