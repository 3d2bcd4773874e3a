from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "discipline"
    verbose_name = _("Discipline and separation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from discipline import regime, reminders, standards, tabs

        # The change log of a report or separation is read by whoever runs the prison or
        # manages the case (the same people who read the records themselves).
        for object_type in (
            "discipline.report",
            "discipline.sanction",
            "discipline.separation",
            "discipline.healthvisit",
            "discipline.separationreview",
        ):
            history.register(object_type, ("change_prisoner", "manage_caseplan"))
        tabs.register()
        from discipline import queue

        queue.register()  # its rows of the work queue (casemgmt.queue)
        reminders.register()
        standards.register()
        # The classification's separation regime opens and closes its own period.
        regime.register()
