from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassificationConfig(AppConfig):
    name = "classification"
    verbose_name = _("Risk and classification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from casemgmt.permissions import Capability
        from classification import tabs

        tabs.register()
        from classification import queue

        queue.register()  # its rows of the work queue (casemgmt.queue)
        # The change-log rows these records leave on a file (history tab): only readers
        # of the risk see them — a keep-apart reason or an extremism assessment is
        # itself sensitive. A flag raised by an incident or a programme is a risk row too.
        for object_type in (
            "classification.assessment",
            "classification.classification",
            "classification.challenge",
            "classification.keepapart",
            "classification.reviewflag",
        ):
            history.register(object_type, Capability.VIEW_RISK)
