"""Security operations: movements (where a person is and how they got there), the
search log with finds and their chain of custody, and incident reports.

``Movement`` is the history of a prisoner's location; ``Prisoner.facility``,
``unit``, ``cell`` and ``custody_status`` are its denormalised present, written
only by ``custody.services.movement_record`` in the same transaction.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from custody.choices import (
    OUT_KINDS,
    CustodyAction,
    FindOutcome,
    IncidentKind,
    IncidentStatus,
    InjuryOccasion,
    InjuryRecorder,
    InvolvementRole,
    ItemType,
    MovementKind,
    SearchBasis,
    SearchKind,
    SearchResult,
)
from custody.querysets import CustodyQuerySet, FacilityRecordQuerySet, IncidentQuerySet, readable_condition

# Free texts have a ceiling (issue 16): a reason or a summary, and a narrative.
SHORT_TEXT, LONG_TEXT = 4000, 20000


def _limit(n: int) -> dict:
    return {"max_length": n, "validators": [MaxLengthValidator(n)]}


class Movement(models.Model):
    """One change of a prisoner's location, with when, from, to, who authorised it and why
    (Mandela Rule 7(c): the day and hour of admission, release and any transfer).
    Rows are never changed or deleted (a database trigger refuses it)."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("prisoner"),
        db_index=False,
    )
    kind = models.CharField(_("movement"), max_length=14, choices=MovementKind.choices)
    occurred_at = models.DateTimeField(_("date and hour"))
    from_facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_unit = models.ForeignKey(
        "casemgmt.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_cell = models.ForeignKey(
        "casemgmt.Cell", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements_in",
        verbose_name=_("facility"),
    )
    to_unit = models.ForeignKey(
        "casemgmt.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    to_cell = models.ForeignKey(
        "casemgmt.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cell"),
    )
    external_place = models.CharField(_("place outside the facility"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), **_limit(SHORT_TEXT))
    authorised_by = models.CharField(_("authorised by"), max_length=200, blank=True)
    conflicts = models.JSONField(_("conflicts found"), default=list, blank=True)
    override_reason = models.TextField(
        _("reason for overriding the conflicts"), blank=True, **_limit(SHORT_TEXT)
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    property_signed = models.BooleanField(_("the prisoner signed for the property returned"), default=False)
    property_note = models.CharField(_("property note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["prisoner", "-occurred_at"], name="movement_history"),
            # the home page's movements of today (custody.home)
            models.Index(fields=["-occurred_at"], name="movement_recent"),
            # the supervisor's work queue (custody.queue): the few movements recorded over a conflict
            models.Index(fields=["created_at"], condition=~Q(conflicts=[]), name="movement_conflicts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(override_reason="") | Q(override_by__isnull=False),
                name="movement_override_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in OUT_KINDS]) | ~Q(external_place=""),
                name="movement_out_has_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner_id}: {self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def audit_subjects(self) -> list[int]:
        """The person moved, and anyone a recorded conflict names (a keep-apart link, a
        cellmate): the conflicts are shown with the movement. A query only when a
        conflict names someone."""
        from custody.selectors import named_prisoner_ids  # noqa: PLC0415 - custody.selectors imports this module

        others = [c.get("other") for c in self.conflicts or () if isinstance(c, dict)]
        return [self.prisoner_id, *named_prisoner_ids(others)]

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)

    @property
    def reason_text(self) -> str:
        """The reason as typed; the reasons the system itself writes are codes, shown in the
        reader's language."""
        return str(SYSTEM_REASONS.get(self.reason, self.reason))


# Reasons written by the system, not by a person (see casemgmt.services.prisoner_create and
# migration 0001): stored as these keys, shown translated.
SYSTEM_REASONS = {
    "admission": _("Admission"),
    "recorded before movements were kept": _("Recorded before movements were kept"),
    "death in custody": _("Death in custody"),
}


class Search(models.Model):
    """A search of a cell, a person or an area: planned or intelligence-led, who searched
    and what came of it. Read by the facility's officers and supervisors."""

    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        related_name="searches",
        verbose_name=_("facility"),
        db_index=False,
    )
    kind = models.CharField(_("what was searched"), max_length=10, choices=SearchKind.choices)
    basis = models.CharField(_("basis"), max_length=14, choices=SearchBasis.choices)
    cell = models.ForeignKey(
        "casemgmt.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cell"),
    )
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="searches",
        verbose_name=_("person searched"),
    )
    area = models.CharField(_("area"), max_length=200, blank=True)
    searched_at = models.DateTimeField(_("date and hour"))
    searched_by = models.CharField(_("searched by"), max_length=300)
    result = models.CharField(_("result"), max_length=10, choices=SearchResult.choices)
    notes = models.TextField(_("notes"), blank=True, **_limit(LONG_TEXT))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = FacilityRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        ordering = ["-searched_at", "-id"]
        indexes = [models.Index(fields=["facility", "-searched_at"], name="search_log")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="cell") | Q(cell__isnull=False), name="cell_search_has_cell"
            ),
            models.CheckConstraint(
                condition=~Q(kind="person") | Q(prisoner__isnull=False), name="person_search_has_person"
            ),
            models.CheckConstraint(condition=~Q(kind="area") | ~Q(area=""), name="area_search_has_area"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.searched_at:%Y-%m-%d %H:%M}"

    @property
    def target(self) -> str:
        if self.kind == SearchKind.CELL and self.cell_id:
            return str(self.cell)
        if self.kind == SearchKind.PERSON and self.prisoner_id:
            return self.prisoner.prison_number
        return self.area


