from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LEGAL_RULE = ("change_prisoner", "manage_caseplan")


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal record and release")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from legal import court_trips, progress, release, reminders, standards, tabs

        for model in (
            "legalcase",
            "charge",
            "hearing",
            "remandperiod",
            "sentence",
            "appeal",
            "releasecalculation",
        ):
            history.register(f"legal.{model}", LEGAL_RULE)
        for model in ("releaseplan", "planitem", "handoversummary", "subjectaccessrequest"):
            history.register(f"legal.{model}", "manage_caseplan")
        release.register()
        court_trips.register()
        progress.register()
        reminders.register()
        tabs.register()
        standards.register()
        from legal import home

        home.register()  # its section of the home page (casemgmt.home)
