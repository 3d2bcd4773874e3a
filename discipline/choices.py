"""Enumerations of discipline and separation. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Rule 44: solitary confinement beyond 15 consecutive days is prolonged, and prohibited.
SOLITARY_MAX_DAYS = 15
#: the free texts' maximum lengths
FACTS_MAX = 8000
TEXT_MAX = 4000
SHORT_MAX = 200


class Status(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CHARGED = "charged", _("Charged (person informed)")
    HEARD = "heard", _("Heard")
    APPEALED = "appealed", _("Under appeal")
    CLOSED = "closed", _("Closed")


class Finding(models.TextChoices):
    PROVED = "proved", _("Proved")
    NOT_PROVED = "not_proved", _("Not proved")
    DISMISSED = "dismissed", _("Dismissed")


class SanctionCategory(models.TextChoices):
    """What a sanction of the catalogue does. The last five are prohibited outright
    (Rule 43): a catalogue entry may name them, the service refuses to impose them."""

    CAUTION = "caution", _("Caution or warning")
    PRIVILEGES = "privileges", _("Loss of privileges")
    EARNINGS = "earnings", _("Deduction of earnings")
    EXTRA_WORK = "extra_work", _("Extra work")
    CONFINEMENT = "confinement", _("Confinement to a cell or separation")
    OTHER = "other", _("Other")
    FOOD = "food", _("Reduction of food or drinking water")
    FAMILY_CONTACT = "family_contact", _("Ban on family contact")
    RESTRAINTS = "restraints", _("Instruments of restraint")
    CORPORAL = "corporal", _("Corporal punishment")
    DARK_CELL = "dark_cell", _("Dark or constantly lit cell")


class MotherStatus(models.TextChoices):
    """Bangkok Rule 22: none of these may be put in close confinement or segregation."""

    NONE = "none", _("None of these")
    PREGNANT = "pregnant", _("Pregnant")
    INFANT = "infant", _("With an infant")
    BREASTFEEDING = "breastfeeding", _("Breastfeeding")


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Finding and sanctions upheld")
    VARIED = "varied", _("Sanctions reduced")
    QUASHED = "quashed", _("Finding quashed")


class SeparationKind(models.TextChoices):
    DISCIPLINARY = "disciplinary", _("Disciplinary")
    PROTECTIVE = "protective", _("Protective")
    ADMINISTRATIVE = "administrative", _("Administrative")
    REGIME = "regime", _("Separation regime of the classification")


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    END = "end", _("End the separation")


#: hours out of cell a day of the classification's separation regime when it opens
#: (under 2 hours it is solitary confinement of Rule 44; the 15-day limit applies either way)
REGIME_HOURS_OUT = 2
