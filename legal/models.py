"""The legal record (Mandela Rule 8(a)), the expected release date with its history, and
the release and reintegration plan; handover summaries and prisoner's copies (Rule 9)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from legal.choices import (
    DONE_STATUSES,
    NOTE,
    SHORT,
    Agency,
    AppealOutcome,
    CaseStatus,
    HearingOutcome,
    ItemStatus,
    Pathway,
    PlanStatus,
    Regime,
    SentenceStatus,
)
from legal.querysets import LegalQuerySet


def _text(label, limit=NOTE, **extra):
    return models.TextField(
        label, max_length=limit, validators=[MaxLengthValidator(limit)], blank=True, **extra
    )


def _user(**extra):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", **extra
    )


def _prisoner(*, db_index=True):
    return models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prisoner"),
        db_index=db_index,
    )


class LegalCase(models.Model):
    prisoner = _prisoner(db_index=False)  # the uniqueness's index leads with it
    case_number = models.CharField(_("case number"), max_length=50)
    court = models.CharField(_("court"), max_length=SHORT)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    lawyer_name = models.CharField(_("lawyer"), max_length=SHORT, blank=True)
    lawyer_contact = models.CharField(_("lawyer's contact"), max_length=SHORT, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("criminal case")
        verbose_name_plural = _("criminal cases")
        ordering = ["-opened_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["prisoner", "case_number"], name="legal_case_unique")]

    def __str__(self) -> str:
        return f"{self.case_number} ({self.court})"


class Charge(models.Model):
    prisoner = _prisoner()
    case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="charges")
    article = models.CharField(_("article of the criminal code"), max_length=50)
    description = models.CharField(_("description"), max_length=SHORT, blank=True)

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.article


class Hearing(models.Model):
    prisoner = _prisoner()
    case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="hearings")
    scheduled_at = models.DateTimeField(_("date and hour"))
    court = models.CharField(_("court"), max_length=SHORT)
    purpose = models.CharField(_("purpose"), max_length=SHORT, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=HearingOutcome.choices, default=HearingOutcome.PENDING
    )
    outcome_note = _text(_("outcome note"))
    # The court trip that took the person to it (custody's movement names its hearing here).
    movement = models.OneToOneField(
        "custody.Movement", on_delete=models.PROTECT, null=True, blank=True, related_name="hearing"
    )
    created_by = _user()

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["-scheduled_at", "-id"]

    def __str__(self) -> str:
        return f"{self.court} {self.scheduled_at:%Y-%m-%d}"


class RemandPeriod(models.Model):
    prisoner = _prisoner()
    case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="remand_periods")
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty while it lasts."))

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("remand period")
        verbose_name_plural = _("remand periods")
        ordering = ["start_on"]

    def __str__(self) -> str:
        return f"{self.start_on} – {self.end_on or '…'}"

    def clean(self):
        if self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The end is before the start.")})


class Sentence(models.Model):
    prisoner = _prisoner()
    case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="sentences")
    sentenced_on = models.DateField(_("date of sentence"))
    start_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("Empty: the date of sentence.")
    )
    court = models.CharField(_("court"), max_length=SHORT)
    years = models.PositiveSmallIntegerField(_("years"), default=0, validators=[MaxValueValidator(99)])
    months = models.PositiveSmallIntegerField(_("months"), default=0, validators=[MaxValueValidator(11)])
    days = models.PositiveSmallIntegerField(_("days"), default=0, validators=[MaxValueValidator(366)])
    regime = models.CharField(_("regime"), max_length=12, choices=Regime.choices, default=Regime.GENERAL)
    consecutive_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consecutive to"),
        help_text=_("Empty: concurrent with the others."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SentenceStatus.choices, default=SentenceStatus.ACTIVE
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("replaces")
    )
    created_by = _user()

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        ordering = ["sentenced_on", "id"]

    def __str__(self) -> str:
        return f"{self.years}y {self.months}m {self.days}d ({self.sentenced_on})"

    def clean(self):
        if not (self.years or self.months or self.days):
            raise ValidationError(_("Give the length of the sentence."))
        if self.start_on and self.start_on < self.sentenced_on:
            raise ValidationError({"start_on": _("A sentence cannot start before it is passed.")})


class Appeal(models.Model):
    prisoner = _prisoner()
    sentence = models.ForeignKey(Sentence, on_delete=models.PROTECT, related_name="appeals")
    lodged_on = models.DateField(_("lodged on"))
    court = models.CharField(_("court"), max_length=SHORT)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    new_sentence = models.ForeignKey(
        Sentence, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-lodged_on", "-id"]

    def __str__(self) -> str:
        return f"{self.court} {self.lodged_on}"


class ReleaseCalculation(models.Model):
    """One calculation of the expected release date: every change of the record makes a
    new row (the history); the latest is the current one."""

    prisoner = _prisoner(db_index=False)  # the uniqueness's index leads with it
    computed_at = models.DateTimeField(_("calculated"), auto_now_add=True)
    release_on = models.DateField(_("expected release"), null=True, blank=True)
    early_release = models.JSONField(_("early release eligibility"), default=dict, blank=True)
    credit_days = models.PositiveIntegerField(_("remand credit (days)"), default=0)
    steps = models.JSONField(default=list, blank=True)
    reason = models.CharField(_("reason"), max_length=SHORT)
    computed_by = _user()

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("release date calculation")
        verbose_name_plural = _("release date calculations")
        ordering = ["-computed_at", "-id"]
        indexes = [models.Index(fields=["prisoner", "-computed_at"], name="legal_release_current")]

    def __str__(self) -> str:
        return str(self.release_on or "—")

    def explanation(self) -> list[str]:
        return [gettext(msg) % params for msg, params in self.steps]


class ReleasePlan(models.Model):
    prisoner = _prisoner()
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.OPEN)
    opened_on = models.DateField(_("opened on"))
    opened_automatically = models.BooleanField(default=False)
    expected_release = models.DateField(_("expected release"), null=True, blank=True)
    summary = _text(_("summary"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("release and reintegration plan")
        verbose_name_plural = _("release and reintegration plans")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner"], condition=~models.Q(status="closed"), name="legal_one_open_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.opened_on})"

    def progress(self) -> tuple[int, int]:
        items = list(self.items.values_list("status", flat=True))
        return sum(1 for s in items if s in DONE_STATUSES), len(items)


class PlanItem(models.Model):
    prisoner = _prisoner()
    plan = models.ForeignKey(ReleasePlan, on_delete=models.PROTECT, related_name="items")
    pathway = models.CharField(_("pathway"), max_length=14, choices=Pathway.choices)
    need = _text(_("need"))
    action = _text(_("action"))
    owner = models.CharField(
        _("owner"), max_length=SHORT, blank=True, help_text=_("Who does it (inside or outside).")
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["pathway", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_pathway_display()}: {self.action[:40]}"

    def clean(self):
        if not (self.need.strip() or self.action.strip()):
            raise ValidationError(_("Write the need or the action."))


class HandoverSummary(models.Model):
    prisoner = _prisoner()
    agency = models.CharField(_("receiving agency"), max_length=10, choices=Agency.choices)
    recipient = models.CharField(_("recipient"), max_length=SHORT)
    sections = models.JSONField(_("sections"), default=list)
    reason = models.CharField(_("reason"), max_length=SHORT)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("handover summary")
        verbose_name_plural = _("handover summaries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} {self.created_at:%Y-%m-%d}"


class SubjectAccessRequest(models.Model):
    """Rule 9: the person asked for (or is given at release) a copy of their own record."""

    prisoner = _prisoner()
    requested_on = models.DateField(_("requested on"))
    at_release = models.BooleanField(_("given at release"), default=False)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=SHORT, blank=True)
    created_by = _user()
    delivered_by = _user()

    objects = LegalQuerySet.as_manager()

    class Meta:
        verbose_name = _("prisoner's copy request")
        verbose_name_plural = _("prisoner's copy requests")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return str(self.requested_on)
