"""Admission at reception (Mandela Rule 7, Bangkok Rules 2-3).

An ``Admission`` is the intake: it starts as a draft that every step saves, so
a closed tab or a dropped connection loses nothing, and ends completed, when it
has created or re-opened the person's ``Prisoner`` file. The records it gathers
(injuries, property, family, children) hang from the admission and, once it is
complete, from the prisoner too, so they are read through the prisoner's grants.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casemgmt.choices import GenderIdentity, Language, LegalStatus, Sex
from casemgmt.validators import NotLongAfterToday, validate_birth_date
from intake.choices import (
    AdmissionStatus,
    ChildCustody,
    ContactRole,
    IdentityDecision,
    IssuingAuthority,
    ItemCondition,
    Pregnancy,
)
from intake.querysets import AdmissionQuerySet, IntakeChildQuerySet

# Free texts have a ceiling (issue 16): a reason or a summary, and a narrative.
SHORT_TEXT, LONG_TEXT = 4000, 20000


def _limit(n: int) -> dict:
    return {"max_length": n, "validators": [MaxLengthValidator(n)]}


class Admission(models.Model):
    """One reception of a person into custody, from draft to completed."""

    token = models.UUIDField(_("intake token"), default=uuid.uuid4, unique=True, editable=False)
    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        related_name="admissions",
        verbose_name=_("facility"),
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AdmissionStatus.choices, default=AdmissionStatus.DRAFT
    )
    steps_done = ArrayField(models.CharField(max_length=12), default=list, blank=True, editable=False)
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admissions",
        verbose_name=_("prisoner"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    # 1. Commitment order (Rule 7: nobody is received without a valid order; Rule 7(b)).
    order_authority_kind = models.CharField(
        _("issuing authority"), max_length=20, choices=IssuingAuthority.choices, blank=True
    )
    order_authority = models.CharField(_("name of the issuing authority"), max_length=200, blank=True)
    order_number = models.CharField(_("order number"), max_length=60, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True, validators=[NotLongAfterToday()])
    legal_basis = models.TextField(_("legal basis (articles)"), blank=True, **_limit(SHORT_TEXT))
    reasons = models.TextField(_("reasons for commitment"), blank=True, **_limit(SHORT_TEXT))
    arrested_at = models.DateTimeField(_("date and time of arrest"), null=True, blank=True)
    arrest_place = models.CharField(_("place of arrest"), max_length=200, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=12, choices=LegalStatus.choices, blank=True)

    # 2. Identity (Rule 7(a)); copied onto the Prisoner at completion.
    identity_decision = models.CharField(
        _("earlier file"), max_length=10, choices=IdentityDecision.choices, blank=True
    )
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100, blank=True)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    patronymic_latin = models.CharField(_("patronymic (Latin)"), max_length=100, blank=True)
    aliases = models.CharField(_("other names (comma-separated)"), max_length=300, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    date_of_birth_estimated = models.BooleanField(_("date of birth estimated"), default=False)
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(
        _("self-perceived gender"), max_length=12, choices=GenderIdentity.choices, blank=True
    )
    gender_identity_note = models.CharField(
        _("gender, in the person's own words"), max_length=200, blank=True
    )
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    citizenships = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    document_kind = models.CharField(_("identity document"), max_length=20, blank=True)
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    document_country = models.CharField(_("issuing country"), max_length=100, blank=True)
    photo = models.FileField(_("photo"), upload_to="intake/", blank=True)

    # 4. Property acknowledgement (Rule 7(e)).
    property_acknowledged = models.BooleanField(_("the prisoner acknowledged the inventory"), default=False)
    property_refusal_note = models.CharField(_("if not, why"), max_length=300, blank=True)

    # 6. Returnee and security information (view_security).
    countries_abroad = models.CharField(_("countries stayed in abroad"), max_length=300, blank=True)
    periods_abroad = models.CharField(_("periods abroad"), max_length=300, blank=True)
    conflict_zone_returnee = models.BooleanField(_("returned from a conflict zone"), default=False)
    repatriation_route = models.TextField(_("repatriation route"), blank=True, **_limit(SHORT_TEXT))
    returned_with = models.TextField(
        _("family members who returned with them"), blank=True, **_limit(SHORT_TEXT)
    )
    security_flags = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    security_notes = models.TextField(_("security notes"), blank=True, **_limit(LONG_TEXT))

    # 7. Health screening at reception (view_health for the details).
    urgent_health_need = models.BooleanField(_("urgent health need"), default=False)
    doctor_within_24h = models.BooleanField(_("to be seen by a doctor within 24 hours"), default=False)
    pregnancy = models.CharField(
        _("pregnancy"), max_length=10, choices=Pregnancy.choices, default=Pregnancy.NOT_APPLICABLE
    )
    medication = models.TextField(_("medication"), blank=True, **_limit(SHORT_TEXT))
    health_notes = models.TextField(_("health notes"), blank=True, **_limit(LONG_TEXT))

    # 8. Information on admission (Mandela Rules 54-55, Bangkok Rule 2): told, in a language
    # they understand, about the rules, their rights and obligations, how to complain, legal
    # advice and (foreign nationals) consular contact; who told them, when, and their
    # acknowledgement or why there is none.
    info_given_on = models.DateField(_("date the person was informed"), null=True, blank=True)
    info_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer who informed them"),
    )
    info_language = models.CharField(_("language used"), max_length=8, choices=Language.choices, blank=True)
    info_interpreter = models.CharField(_("interpreter (name), if one was used"), max_length=200, blank=True)
    info_rules = models.BooleanField(_("the rules of the facility"), default=False)
    info_rights = models.BooleanField(_("their rights and obligations"), default=False)
    info_complaints = models.BooleanField(_("how to make requests and complaints"), default=False)
    info_legal_advice = models.BooleanField(_("their right to legal advice"), default=False)
    info_consular = models.BooleanField(_("consular contact (foreign nationals)"), default=False)
    info_acknowledged = models.BooleanField(_("the person acknowledged the information"), default=False)
    info_no_ack_reason = models.CharField(_("if not, why"), max_length=300, blank=True)

    # 9. Placement and completion (Rule 7(c)).
    unit = models.ForeignKey(
        "casemgmt.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    cell = models.ForeignKey(
        "casemgmt.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cell"),
    )
    admitted_at = models.DateTimeField(_("admitted at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    initial_assessment_due = models.DateField(_("initial risk assessment due"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    objects = AdmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission")
        verbose_name_plural = _("admissions")
        ordering = ["-created_at"]
        constraints = [
            # A person is in custody under one open admission at a time: a double
            # submit, a retry or a second tab cannot admit them twice.
            models.UniqueConstraint(
                fields=["prisoner"],
                condition=Q(status="completed", released_at__isnull=True),
                name="one_open_admission_per_prisoner",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(prisoner__isnull=False, admitted_at__isnull=False),
                name="completed_admission_has_prisoner",
            ),
        ]
        indexes = [
            models.Index(fields=["facility", "status", "-created_at"], name="admission_desk"),
            # the reception desk's open list: drafts and today's admissions (intake.selectors)
            models.Index(fields=["-updated_at"], condition=Q(status="draft"), name="admission_drafts"),
            models.Index(fields=["admitted_at"], name="admission_admitted"),
            models.Index(fields=["-created_at"], name="admission_newest"),  # lists across files
        ]

    def __str__(self) -> str:
        name = " ".join(p for p in (self.family_name, self.given_name) if p) or _("(no name yet)")
        return f"{name} · {self.get_status_display()}"

    @property
    def is_draft(self) -> bool:
        return self.status == AdmissionStatus.DRAFT


class IntakeRecord(models.Model):
    """Common part of what an admission gathers: it belongs to the admission and,
    once admitted, to the prisoner (whose grants decide who reads it)."""

    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="%(class)ss")
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, null=True, blank=True, related_name="%(class)ss"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = IntakeChildQuerySet.as_manager()

    class Meta:
        abstract = True


class Injury(IntakeRecord):
    """A visible injury, or a complaint of earlier ill-treatment (Rule 7(d)).
    A complaint raises an alert and can never be deleted."""

    body_location = models.CharField(_("where on the body"), max_length=120, blank=True)
    description = models.TextField(_("description"), **_limit(SHORT_TEXT))
    examined_by = models.CharField(_("examined by"), max_length=200, blank=True)
    ill_treatment_complaint = models.BooleanField(_("the person complains of ill-treatment"), default=False)
    complaint_details = models.TextField(
        _("the complaint, in the person's words"), blank=True, **_limit(LONG_TEXT)
    )

    class Meta:
        verbose_name = _("injury or complaint")
        verbose_name_plural = _("injuries and complaints")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.body_location}: {self.description[:60]}"


class PropertyItem(IntakeRecord):
    """An item of the personal property inventory (Rule 7(e))."""

    description = models.CharField(pgettext_lazy("property item", "item"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    condition = models.CharField(_("condition"), max_length=10, choices=ItemCondition.choices, default="good")
    storage_location = models.CharField(_("stored at"), max_length=120, blank=True)
    is_valuable = models.BooleanField(_("valuable"), default=False)
    seal_number = models.CharField(_("seal number"), max_length=60, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    class Meta:
        verbose_name = _("property item")
        verbose_name_plural = _("property items")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="property_quantity_positive"),
            models.CheckConstraint(
                condition=Q(is_valuable=False) | ~Q(seal_number=""), name="valuables_are_sealed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class Contact(IntakeRecord):
    """Next of kin, emergency contact or another family member (Rule 7(f)(g))."""

    role = models.CharField(_("role"), max_length=12, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=100)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class Child(IntakeRecord):
    """A child of the person (Bangkok Rule 3): confidential, under view_family."""

    name = models.CharField(_("name"), max_length=200)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    age_years = models.PositiveSmallIntegerField(_("age (if the date is not known)"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    custody = models.CharField(_("where the child is / custody"), max_length=14, choices=ChildCustody.choices)
    location = models.CharField(_("location of the child"), max_length=300, blank=True)
    guardian = models.CharField(_("guardian or carer"), max_length=200, blank=True)
    guardian_contact = models.CharField(_("guardian's contact"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, **_limit(SHORT_TEXT))

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(age_years__isnull=False),
                name="child_has_dob_or_age",
            ),
            models.CheckConstraint(
                condition=Q(custody="in_prison") | ~Q(location="") | Q(custody="unknown"),
                name="child_outside_has_location",
            ),
        ]

    def __str__(self) -> str:
        return self.name
