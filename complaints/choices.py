"""Enumerations of the requests and complaints register. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casemgmt.choices import Role


class Kind(models.TextChoices):
    REQUEST = "request", pgettext_lazy("complaint kind", "Request")
    COMPLAINT = "complaint", _("Complaint")


class Category(models.TextChoices):
    TREATMENT = "treatment", _("Treatment")
    CONDITIONS = "conditions", _("Conditions of detention")
    HEALTH = "health", _("Health care")
    LEGAL = "legal", _("Legal matters")
    FAMILY = "family", _("Family contact")
    DISCIPLINE = "discipline", _("Discipline")
    STAFF_CONDUCT = "staff_conduct", _("Staff conduct")
    ILL_TREATMENT = "ill_treatment", _("Torture or ill-treatment")
    OTHER = "other", _("Other")


class Route(models.TextChoices):
    """To whom the request or complaint is addressed (Mandela Rule 56(1)-(3))."""

    DIRECTOR = "director", _("Facility director")
    CENTRAL = "central", _("Central prison administration")
    INSPECTION = "inspection", _("Prosecutor, ombudsman or inspection body")


#: the role that reads and answers the complaints routed outside the facility
ROUTE_ROLES = {Route.CENTRAL: Role.CENTRAL_ADMIN, Route.INSPECTION: Role.INSPECTOR}


class SubmittedBy(models.TextChoices):
    """Who made it: the prisoner, or their legal adviser or family (Rule 56(4))."""

    PRISONER = "prisoner", _("The prisoner")
    LAWYER = "lawyer", _("Their lawyer")
    FAMILY = "family", _("A family member")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Under investigation")
    ANSWERED = "answered", _("Answered")
    REFERRED = "referred", _("Appealed or referred outside")
    CLOSED = "closed", pgettext_lazy("complaint status", "Closed")


OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.INVESTIGATING)

#: the workflow: which step may follow which
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.ACKNOWLEDGED},
    Status.ACKNOWLEDGED: {Status.INVESTIGATING, Status.ANSWERED},
    Status.INVESTIGATING: {Status.ANSWERED},
    Status.ANSWERED: {Status.REFERRED, Status.CLOSED},
    Status.REFERRED: {Status.CLOSED},
    Status.CLOSED: set(),
}


class OutsideKind(models.TextChoices):
    APPEAL = "appeal", _("Appeal")
    REFERRAL = "referral", _("Referral to an outside authority")


class ReprisalKind(models.TextChoices):
    """What may follow a complaint as a reprisal (Rule 57(2)) and is shown for review."""

    CELL_MOVE = "cell_move", _("Cell move")
    TRANSFER = "transfer", _("Transfer")
    RECLASSIFIED = "reclassified", _("Security level raised")
    PROGRAMME_LOST = "programme_lost", _("Programme place lost")


#: the free texts' maximum lengths (issue 16)
WORDS_MAX = 20000
SUMMARY_MAX = 4000
ANSWER_MAX = 20000
NOTE_MAX = 4000
