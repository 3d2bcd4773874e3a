"""Allocation to a case manager, the case plan (with its history) and case notes."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.choices import ActionStatus, GoalStatus, NeedArea, NeedSource, NoteKind, PlanStatus
from casework.querysets import AllocationQuerySet, CaseNoteQuerySet
from core.querysets import FileRecordQuerySet as ChildQuerySet

# Free texts have a limit (issue 16: a note of a million characters was accepted and, a
# note being never deleted, could not be removed): short texts (a summary, a goal) and
# narratives (a note, a review's decisions).
SHORT_TEXT = 4000
LONG_TEXT = 20000


def _limit(n: int) -> dict:
    """``max_length`` (forms and serializers refuse longer input) and its validator
    (``full_clean`` in the services refuses it too: a TextField does not check max_length)."""
    return {"max_length": n, "validators": [MaxLengthValidator(n)]}


class Allocation(models.Model):
    """That a case manager holds a prisoner's case, from when to when."""

    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="allocations")
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="caseload",
        db_index=False,
    )
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField(_("allocated"), auto_now_add=True)
    handover_note = models.TextField(_("handover note"), blank=True, **_limit(SHORT_TEXT))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-allocated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner"], condition=Q(ended_at__isnull=True), name="one_case_manager"
            )
        ]
        indexes = [models.Index(fields=["case_manager", "ended_at"], name="allocation_caseload")]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number} → {self.case_manager}"


class CasePlan(models.Model):
    """The sentence/custody plan: needs, goals and actions, through draft → active →
    under review → closed. Every change leaves a snapshot, so the plan as it stood on
    any date can be shown."""

    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="case_plans")
    status = models.CharField(
        _("status"), max_length=14, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True, **_limit(SHORT_TEXT))
    next_review_date = models.DateField(_("next plan review"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("case plan")
        verbose_name_plural = _("case plans")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner"], condition=~Q(status="closed"), name="one_open_case_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number} · {self.get_status_display()}"


class Need(models.Model):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("area"), max_length=16, choices=NeedArea.choices)
    description = models.TextField(_("description"), **_limit(SHORT_TEXT))
    source = models.CharField(
        _("identified by"), max_length=12, choices=NeedSource.choices, default=NeedSource.INTERVIEW
    )

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.description[:60]}"


class Goal(models.Model):
    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="goals")
    need = models.ForeignKey(Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals")
    description = models.TextField(_("goal"), **_limit(SHORT_TEXT))
    status = models.CharField(_("status"), max_length=14, choices=GoalStatus.choices, default=GoalStatus.OPEN)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description[:80]


class Action(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"), **_limit(SHORT_TEXT))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_text = models.CharField(_("owner (if not a user)"), max_length=200, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["target_date", "id"]
        indexes = [models.Index(fields=["status", "target_date"], name="action_due")]

    def __str__(self) -> str:
        return self.description[:80]


class PlanSnapshot(models.Model):
    """The whole plan as it stood after a change (needs, goals, actions, status)."""

    plan = models.ForeignKey(CasePlan, on_delete=models.CASCADE, related_name="snapshots", db_index=False)
    version = models.PositiveIntegerField()
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    change = models.CharField(max_length=200)
    data = models.JSONField()

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="plan_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"


class PlanReview(models.Model):
    """A review meeting of the plan: who attended, progress per goal, decisions."""

    plan = models.ForeignKey(CasePlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("attendees"), **_limit(SHORT_TEXT))
    progress = models.JSONField(_("progress per goal"), default=dict)
    decisions = models.TextField(_("decisions"), **_limit(LONG_TEXT))
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} · {self.held_on}"


class CaseNote(models.Model):
    """A typed note. Editable by its author for a short grace period only; after
    that a correction is a new note linked to the old one (the old stays)."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="case_notes", db_index=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NoteKind.choices, default=NoteKind.GENERAL)
    text = models.TextField(_("note"), **_limit(LONG_TEXT))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )

    objects = CaseNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["prisoner", "-created_at", "-id"], name="note_timeline"),
            models.Index(fields=["-created_at", "-id"], name="note_newest"),  # lists across files
            GinIndex(SearchVector("text", config="simple"), name="note_text_search"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
