from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.TextChoices):
    DISENGAGEMENT = "disengagement", _("Disengagement and counter-narrative")
    RELIGIOUS = "religious", _("Religious dialogue")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    EDUCATION = "education", _("Education and literacy")
    VOCATIONAL = "vocational", _("Vocational training")
    FAMILY = "family", _("Family contact")
    GENDER = "gender", _("Gender-specific programme")
    PRE_RELEASE = "pre_release", _("Pre-release and reintegration")


class OfferingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", pgettext_lazy("offering status", "Cancelled")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Referred, awaiting assessment")
    NOT_SUITABLE = "not_suitable", _("Not suitable")
    WAITING = "waiting", _("On the waiting list")
    ENROLLED = "enrolled", _("Enrolled")
    CANCELLED = "cancelled", pgettext_lazy("referral status", "Cancelled")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Taking part")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


ENROLMENT_TRANSITIONS: dict[str, set[str]] = {
    EnrolmentStatus.ACTIVE: {EnrolmentStatus.SUSPENDED, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED},
    EnrolmentStatus.SUSPENDED: {EnrolmentStatus.ACTIVE, EnrolmentStatus.WITHDRAWN},
    EnrolmentStatus.WITHDRAWN: set(),
    EnrolmentStatus.COMPLETED: set(),
}


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    LATE = "late", _("Late")
    REFUSED = "refused", _("Refused")
    SICK = "sick", _("Sick")
    CLASH = "clash", _("Clash (court, visit, other duty)")
    OTHER = "other", _("Other reason")


PRESENT = {AttendanceStatus.ATTENDED, AttendanceStatus.LATE}


class OutcomeRating(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