def find_photo_path(instance, filename: str) -> str:
    return f"finds/{instance.facility_id}/{instance.tag_number}.img"


class FindQuerySet(FacilityRecordQuerySet):
    def readable_through_people(self, user):
        return readable_condition(user)

    def terms_beyond_readable_file(self) -> None:
        return None  # a find linked to a readable prisoner is readable


class Find(models.Model):
    """An item found (contraband or otherwise), its tag, where it was, whose it is
    believed to be, and the outcome. Its custody history is ``CustodyEvent``."""

    search = models.ForeignKey(
        Search, on_delete=models.PROTECT, related_name="finds", verbose_name=_("search")
    )
    facility = models.ForeignKey("casemgmt.Facility", on_delete=models.PROTECT, related_name="+")
    tag_number = models.CharField(_("bag / tag number"), max_length=40, unique=True)
    item_type = models.CharField(
        pgettext_lazy("seized object", "item"), max_length=10, choices=ItemType.choices
    )
    description = models.TextField(_("description"), **_limit(SHORT_TEXT))
    where_found = models.CharField(_("where found"), max_length=200)
    photo = models.FileField(_("photo"), upload_to=find_photo_path, blank=True)
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="finds",
        verbose_name=_("linked prisoner"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=FindOutcome.choices, default=FindOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome note"), blank=True, **_limit(SHORT_TEXT))
    review_flag = models.ForeignKey(
        "classification.ReviewFlag", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = FindQuerySet.as_manager()

    class Meta:
        verbose_name = _("find")
        verbose_name_plural = _("finds")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.tag_number} · {self.get_item_type_display()}"


class CustodyEvent(models.Model):
    """One link of a find's chain of custody. Append-only (a database trigger refuses
    UPDATE and DELETE): a mistake is corrected by a new event, never by an edit."""

    find = models.ForeignKey(Find, on_delete=models.PROTECT, related_name="custody", verbose_name=_("find"))
    action = models.CharField(_("action"), max_length=12, choices=CustodyAction.choices)
    at = models.DateTimeField(_("date and hour"))
    holder = models.CharField(_("now held by / where"), max_length=200)
    reference = models.CharField(
        _("reference (police receipt, destruction record)"), max_length=100, blank=True
    )
    note = models.TextField(_("note"), blank=True, **_limit(SHORT_TEXT))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.find_id}: {self.get_action_display()}"


