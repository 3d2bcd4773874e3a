"""The requests and complaints register (Mandela Rules 54-57).

A complaint is taken in the person's own words, routed to the facility's director, the
central prison administration or an outside authority, and goes received ->
acknowledged -> under investigation -> answered -> appealed/referred -> closed, each
step stamped here and audited. An allegation of torture or ill-treatment can never be
deleted or rewritten (a database trigger, migration 0001).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.choices import (
    ANSWER_MAX,
    NOTE_MAX,
    OPEN_STATUSES,
    SUMMARY_MAX,
    WORDS_MAX,
    Category,
    Kind,
    OutsideKind,
    ReprisalKind,
    Route,
    Status,
    SubmittedBy,
)
from complaints.querysets import ComplaintQuerySet, ReprisalReviewQuerySet

# Rule 56(3): confidentiality is for the authorities outside the facility.
CONFIDENTIAL_OUTSIDE = _("Only a complaint addressed outside the facility can be confidential.")


def _text(label, limit, **extra):
    return models.TextField(label, max_length=limit, validators=[MaxLengthValidator(limit)], **extra)


def _user(**extra):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", **extra
    )


class Complaint(models.Model):
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("prisoner"),
        db_index=False,
    )
    # Where the person was held when it was made (the register is kept per facility).
    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("facility"),
        db_index=False,
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    kind = models.CharField(
        _("request or complaint"), max_length=10, choices=Kind.choices, default=Kind.COMPLAINT
    )
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    route = models.CharField(_("addressed to"), max_length=10, choices=Route.choices, default=Route.DIRECTOR)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the authority it is addressed to reads it; facility staff see that it exists."),
    )
    submitted_by = models.CharField(
        _("made by"), max_length=10, choices=SubmittedBy.choices, default=SubmittedBy.PRISONER
    )
    submitter_name = models.CharField(_("name of the lawyer or family member"), max_length=200, blank=True)
    words = _text(_("in the person's own words"), WORDS_MAX, blank=True)
    summary = _text(_("staff summary"), SUMMARY_MAX, blank=True)
    about_staff = _user(verbose_name=_("member of staff complained about"))
    handler = _user(verbose_name=_("handled by"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.RECEIVED)
    acknowledge_due = models.DateField(_("acknowledgement due"))
    answer_due = models.DateField(_("answer due"))
    referral_due = models.DateField(_("referral to an independent authority due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = _user()
    investigation_at = models.DateTimeField(_("investigation opened"), null=True, blank=True)
    answer = _text(_("answer"), ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = _user()
    copy_given_at = models.DateTimeField(_("copy of the answer given"), null=True, blank=True)
    copy_given_by = _user()
    outside_kind = models.CharField(
        _("appeal or referral"), max_length=10, choices=OutsideKind.choices, blank=True
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referral_reference = models.CharField(_("reference"), max_length=100, blank=True)
    referred_at = models.DateTimeField(_("referred"), null=True, blank=True)
    referred_by = _user()
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = _user()
    recorded_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("request or complaint")
        verbose_name_plural = _("requests and complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["facility", "status", "-received_at"], name="complaint_register"),
            models.Index(fields=["route", "status"], name="complaint_route"),
            models.Index(fields=["prisoner", "-received_at"], name="complaint_file"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(confidential=True, route="director"),
                name="complaint_confidential_outside",
                violation_error_message=CONFIDENTIAL_OUTSIDE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.received_at:%Y-%m-%d})"

    @property
    def is_allegation(self) -> bool:
        return self.category == Category.ILL_TREATMENT

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def next_deadline(self):
        """The earliest deadline not yet met (None when every one is met)."""
        pending = []
        if self.acknowledged_at is None and self.status != Status.CLOSED:
            pending.append(self.acknowledge_due)
        if self.answered_at is None and self.status != Status.CLOSED:
            pending.append(self.answer_due)
        if self.referral_due and self.referred_at is None:
            pending.append(self.referral_due)
        return min(pending) if pending else None

    def is_overdue(self, today=None) -> bool:
        due = self.next_deadline()
        return due is not None and due < (today or timezone.localdate())

    def clean(self):
        errors = {}
        if not self.confidential and not self.words.strip():
            # A confidential one may be a sealed letter passed on unopened.
            errors["words"] = _("Write the request or complaint in the person's own words.")
        if self.submitted_by != SubmittedBy.PRISONER and not self.submitter_name.strip():
            errors["submitter_name"] = _("Name the lawyer or family member who made it.")
        if errors:
            raise ValidationError(errors)


class ReprisalReview(models.Model):
    """A supervisor's review of something that happened to a complainant soon after a
    complaint (Rule 57(2)): once reviewed, it leaves the supervisor's page."""

    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="reprisal_reviews")
    event_kind = models.CharField(_("what happened"), max_length=14, choices=ReprisalKind.choices)
    event_id = models.BigIntegerField()
    note = _text(_("review"), NOTE_MAX)
    reviewed_by = _user()
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)

    objects = ReprisalReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review after a complaint")
        verbose_name_plural = _("reviews after a complaint")
        constraints = [
            models.UniqueConstraint(fields=["event_kind", "event_id"], name="reprisal_reviewed_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_event_kind_display()} {self.event_id}"
