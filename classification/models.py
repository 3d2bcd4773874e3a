"""Risk instruments, assessments, classification decisions and reviews.

Instruments are data, not code: the licensed structured-judgement tools are not
copied; a service configures its own. A published instrument version is frozen
(a database trigger refuses changes to its domains and items), and an
assessment keeps the version it used. An approved assessment is immutable
(trigger again); a correction is a new assessment linked to it.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from classification.choices import (
    AppliesTo,
    AssessmentKind,
    AssessmentStatus,
    ChallengeOutcome,
    ClassificationStatus,
    FactorKind,
    InstrumentPurpose,
    Judgement,
    KeepApartScope,
    Placement,
    Regime,
    ReviewTrigger,
    Scale,
    SecurityLevel,
    SexRule,
    VersionStatus,
)
from classification.querysets import CatalogueQuerySet, ChallengeQuerySet
from core.i18n import tr, validate_translations
from core.querysets import FileRecordQuerySet as ChildQuerySet

#: free-text limits (issue 16: a text without one was accepted at any length and could
#: never be removed): short reasons and summaries, and narratives
SHORT_TEXT, LONG_TEXT = 4000, 20000


def limited_text(verbose_name, limit: int, **kwargs) -> models.TextField:
    """A TextField whose limit forms, serializers and ``full_clean`` all enforce."""
    return models.TextField(verbose_name, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs)


def texts():
    return models.JSONField(default=dict, validators=[validate_translations])


class Instrument(models.Model):
    """A configurable assessment instrument; its content lives in versions."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.JSONField(_("name"), default=dict, validators=[validate_translations])
    purpose = models.CharField(_("purpose"), max_length=12, choices=InstrumentPurpose.choices)
    description = models.JSONField(_("description"), default=dict, blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code"]

    def __str__(self) -> str:
        return tr(self.name) or self.code


class InstrumentVersion(models.Model):
    """One version of an instrument. Draft: editable. Published: frozen."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    notes = limited_text(_("what changed"), SHORT_TEXT, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="instrument_version_unique"),
            models.UniqueConstraint(
                fields=["instrument"], condition=Q(status="published"), name="one_published_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"


class Domain(models.Model):
    """A group of items (e.g. beliefs and ideology; protective factors)."""

    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="domains", db_index=False
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=30)
    name = models.JSONField(_("name"), default=dict, validators=[validate_translations])
    guidance = models.JSONField(_("guidance"), default=dict, blank=True)
    is_protective = models.BooleanField(_("protective domain"), default=False)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="domain_code_unique")]

    def __str__(self) -> str:
        return tr(self.name)


class Item(models.Model):
    """One rated item, with its scale, guidance and whether it is a risk or a
    protective factor; some apply to women only (Bangkok Rules 40-41)."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items", db_index=False)
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=30)
    text = models.JSONField(
        pgettext_lazy("instrument item", "item"), default=dict, validators=[validate_translations]
    )
    guidance = models.JSONField(_("guidance"), default=dict, blank=True)
    scale = models.CharField(_("scale"), max_length=4, choices=Scale.choices, default=Scale.LOW_MODERATE_HIGH)
    factor = models.CharField(_("factor"), max_length=12, choices=FactorKind.choices, default=FactorKind.RISK)
    applies_to = models.CharField(
        _("applies to"), max_length=6, choices=AppliesTo.choices, default=AppliesTo.EVERYONE
    )

    class Meta:
        verbose_name = pgettext_lazy("instrument item", "item")
        verbose_name_plural = pgettext_lazy("instrument item", "items")
        ordering = ["domain", "order"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="item_code_unique")]

    def __str__(self) -> str:
        return tr(self.text)

    def applies(self, sex: str) -> bool:
        return self.applies_to == AppliesTo.EVERYONE or (
            self.applies_to == AppliesTo.WOMEN and sex == "female"
        )


class Assessment(models.Model):
    """A structured professional judgement of one prisoner with one instrument version."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="assessments", db_index=False
    )
    instrument_version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AssessmentKind.choices)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overall = models.CharField(_("overall judgement"), max_length=10, choices=Judgement.choices, blank=True)
    formulation = limited_text(_("formulation"), LONG_TEXT, blank=True)
    prisoner_account = limited_text(_("the prisoner's own account"), LONG_TEXT, blank=True)
    sources = limited_text(_("sources of information"), SHORT_TEXT, blank=True)
    return_comments = limited_text(_("supervisor's comments"), SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["prisoner", "status", "-approved_at"], name="assessment_latest"),
            models.Index(fields=["-created_at"], name="assessment_newest"),  # lists across files
            # the supervisor's work queue (classification.queue): the few waiting for approval,
            # counted on every page a supervisor opens (issue 25)
            models.Index(fields=["prisoner"], condition=Q(status="submitted"), name="assessment_waiting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | (Q(approved_at__isnull=False) & ~Q(overall="")),
                name="approved_assessment_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_version} · {self.prisoner.prison_number} · {self.get_status_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class Rating(models.Model):
    """The assessor's rating of one item, with the rationale and the evidence."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ratings", db_index=False
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("rating"), max_length=10)
    rationale = limited_text(_("rationale"), SHORT_TEXT, blank=True)
    evidence = limited_text(_("evidence"), SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="one_rating_per_item")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"


