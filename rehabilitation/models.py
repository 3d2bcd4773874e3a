"""Programmes, their offerings at facilities, and each prisoner's pathway through one:
referral → suitability → enrolment (or waiting list) → sessions and attendance →
completion with outcomes, or withdrawal / suspension. Status history is kept."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from classification.models import SHORT_TEXT, limited_text
from classification.querysets import CatalogueQuerySet
from core.i18n import tr, validate_translations
from rehabilitation.choices import (
    AttendanceStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeRating,
    ProgrammeKind,
    ReferralStatus,
)
from rehabilitation.querysets import OfferingQuerySet, ProgrammeRecordQuerySet, SessionQuerySet


class Programme(models.Model):
    """A programme of the catalogue, with who may join it."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.JSONField(_("name"), default=dict, validators=[validate_translations])
    kind = models.CharField(_("type"), max_length=16, choices=ProgrammeKind.choices)
    description = models.JSONField(_("description"), default=dict, blank=True)
    sessions_count = models.PositiveSmallIntegerField(_("number of sessions"))
    # Eligibility: an empty list means anyone.
    eligible_sexes = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    eligible_levels = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    eligible_legal_statuses = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return tr(self.name) or self.code


class ProgrammeGoal(models.Model):
    """A goal of the programme, rated for each participant at completion."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField()
    text = models.JSONField(default=dict, validators=[validate_translations])

    class Meta:
        ordering = ["programme", "order"]

    def __str__(self) -> str:
        return tr(self.text)


class Offering(models.Model):
    """A programme run at one facility, for a period, with a capacity and its staff."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="offerings")
    facility = models.ForeignKey("casemgmt.Facility", on_delete=models.PROTECT, related_name="offerings")
    place = models.CharField(_("place"), max_length=120)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="offerings", verbose_name=_("run by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferingStatus.choices, default=OfferingStatus.PLANNED
    )

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offering_capacity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.facility.code} · {self.starts_on:%d.%m.%Y}"


class Referral(models.Model):
    """A case manager's referral of a prisoner to an offering, and its path."""

    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="referrals")
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="referrals", db_index=False)
    plan_goal = models.ForeignKey(
        "casework.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("case plan goal"),
    )
    reason = limited_text(_("why this programme"), SHORT_TEXT)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(_("referred"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    suitability_note = limited_text(_("suitability assessment"), SHORT_TEXT, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exception_reason = limited_text(_("documented exception"), SHORT_TEXT, blank=True)
    exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ProgrammeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["referred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner", "offering"],
                condition=Q(status__in=["pending", "waiting", "enrolled"]),
                name="one_live_referral_per_offering",
            )
        ]
        indexes = [
            models.Index(fields=["offering", "status", "referred_at"], name="referral_queue"),
            models.Index(fields=["referred_at", "id"], name="referral_order"),  # lists across files
        ]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number} → {self.offering}"


class Enrolment(models.Model):
    """A place taken in an offering."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="enrolment")
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="enrolments")
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="enrolments", db_index=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = limited_text(_("reason"), SHORT_TEXT, blank=True)

    objects = ProgrammeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["enrolled_at"]
        indexes = [
            models.Index(fields=["offering", "status"], name="enrolment_places"),
            models.Index(fields=["enrolled_at"], name="enrolment_order"),  # lists across files
        ]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number} · {self.offering}"


class StatusChange(models.Model):
    """The pathway's history: every change of a referral or enrolment, with why."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    status = models.CharField(max_length=14)
    reason = limited_text(_("reason"), SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.status}"


class Session(models.Model):
    """One session of an offering."""

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at"]
        indexes = [models.Index(fields=["date"], name="session_day")]

    def __str__(self) -> str:
        return f"{self.offering.programme} · {self.date:%d.%m.%Y}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance", db_index=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("progress note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}: {self.status}"

    def audit_subjects(self) -> list[int]:
        """The participant (load ``enrolment`` with the rows: one query, not one each)."""
        return [self.enrolment.prisoner_id]


class Outcome(models.Model):
    """At completion, each goal of the programme rated for the participant."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="outcomes", db_index=False
    )
    goal = models.ForeignKey(ProgrammeGoal, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("rating"), max_length=14, choices=OutcomeRating.choices)
    note = limited_text(_("note"), SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [models.UniqueConstraint(fields=["enrolment", "goal"], name="one_outcome_per_goal")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.rating}"