class Incident(models.Model):
    """A typed incident report: draft → submitted → reviewed. Once submitted its text
    never changes (a database trigger refuses it); corrections are addenda."""

    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("facility"),
        db_index=False,
    )
    kind = models.CharField(_("type"), max_length=16, choices=IncidentKind.choices)
    occurred_at = models.DateTimeField(_("date and hour"))
    location = models.CharField(_("where"), max_length=200)
    description = models.TextField(_("what happened"), **_limit(LONG_TEXT))
    find = models.ForeignKey(
        Find,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("find"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.DRAFT
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review"), blank=True, **_limit(LONG_TEXT))

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["facility", "status", "-occurred_at"], name="incident_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_incident_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="reviewed") | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="reviewed_incident_has_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def audit_subjects(self) -> list[int]:
        """The prisoners involved (prefetch ``people`` for a list: no query a row)."""
        return [p.prisoner_id for p in self.people.all() if p.prisoner_id]


class IncidentPerson(models.Model):
    """Someone involved in an incident, with their role: a prisoner, a member of staff,
    or another person named in words (a visitor)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(_("role"), max_length=12, choices=InvolvementRole.choices)
    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_roles",
        verbose_name=_("prisoner"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member of staff"),
    )
    name = models.CharField(_("other person"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prisoner__isnull=False) | Q(staff__isnull=False) | ~Q(name=""),
                name="incident_person_named",
            )
        ]

    def __str__(self) -> str:
        who = (
            self.prisoner.prison_number
            if self.prisoner_id
            else (str(self.staff) if self.staff_id else self.name)
        )
        return f"{who} ({self.get_role_display()})"


class IncidentAddendum(models.Model):
    """A correction or addition to a submitted report; the original stays as written.
    Append-only (trigger)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(_("addendum"), **_limit(LONG_TEXT))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.text[:40]}"


#: What is told or handed over after a death: each (who, when) pair is filled together.
DEATH_PAIRS = [
    ("next_of_kin_notified", "next_of_kin_notified_at"),
    ("authority_notified", "authority_notified_at"),
    ("investigation_referral", "investigation_referred_at"),
    ("body_handed_to", "body_handed_at"),
    ("property_handed_to", "property_handed_at"),
]


class Death(models.Model):
    """A death in custody (Mandela Rules 71-72): when, where, the circumstances as known,
    who was told (next of kin, the judicial or other independent authority) and when, the
    referral for an independent investigation, and the handover of the body and property.
    Recorded by a supervisor; the facts first recorded are never rewritten and the row is
    never deleted (a database trigger refuses it). Later facts fill the empty fields."""

    prisoner = models.OneToOneField(
        "casemgmt.Prisoner", on_delete=models.PROTECT, related_name="death", verbose_name=_("prisoner")
    )
    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, related_name="+", verbose_name=_("facility")
    )
    died_at = models.DateTimeField(_("date and hour of death"))
    place = models.CharField(_("place of death"), max_length=200)
    circumstances = models.TextField(_("circumstances as known"), **_limit(SHORT_TEXT))
    next_of_kin_notified = models.CharField(_("next of kin told (who)"), max_length=300, blank=True)
    next_of_kin_notified_at = models.DateTimeField(_("next of kin told on"), null=True, blank=True)
    authority_notified = models.CharField(
        _("judicial or independent authority told (which)"), max_length=300, blank=True
    )
    authority_notified_at = models.DateTimeField(_("authority told on"), null=True, blank=True)
    investigation_referral = models.CharField(
        _("independent investigation: body and reference"), max_length=300, blank=True
    )
    investigation_referred_at = models.DateTimeField(
        _("referred for investigation on"), null=True, blank=True
    )
    body_handed_to = models.CharField(_("body handed to"), max_length=300, blank=True)
    body_handed_at = models.DateTimeField(_("body handed over on"), null=True, blank=True)
    property_handed_to = models.CharField(_("property handed to"), max_length=300, blank=True)
    property_handed_at = models.DateTimeField(_("property handed over on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("death in custody")
        verbose_name_plural = _("deaths in custody")
        ordering = ["-died_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{who: ""}, **{f"{when}__isnull": True})
                | (~Q(**{who: ""}) & Q(**{f"{when}__isnull": False})),
                name=f"death_{who}_with_date",
            )
            for who, when in DEATH_PAIRS
        ]

    def __str__(self) -> str:
        return f"{self.prisoner_id}: {self.died_at:%Y-%m-%d %H:%M}"


class InjuryRecord(models.Model):
    """Injuries seen after admission (after a use of force, on arrival from a transfer...),
    by medical staff or an officer, and any complaint of ill-treatment the person makes.
    Like the reception's record: never deleted, a complaint never rewritten (trigger), and
    a complaint alerts the facility's supervisors at once (Mandela Rule 57)."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="injury_records",
        verbose_name=_("prisoner"),
    )
    facility = models.ForeignKey(
        "casemgmt.Facility", on_delete=models.PROTECT, related_name="+", verbose_name=_("facility")
    )
    seen_at = models.DateTimeField(_("seen on"))
    occasion = models.CharField(_("occasion"), max_length=20, choices=InjuryOccasion.choices)
    recorder = models.CharField(_("recorded by"), max_length=10, choices=InjuryRecorder.choices)
    body_location = models.CharField(_("where on the body"), max_length=120, blank=True)
    description = models.TextField(_("description"), **_limit(SHORT_TEXT))
    examined_by = models.CharField(_("examined by"), max_length=200, blank=True)
    ill_treatment_complaint = models.BooleanField(_("the person complains of ill-treatment"), default=False)
    complaint_details = models.TextField(
        _("the complaint, in the person's words"), blank=True, **_limit(LONG_TEXT)
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("injury record")
        verbose_name_plural = _("injury records")
        ordering = ["-seen_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ill_treatment_complaint=False) | ~Q(complaint_details=""),
                name="injury_record_complaint_has_details",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prisoner_id}: {self.body_location} {self.description[:60]}"


class VulnerabilityDecision(models.Model):
    """Whether a person is vulnerable (what placement separates by), decided and dated,
    with the reason, the needs and who decided; reviewed by a later decision. The latest
    one is the person's present state; the first comes from the intake's flag. Append-only."""

    prisoner = models.ForeignKey(
        "casemgmt.Prisoner",
        on_delete=models.PROTECT,
        related_name="vulnerability_decisions",
        verbose_name=_("prisoner"),
        db_index=False,
    )
    vulnerable = models.BooleanField(_("vulnerable"))
    needs = models.TextField(_("needs"), blank=True, **_limit(SHORT_TEXT))
    reason = models.TextField(_("reason"), **_limit(SHORT_TEXT))
    review_on = models.DateField(_("review by"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided on"), auto_now_add=True)

    objects = CustodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vulnerability decision")
        verbose_name_plural = _("vulnerability decisions")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["prisoner", "-decided_at"], name="vulnerability_latest")]

    def __str__(self) -> str:
        return f"{self.prisoner_id}: {self.vulnerable} {self.decided_at:%Y-%m-%d}"
