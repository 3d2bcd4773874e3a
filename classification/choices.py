from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class InstrumentPurpose(models.TextChoices):
    SECURITY = "security", _("Security-risk screening")
    EXTREMISM = "extremism", _("Violent-extremism structured judgement")
    NEEDS = "needs", _("Needs assessment")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (editable)")
    PUBLISHED = "published", _("Published (frozen)")
    RETIRED = "retired", _("Retired")


class Scale(models.TextChoices):
    LOW_MODERATE_HIGH = "lmh", _("Low / moderate / high")
    PRESENT_ABSENT = "pa", _("Present / partly / absent")


SCALE_VALUES: dict[str, list[tuple[str, StrOrPromise]]] = {
    Scale.LOW_MODERATE_HIGH: [
        ("low", _("Low")),
        ("moderate", _("Moderate")),
        ("high", _("High")),
        ("unknown", _("Not known")),
    ],
    Scale.PRESENT_ABSENT: [
        ("absent", _("Absent")),
        ("partly", _("Partly present")),
        ("present", _("Present")),
        ("unknown", _("Not known")),
    ],
}
# For the chart: how strongly a rating points (0-2); "unknown" is left out.
SCALE_SCORE = {"low": 0, "moderate": 1, "high": 2, "absent": 0, "partly": 1, "present": 2}


class FactorKind(models.TextChoices):
    RISK = "risk", _("Risk factor")
    PROTECTIVE = "protective", _("Protective factor")


class AppliesTo(models.TextChoices):
    EVERYONE = "all", _("Everyone")
    WOMEN = "women", _("Women only")


class AssessmentKind(models.TextChoices):
    INITIAL = "initial", _("Initial (after admission)")
    PERIODIC = "periodic", _("Periodic review")
    EVENT = "event", _("After significant new information")
    CORRECTION = "correction", _("Correction of an approved assessment")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class Judgement(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class SecurityLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    ENHANCED = "enhanced", _("Enhanced")
    HIGH = "high", _("High")


class Regime(models.TextChoices):
    GENERAL = "general", pgettext_lazy("classification regime", "General regime")
    SUPERVISED = "supervised", _("Enhanced supervision")
    SEPARATED = "separated", _("Separation regime")


class Placement(models.TextChoices):
    NONE = "none", _("No particular placement")
    DISPERSAL = "dispersal", _("Dispersal among the general population")
    CONCENTRATION = "concentration", _("Concentration in a dedicated unit")


class ClassificationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting a supervisor")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class SexRule(models.TextChoices):
    ANY = "any", _("Anyone")
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


class ChallengeOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Challenge upheld: decision changed")
    DISMISSED = "dismissed", _("Challenge dismissed: decision stands")


class ReviewTrigger(models.TextChoices):
    PROGRAMME = "programme", _("Programme completed or left")
    INCIDENT = "incident", _("Incident")
    INTELLIGENCE = "intelligence", _("New information or intelligence")
    FIND = "find", _("Contraband find")
    OTHER = "other", _("Other")


class KeepApartScope(models.TextChoices):
    CELL = "cell", _("Not in the same cell")
    UNIT = "unit", _("Not in the same unit")
    FACILITY = "facility", _("Not in the same facility")
