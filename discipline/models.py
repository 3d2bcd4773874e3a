"""Discipline and separation (Mandela Rules 36-46, Bangkok Rule 22).

A disciplinary report charges one person with one offence of the catalogue (Rule 37);
the person is informed of the charge in a language they understand, with time to prepare,
an interpreter and, for a serious charge, legal assistance (Rule 41), each with its date;
an authorised person who did not report it hears it and records the person's account and
the finding with reasons; sanctions come from a catalogue with maximum durations and are
imposed once (Rule 39); an appeal is decided by a higher authority. Every period a person
is held apart is a ``Separation`` with its daily health visits (Rule 46) and reviews.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import Language
from classification.querysets import CatalogueQuerySet
from discipline.choices import (
    FACTS_MAX,
    SHORT_MAX,
    SOLITARY_MAX_DAYS,
    TEXT_MAX,
    AppealOutcome,
    Finding,
    ReviewDecision,
    SanctionCategory,
    SeparationKind,
    Status,
)
from discipline.querysets import RecordQuerySet, ReportQuerySet, SeparationQuerySet


def _text(label, limit=TEXT_MAX, **extra):
    return models.TextField(label, max_length=limit, validators=[MaxLengthValidator(limit)], **extra)


def _user(**extra):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", **extra
    )


class Offence(models.Model):
    """An offence of the catalogue, mapped to the law or regulation that defines it (Rule 37)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("offence"), max_length=SHORT_MAX)
    regulation = models.CharField(
        _("law or regulation"), max_length=SHORT_MAX, help_text=_("The article that defines the offence.")
    )
    serious = models.BooleanField(
        _("serious"), default=False, help_text=_("A serious charge needs legal assistance (Rule 41(3)).")
    )
    active = models.BooleanField(_("in use"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("disciplinary offence")
        verbose_name_plural = _("disciplinary offences")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.regulation})"


