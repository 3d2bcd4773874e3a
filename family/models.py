"""Family, contacts, children and visits after admission (Mandela Rules 43(3), 58-62, 68;
Bangkok Rules 3, 23, 26, 28, 49-52).

Contacts and children belong to the person's file (they survive re-admission); the
intake writes its next of kin, emergency contacts and children here when it completes.
Each change is kept as a row of history and audited. Confidential contacts (children,
victims) and the children register are read under ``view_family``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casemgmt.choices import Sex
from casemgmt.validators import validate_birth_date
from family.choices import (
    ADDRESS_MAX,
    CONFIDENTIAL_RELATIONSHIPS,
    NAME_MAX,
    NOT_OVERHEARD,
    NOTE_MAX,
    PHONE_MAX,
    REASON_MAX,
    Consent,
    NotHeldReason,
    Relationship,
    RestrictionKind,
    RestrictionReason,
    VisitKind,
    VisitStatus,
    Whereabouts,
)
from family.querysets import (
    ChildQuerySet,
    ContactQuerySet,
    RestrictionQuerySet,
    SessionQuerySet,
    VisitQuerySet,
)


def _char(label, limit, **extra):
    return models.CharField(label, max_length=limit, validators=[MaxLengthValidator(limit)], **extra)


def _text(label, limit, **extra):
    return models.TextField(label, max_length=limit, validators=[MaxLengthValidator(limit)], **extra)


def _user(**extra):
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", **extra)


def _prisoner(related):
    return models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name=related, verbose_name=_("prisoner")
    )


class Contact(models.Model):
    """A person in the prisoner's life: relative, friend, lawyer, consular officer."""

    #: the fields a correction may change (kept in the history)
    FIELDS = (
        "relationship",
        "name",
        "name_latin",
        "date_of_birth",
        "address",
        "phone",
        "next_of_kin",
        "emergency",
        "may_visit",
        "is_victim",
        "active",
    )

    prisoner = _prisoner("family_contacts")
    relationship = models.CharField(_("relationship"), max_length=12, choices=Relationship.choices)
    relationship_note = _char(_("relationship, in words"), 100, blank=True)
    name = _char(_("name (Cyrillic)"), NAME_MAX)
    name_latin = _char(_("name (Latin)"), NAME_MAX, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    address = _char(_("address"), ADDRESS_MAX, blank=True)
    phone = _char(_("phone"), PHONE_MAX, blank=True)
    next_of_kin = models.BooleanField(_("next of kin"), default=False)
    emergency = models.BooleanField(_("emergency contact"), default=False)
    may_visit = models.BooleanField(_("approved to visit"), default=False)
    is_victim = models.BooleanField(_("victim of the offence"), default=False)
    #: children and victims: only under view_family (kept by save())
    confidential = models.BooleanField(_("confidential"), default=False, editable=False)
    active = models.BooleanField(_("current"), default=True)
    intake_contact_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = _user(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-active", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.confidential = self.relationship in CONFIDENTIAL_RELATIONSHIPS or self.is_victim
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "confidential"}
        super().save(*args, **kwargs)


class ContactChange(models.Model):
    """One correction of a contact: what changed, by whom, when and why."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="changes")
    prisoner = _prisoner("+")
    changed_by = _user(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(default=dict)  # field -> [before, after]
    reason = _char(_("reason"), REASON_MAX, blank=True)

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return str(self.contact_id)


class Restriction(models.Model):
    """A restriction on the prisoner's visits, or on one contact. Never a disciplinary
    sanction (Rule 43(3), Bangkok Rule 23)."""

    prisoner = _prisoner("contact_restrictions")
    contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("contact (empty: all visits)"),
    )
    kind = models.CharField(_("restriction"), max_length=12, choices=RestrictionKind.choices)
    reason_kind = models.CharField(_("reason"), max_length=20, choices=RestrictionReason.choices)
    reason = _text(_("the reason in full"), REASON_MAX)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    review_on = models.DateField(_("review by"))
    imposed_by = _user(null=True, blank=True)
    imposed_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    ended_by = _user(null=True, blank=True)
    end_reason = _char(_("why it was lifted"), REASON_MAX, blank=True)

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact restriction")
        verbose_name_plural = _("contact restrictions")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason_kind="disciplinary"), name="restriction_not_disciplinary"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="restriction_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def in_force(self, on) -> bool:
        return self.ended_at is None and self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


class Child(models.Model):
    """A child of the prisoner (Bangkok Rule 3), with where they are and who cares for
    them now; ``placements`` keep it over time."""

    prisoner = _prisoner("family_children")
    name = _char(_("name (Cyrillic)"), NAME_MAX)
    name_latin = _char(_("name (Latin)"), NAME_MAX, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    age_years = models.PositiveSmallIntegerField(_("age (if the date is not known)"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    # the current placement (the last row of ``placements``)
    whereabouts = models.CharField(_("where the child is"), max_length=14, choices=Whereabouts.choices)
    location = _char(_("location of the child"), ADDRESS_MAX, blank=True)
    carer = _char(_("guardian or carer"), NAME_MAX, blank=True)
    carer_contact = _char(_("carer's contact"), NAME_MAX, blank=True)
    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facility (living in prison)"),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    planned_exit_on = models.DateField(_("planned exit from prison"), null=True, blank=True)
    notes = _text(_("notes"), NOTE_MAX, blank=True)
    intake_child_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    created_by = _user(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["date_of_birth", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(age_years__isnull=False),
                name="family_child_has_dob_or_age",
            ),
            models.CheckConstraint(
                condition=~Q(whereabouts="in_prison") | Q(facility__isnull=False),
                name="family_child_in_prison_has_facility",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_prison(self) -> bool:
        return self.whereabouts == Whereabouts.IN_PRISON


class ChildPlacement(models.Model):
    """Where a child was, with whom, from when (the register over time)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placements")
    prisoner = _prisoner("+")
    whereabouts = models.CharField(_("where the child is"), max_length=14, choices=Whereabouts.choices)
    location = _char(_("location of the child"), ADDRESS_MAX, blank=True)
    carer = _char(_("guardian or carer"), NAME_MAX, blank=True)
    carer_contact = _char(_("carer's contact"), NAME_MAX, blank=True)
    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    since = models.DateField(_("since"))
    planned_exit_on = models.DateField(_("planned exit from prison"), null=True, blank=True)
    recorded_by = _user(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return self.get_whereabouts_display()


class ChildHealthCheck(models.Model):
    """A health check of a child living in prison (Bangkok Rule 51)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_checks")
    prisoner = _prisoner("+")
    checked_on = models.DateField(_("checked on"))
    checked_by = _char(_("checked by"), NAME_MAX)
    notes = _text(_("findings"), NOTE_MAX, blank=True)
    recorded_by = _user(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("child's health check")
        verbose_name_plural = _("children's health checks")
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return str(self.checked_on)


class VisitSession(models.Model):
    """A visiting session of a facility: a room at a time, for so many visits."""

    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        related_name="visit_sessions",
        verbose_name=_("facility"),
    )
    kind = models.CharField(_("kind of visit"), max_length=14, choices=VisitKind.choices)
    room = _char(_("room"), 100)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("visits at once"))
    created_by = _user(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit session")
        verbose_name_plural = _("visit sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} · {self.room} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"
        )

    @property
    def not_overheard(self) -> bool:
        return self.kind in NOT_OVERHEARD


class Visit(models.Model):
    """A visit booked for a prisoner in a session, with its named visitors."""

    session = models.ForeignKey(
        VisitSession,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=pgettext_lazy("visit session", "session"),
    )
    prisoner = _prisoner("visits")
    visitors = models.ManyToManyField(Contact, through="VisitVisitor", related_name="visits")
    children_count = models.PositiveSmallIntegerField(_("accompanying children"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.BOOKED
    )
    #: Rule 61: a legal or consular visit is within sight, not within hearing
    not_overheard = models.BooleanField(_("not to be overheard"), default=False)
    #: a closed or supervised restriction in force at booking
    conditions = _char(_("conditions"), 200, blank=True)
    booked_by = _user(null=True, blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)
    not_held_reason = models.CharField(
        _("why it did not take place"), max_length=20, choices=NotHeldReason.choices, blank=True
    )
    outcome_note = _text(_("note"), NOTE_MAX, blank=True)
    recorded_by = _user(null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-session__starts_at", "-id"]

    def __str__(self) -> str:
        return str(self.session)


class VisitVisitor(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="visitor_rows", db_index=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(null=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["visit", "contact"], name="visit_visitor_once")]

    def __str__(self) -> str:
        return str(self.contact_id)


class ConsularNotification(models.Model):
    """A foreign national's consulate told of the detention (Mandela Rule 62)."""

    prisoner = _prisoner("consular_notifications")
    notified_on = models.DateField(_("notified on"))
    consulate = _char(_("consulate"), NAME_MAX)
    consent = models.CharField(_("the person's consent"), max_length=10, choices=Consent.choices)
    notes = _text(_("notes"), NOTE_MAX, blank=True)
    recorded_by = _user(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("consular notification")
        verbose_name_plural = _("consular notifications")
        ordering = ["-notified_on", "-id"]

    def __str__(self) -> str:
        return self.consulate
