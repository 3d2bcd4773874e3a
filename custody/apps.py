from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustodyConfig(AppConfig):
    name = "custody"
    verbose_name = _("Security operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import services as casemgmt_services
        from custody import history, standards, tabs
        from custody.services import movement_record

        # The file's app records an admission's placement through us (casemgmt.services.prisoner_admit).
        casemgmt_services.register_movement_recorder(movement_record)

        tabs.register()
        from custody import queue

        queue.register()  # its rows of the work queue (casemgmt.queue)
        from custody import home

        home.register()  # its section of the home page (casemgmt.home)
        history.register()
        standards.register()