class ClassificationRule(models.Model):
    """Configurable: which security level and regime an overall judgement suggests."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="rules", db_index=False)
    judgement = models.CharField(_("overall judgement"), max_length=10, choices=Judgement.choices)
    sex = models.CharField(_("applies to"), max_length=6, choices=SexRule.choices, default=SexRule.ANY)
    security_level = models.CharField(_("security level"), max_length=10, choices=SecurityLevel.choices)
    regime = models.CharField(_("regime"), max_length=12, choices=Regime.choices)
    note = models.JSONField(_("note"), default=dict, blank=True)

    class Meta:
        verbose_name = _("classification rule")
        verbose_name_plural = _("classification rules")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "judgement", "sex"], name="classification_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code}: {self.judgement}/{self.sex} → {self.security_level}, {self.regime}"


class ReviewPolicy(models.Model):
    """Configurable: months until the next review for each security level."""

    security_level = models.CharField(
        _("security level"), max_length=10, choices=SecurityLevel.choices, unique=True
    )
    months = models.PositiveSmallIntegerField(_("review every (months)"))

    class Meta:
        verbose_name = _("review policy")
        verbose_name_plural = _("review policies")

    def __str__(self) -> str:
        return f"{self.security_level}: {self.months}"


class Classification(models.Model):
    """The decision on security level, regime and placement, from an approved
    assessment; a supervisor approves the suggestion or overrides it with a reason."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="classifications"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="classifications")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ClassificationStatus.choices,
        default=ClassificationStatus.PROPOSED,
    )
    suggested_level = models.CharField(_("suggested level"), max_length=10, choices=SecurityLevel.choices)
    suggested_regime = models.CharField(_("suggested regime"), max_length=12, choices=Regime.choices)
    security_level = models.CharField(
        _("security level"), max_length=10, choices=SecurityLevel.choices, blank=True
    )
    regime = models.CharField(_("regime"), max_length=12, choices=Regime.choices, blank=True)
    override_reason = limited_text(_("reason for overriding the suggestion"), SHORT_TEXT, blank=True)
    hold_apart_from_vulnerable = models.BooleanField(_("hold apart from vulnerable prisoners"), default=False)
    placement = models.CharField(
        _("placement"), max_length=14, choices=Placement.choices, default=Placement.NONE
    )
    notes = limited_text(_("notes"), LONG_TEXT, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("classification decision")
        verbose_name_plural = _("classification decisions")
        ordering = ["-created_at"]
        # the supervisor's work queue (classification.queue): the few awaiting a decision
        indexes = [
            models.Index(fields=["prisoner"], condition=Q(status="proposed"), name="classification_waiting"),
            models.Index(fields=["-created_at"], name="classification_newest"),  # lists across files
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner"], condition=Q(status="approved"), name="one_current_classification"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (~Q(security_level="") & ~Q(regime="") & Q(next_review_due__isnull=False)),
                name="approved_classification_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number}: {self.get_security_level_display() or self.suggested_level}"

    @property
    def is_override(self) -> bool:
        return bool(self.security_level) and (
            self.security_level != self.suggested_level or self.regime != self.suggested_regime
        )


class KeepApart(models.Model):
    """Two prisoners who must be kept apart, with the reason and the scope."""

    prisoner = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="keep_apart")
    other = models.ForeignKey("casemgmt.Prisoner", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(
        _("scope"), max_length=10, choices=KeepApartScope.choices, default=KeepApartScope.UNIT
    )
    reason = limited_text(_("reason"), SHORT_TEXT)
    classification = models.ForeignKey(
        Classification, on_delete=models.PROTECT, null=True, blank=True, related_name="keep_apart"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("keep-apart constraint")
        verbose_name_plural = _("keep-apart constraints")
        constraints = [
            models.CheckConstraint(condition=~Q(prisoner=models.F("other")), name="keep_apart_two_people"),
            models.UniqueConstraint(
                fields=["prisoner", "other"], condition=Q(closed_at__isnull=True), name="one_open_keep_apart"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number} ≠ {self.other.prison_number}"

    def audit_subjects(self) -> list[int]:
        """A link is about both people: a page that shows it shows the other's number."""
        return [self.prisoner_id, self.other_id]


class Challenge(models.Model):
    """The prisoner challenges a classification; the decision and its date are kept."""

    classification = models.ForeignKey(Classification, on_delete=models.PROTECT, related_name="challenges")
    lodged_at = models.DateField(_("lodged on"))
    grounds = limited_text(_("grounds, as the prisoner put them"), LONG_TEXT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ChallengeOutcome.choices, default=ChallengeOutcome.PENDING
    )
    decision = limited_text(_("decision and reasons"), LONG_TEXT, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-lodged_at"]

    def __str__(self) -> str:
        return f"{self.classification} · {self.get_outcome_display()}"

    def audit_subjects(self) -> list[int]:
        return [self.classification.prisoner_id]


class ReviewFlag(models.Model):
    """A significant event that brings the next risk review forward."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="review_flags", db_index=False
    )
    trigger = models.CharField(_("why"), max_length=14, choices=ReviewTrigger.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="cleared_flags"
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("early review flag")
        verbose_name_plural = _("early review flags")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["prisoner", "cleared_by"], name="review_flag_open")]

    def __str__(self) -> str:
        return f"{self.prisoner.prison_number}: {self.get_trigger_display()}"