class SanctionKind(models.Model):
    """A sanction of the catalogue with its maximum duration and conditions (Rule 37(c))."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("sanction"), max_length=SHORT_MAX)
    category = models.CharField(_("category"), max_length=16, choices=SanctionCategory.choices)
    max_days = models.PositiveSmallIntegerField(
        _("maximum duration (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the sanction has no duration."),
    )
    conditions = _text(_("conditions"), blank=True)
    active = models.BooleanField(_("in use"), default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="disciplinary_reports",
        verbose_name=_("prisoner"),
        db_index=False,
    )
    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    offence = models.ForeignKey(
        Offence, on_delete=models.PROTECT, related_name="reports", verbose_name=_("offence")
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    place = models.CharField(_("where"), max_length=SHORT_MAX)
    facts = _text(_("facts"), FACTS_MAX)
    witnesses = _text(_("witnesses"), blank=True)
    evidence = _text(_("other evidence"), blank=True)
    find = models.ForeignKey(
        "custody.Find",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("find"),
    )
    incident = models.ForeignKey(
        "custody.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incident"),
    )
    reported_by = _user(verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REPORTED)
    # Rule 41(1)-(2), (4): informed of the charge, time to prepare, an interpreter
    informed_on = models.DateField(_("informed of the charge on"), null=True, blank=True)
    informed_language = models.CharField(
        _("in the language"), max_length=5, choices=Language.choices, blank=True
    )
    interpreter = models.CharField(_("interpreter"), max_length=SHORT_MAX, blank=True)
    prepare_until = models.DateField(_("time to prepare until"), null=True, blank=True)
    # Rule 41(3): legal assistance for a serious charge
    legal_assistance = models.CharField(_("legal assistance"), max_length=SHORT_MAX, blank=True)
    legal_assistance_on = models.DateField(_("legal assistance given on"), null=True, blank=True)
    # the hearing
    heard_by = _user(verbose_name=_("heard by"))
    heard_at = models.DateTimeField(_("heard"), null=True, blank=True)
    account = _text(_("the person's account"), blank=True)
    finding = models.CharField(_("finding"), max_length=10, choices=Finding.choices, blank=True)
    reasons = _text(_("reasons"), blank=True)
    sanctioned_at = models.DateTimeField(_("sanctioned"), null=True, blank=True)
    # the appeal or review by a higher authority
    appeal_on = models.DateField(_("appeal lodged on"), null=True, blank=True)
    appeal_grounds = _text(_("grounds of appeal"), blank=True)
    appeal_by = _user(verbose_name=_("appeal decided by"))
    appeal_at = models.DateTimeField(_("appeal decided"), null=True, blank=True)
    appeal_outcome = models.CharField(_("outcome"), max_length=10, choices=AppealOutcome.choices, blank=True)
    appeal_reasons = _text(_("reasons of the appeal decision"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("disciplinary report")
        verbose_name_plural = _("disciplinary reports")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["facility", "status", "-reported_at"], name="discipline_register"),
            models.Index(fields=["prisoner", "-reported_at"], name="discipline_file"),
        ]

    def __str__(self) -> str:
        return f"{self.offence.name} {self.occurred_at:%Y-%m-%d}"

    @property
    def proved(self) -> bool:
        return self.finding == Finding.PROVED and self.appeal_outcome != AppealOutcome.QUASHED

    @property
    def without_legal_assistance(self) -> bool:
        return self.offence.serious and not self.legal_assistance_on


class Sanction(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="sanctions")
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(
        SanctionKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("sanction")
    )
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=[MaxValueValidator(366)]
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    imposed_by = _user()
    imposed_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled on appeal"), null=True, blank=True)
    appeal_days = models.PositiveSmallIntegerField(
        _("days after the appeal"),
        null=True,
        blank=True,
        help_text=_("Set when an appeal reduced the sanction; the imposed days stay recorded."),
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind.name} ({self.days or '-'})"

    @property
    def effective_days(self) -> int | None:
        """The days the sanction runs for: as imposed, or as reduced on appeal."""
        return self.appeal_days if self.appeal_days is not None else self.days

    @property
    def ends_on(self):
        """The last day of the sanction (none for a sanction without a duration)."""
        days = self.effective_days
        return self.starts_on + dt.timedelta(days=days - 1) if days else None


class Separation(models.Model):
    """A period a person is held apart from the others, whatever the reason."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="separations", verbose_name=_("prisoner")
    )
    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(_("kind"), max_length=14, choices=SeparationKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=SHORT_MAX)
    sanction = models.OneToOneField(
        Sanction, on_delete=models.PROTECT, null=True, blank=True, related_name="separation"
    )
    # The classification's separation regime opens and closes its own period (``regime``).
    classification = models.ForeignKey(
        "classification.Classification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("classification decision"),
    )
    started_at = models.DateTimeField(_("start"), default=timezone.now)
    #: Rule 44 counts consecutive days apart: a period that begins within a day of the end of
    #: the person's previous one continues that one's count (``separations.counted_from``).
    counted_from = models.DateTimeField(_("days apart counted from"), editable=False)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    ended_at = models.DateTimeField(_("actual end"), null=True, blank=True)
    hours_out = models.DecimalField(
        _("hours out of cell per day"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    review_days = models.PositiveSmallIntegerField(
        _("review every (days)"), validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    placed_by = _user()
    ended_by = _user()
    end_reason = models.CharField(_("why it ended"), max_length=SHORT_MAX, blank=True)

    objects = SeparationQuerySet.as_manager()

    class Meta:
        verbose_name = _("separation")
        verbose_name_plural = _("separations")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["facility", "ended_at"], name="separation_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="separation_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["classification"],
                condition=models.Q(classification__isnull=False),
                name="separation_one_per_classification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"

    def days(self, today=None) -> int:
        """Consecutive days held apart (the first day counts), across adjoining periods."""
        end = timezone.localdate(self.ended_at) if self.ended_at else (today or timezone.localdate())
        return (end - timezone.localdate(self.counted_from or self.started_at)).days + 1

    @property
    def over_limit(self) -> bool:
        return self.days() > SOLITARY_MAX_DAYS


class HealthVisit(models.Model):
    """A daily visit by health care staff to a separated person (Rule 46(1))."""

    separation = models.ForeignKey(
        Separation, on_delete=models.PROTECT, related_name="health_visits", db_index=False
    )
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField(_("day"), default=timezone.localdate)
    visited_at = models.DateTimeField(_("visited"), default=timezone.now)
    visited_by = _user()
    adverse_effects = models.BooleanField(
        _("adverse effects reported to the director"),
        default=False,
        help_text=_("Rule 46(2): effects of the separation on physical or mental health."),
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("health visit")
        verbose_name_plural = _("health visits")
        ordering = ["-visited_at"]
        constraints = [
            models.UniqueConstraint(fields=["separation", "visited_on"], name="health_visit_daily")
        ]

    def __str__(self) -> str:
        return f"{self.visited_on}"


class SeparationReview(models.Model):
    separation = models.ForeignKey(Separation, on_delete=models.PROTECT, related_name="reviews")
    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    note = _text(_("review"))
    reviewed_by = _user()
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("separation review")
        verbose_name_plural = _("separation reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.reviewed_at:%Y-%m-%d}"
