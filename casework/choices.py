from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review")
    CLOSED = "closed", _("Closed")


# Allowed moves of a plan's lifecycle.
PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.ACTIVE, PlanStatus.CLOSED},
    PlanStatus.ACTIVE: {PlanStatus.UNDER_REVIEW, PlanStatus.CLOSED},
    PlanStatus.UNDER_REVIEW: {PlanStatus.ACTIVE, PlanStatus.CLOSED},
    PlanStatus.CLOSED: set(),
}


class NeedArea(models.TextChoices):
    DISENGAGEMENT = "disengagement", _("Disengagement")
    EDUCATION = "education", _("Education and literacy")
    VOCATIONAL = "vocational", _("Work and vocational skills")
    FAMILY = "family", _("Family contact")
    HEALTH = "health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health and wellbeing")
    SUBSTANCE = "substance", _("Substance use")
    RELIGION = "religion", _("Religious guidance")
    RESETTLEMENT = "resettlement", _("Housing and resettlement")
    OTHER = "other", _("Other")


class NeedSource(models.TextChoices):
    ASSESSMENT = "assessment", _("Risk assessment")
    INTAKE = "intake", _("Intake")
    INTERVIEW = "interview", _("Interview")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("goal status", "Open")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")


class NoteKind(models.TextChoices):
    GENERAL = "general", _("General")
    BEHAVIOUR = "behaviour", _("Behaviour")
    FAMILY = "family_contact", _("Family contact")
    SECURITY = "security", _("Security information")
    PROGRAMME = "programme", _("Programme")
    HEALTH = "health", _("Health")


# A note is read with manage_caseplan, plus this capability for sensitive kinds.
NOTE_CAPABILITY: dict[str, str] = {
    NoteKind.FAMILY: "view_family",
    NoteKind.SECURITY: "view_security",
    NoteKind.HEALTH: "view_health",
}


# What a plan snapshot records as its change ("key:detail"), for display.
CHANGE_LABELS = {
    "created": _("Plan created"),
    "details": _("Summary or review date changed"),
    "status": _("Status changed"),
    "need": _("Need added"),
    "goal": _("Goal added"),
    "action": _("Action added"),
    "action-status": _("Action status changed"),
    "review": _("Plan reviewed"),
}
