from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabilitationConfig(AppConfig):
    name = "rehabilitation"
    verbose_name = _("Rehabilitation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casemgmt import history
        from casemgmt.permissions import Capability
        from rehabilitation import tabs

        tabs.register()
        from classification import evidence
        from rehabilitation import home, selectors

        # The assessor sees what the programmes say (for readers of the programme records).
        evidence.register("programmes", Capability.VIEW_PROGRAMME, selectors.programme_record)

        home.register()  # its section of the home page (casemgmt.home)
        # The change-log rows of a participant's pathway (history tab): readers of the
        # programme records only. The services write referral rows today (every status
        # change of the referral and of its enrolment); the others are registered so
        # that a row written about a prisoner later is not shown more widely.
        for object_type in (
            "rehabilitation.referral",
            "rehabilitation.enrolment",
            "rehabilitation.attendance",
            "rehabilitation.outcome",
        ):
            history.register(object_type, Capability.VIEW_PROGRAMME)
