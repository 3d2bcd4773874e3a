"""Enumerations of the legal record and the release plan. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: free texts' ceilings
SHORT = 200
NOTE = 4000


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("criminal case status", "Open")
    CLOSED = "closed", _("Closed")


class HearingOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADJOURNED = "adjourned", _("Adjourned")
    REMAND_EXTENDED = "remand", _("Remand extended")
    CONVICTED = "convicted", _("Convicted and sentenced")
    ACQUITTED = "acquitted", _("Acquitted")
    RELEASED = "released", _("Release ordered")
    OTHER = "other", _("Other")


#: hearing outcomes that are a lawful basis to release (with the court's order as a document)
RELEASING_OUTCOMES = (HearingOutcome.ACQUITTED, HearingOutcome.RELEASED)


class Regime(models.TextChoices):
    SETTLEMENT = "settlement", _("Colony-settlement")
    GENERAL = "general", _("General regime")
    STRICT = "strict", _("Strict regime")
    SPECIAL = "special", _("Special regime")
    PRISON = "prison", _("Prison")


class SentenceStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    REPLACED = "replaced", _("Replaced on appeal")
    QUASHED = "quashed", _("Quashed")


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Sentence upheld")
    VARIED = "varied", _("Sentence changed")
    QUASHED = "quashed", _("Conviction quashed")


class Pathway(models.TextChoices):
    """The seven pathways of the release and reintegration plan."""

    ACCOMMODATION = "accommodation", _("Accommodation")
    FAMILY = "family", _("Family and children")
    IDENTITY = "identity", _("Identity documents")
    WORK = "work", _("Education and work")
    HEALTH = "health", _("Health and substance use")
    FINANCE = "finance", _("Finance")
    DISENGAGEMENT = "disengagement", _("Disengagement and community follow-up")


class PlanStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("release plan status", "Open")
    READY = "ready", _("Ready for release")
    CLOSED = "closed", _("Closed")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")


DONE_STATUSES = (ItemStatus.DONE, ItemStatus.NOT_NEEDED)


class Agency(models.TextChoices):
    PROBATION = "probation", _("Probation service")
    COMMUNITY = "community", _("Community services / local authority")
    SECURITY = "security", _("Security services")


class Section(models.TextChoices):
    """The sections a handover summary may carry."""

    IDENTITY = "identity", _("Identity")
    LEGAL = "legal", _("Legal record and release date")
    PLACEMENT = "placement", _("Placement history")
    RISK = "risk", _("Risk and classification")
    PROGRAMMES = "programmes", _("Programmes")
    PLAN = "plan", _("Release and reintegration plan")
