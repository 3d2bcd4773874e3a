from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casemgmt.choices import (
    AliasKind,
    CustodyStatus,
    DocumentKind,
    GenderIdentity,
    Language,
    LegalStatus,
    Sex,
)
from casemgmt.querysets import PrisonerQuerySet
from casemgmt.validators import validate_birth_date


def photo_path(instance: "Prisoner", filename: str) -> str:
    # The name is generated: nothing the uploader typed reaches the file system.
    return f"photos/{instance.prison_number}/{timezone.now():%Y%m%d%H%M%S}.img"


class Prisoner(models.Model):
    """The person-level case file. It survives release and re-admission: every
    admission, assessment, plan and note hangs from it. Access to it is only by
    object permission (see ``casemgmt.permissions``)."""

    prison_number = models.CharField(_("prison number"), max_length=20, unique=True, editable=False)

    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100, blank=True)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100, blank=True)
    patronymic_latin = models.CharField(_("patronymic (Latin)"), max_length=100, blank=True)

    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    date_of_birth_estimated = models.BooleanField(_("date of birth estimated"), default=False)
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    gender_identity = models.CharField(
        _("self-perceived gender"),
        max_length=12,
        choices=GenderIdentity.choices,
        default=GenderIdentity.NOT_STATED,
    )
    gender_identity_note = models.CharField(
        _("gender, in the person's own words"), max_length=200, blank=True
    )
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    citizenships = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("citizenships (ISO codes)"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=8), verbose_name=_("languages spoken"), default=list, blank=True
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    photo = models.FileField(_("photo"), upload_to=photo_path, blank=True)

    legal_status = models.CharField(_("legal status"), max_length=12, choices=LegalStatus.choices)
    custody_status = models.CharField(
        _("custody status"),
        max_length=16,
        choices=CustodyStatus.choices,
        default=CustodyStatus.IN_CUSTODY,
    )
    facility = models.ForeignKey(
        "casemgmt.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prisoners",
        verbose_name=_("facility"),
        db_index=False,
    )
    unit = models.ForeignKey(
        "casemgmt.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prisoners",
        verbose_name=_("unit"),
        db_index=False,
    )
    cell = models.ForeignKey(
        "casemgmt.Cell",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prisoners",
        verbose_name=_("cell"),
    )

    # Maintained by the services from every name and alias (see casemgmt.names).
    search_name = models.TextField(editable=False, default="")
    search_latin = models.TextField(editable=False, default="")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PrisonerQuerySet.as_manager()

    class Meta:
        verbose_name = _("prisoner")
        verbose_name_plural = _("prisoners")
        ordering = ["family_name", "given_name", "id"]
        permissions = [
            ("view_risk", _("View risk assessments and classification")),
            ("assess_risk", _("Carry out risk assessments")),
            ("approve_risk", _("Approve risk assessments and classification decisions")),
            ("allocate", _("Allocate the case to a case manager")),
            ("manage_caseplan", _("Manage the case plan and case notes")),
            ("view_family", _("View family, children and contacts")),
            ("view_health", _("View health details")),
            ("view_security", _("View returnee and security information")),
            ("view_programme", _("View programme records")),
        ]
        indexes = [
            GinIndex(fields=["search_latin"], name="prisoner_search_latin_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["search_name"], name="prisoner_search_name_trgm", opclasses=["gin_trgm_ops"]),
            # Nearest names first (KNN on word distance) for the intake's duplicate check. Partial
            # on a condition only that check states: otherwise the planner also takes it for the
            # list's word-similarity filter, where the GIN index is ~20x faster (issue #11).
            GistIndex(
                fields=["search_latin"],
                name="prisoner_search_latin_knn",
                opclasses=["gist_trgm_ops"],
                condition=models.Q(search_latin__gt=""),
            ),
            # The list's order: its first pages walk this index (``restrict(walk=Walk.PROBED)``).
            models.Index(fields=["family_name", "given_name", "id"], name="prisoner_name_order"),
            # The list filtered by a facility or a unit, walked in its order within them
            # (``selectors.list_plan``): 50 names of a facility of 54,000, not all of them sorted.
            models.Index(
                fields=["facility", "family_name", "given_name", "id"], name="prisoner_facility_names"
            ),
            models.Index(fields=["unit", "family_name", "given_name", "id"], name="prisoner_unit_names"),
            models.Index(fields=["facility", "custody_status"], name="prisoner_facility_status"),
            # the home page's people held per unit: counted from the index alone (issue 25)
            models.Index(fields=["unit", "custody_status"], name="prisoner_unit_status"),
            models.Index(fields=["date_of_birth"], name="prisoner_dob"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.prison_number})"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)

    @property
    def full_name_latin(self) -> str:
        parts = (self.family_name_latin, self.given_name_latin, self.patronymic_latin)
        return " ".join(p for p in parts if p)

    @property
    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    @property
    def age(self) -> int | None:
        if not self.date_of_birth:
            return None
        today = timezone.localdate()
        dob: date = self.date_of_birth
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


class PrisonerAlias(models.Model):
    """Another name the person is known by; searched like the main name."""

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(_("kind"), max_length=10, choices=AliasKind.choices, default=AliasKind.ALIAS)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name


class IdentityDocument(models.Model):
    """A document that establishes identity (Mandela Rule 7(a))."""

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=50)
    issuing_country = models.CharField(_("issuing country"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "issuing_country"], name="identity_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class PrisonerUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK grant of a capability on one prisoner to one user. A user's grants are read
    by the uniqueness's index (user, permission, file): guardian's own index on the user and
    one of ours on (user, permission) were the same index's work done twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_index=False)
    content_object = models.ForeignKey(Prisoner, on_delete=models.CASCADE)


class PrisonerGroupObjectPermission(GroupObjectPermissionBase):
    """Direct-FK grant of a capability on one prisoner to a group (a facility's staff).

    Its triggers keep ``core.GrantTally`` (how many files each group holds each permission
    on; migration 0017). ``prisoner_gperm_probe`` answers "does one of these groups hold
    this permission on this file" from the index alone: a list's first page tests each
    file it walks that way (``core.querysets.Walk.PROBED``); it also serves the foreign
    key's cascade, in place of the key's own index. A group's grants are read by the
    uniqueness's index (group, permission, file), not by indexes of their own."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, db_index=False)

    content_object = models.ForeignKey(Prisoner, on_delete=models.CASCADE, db_index=False)

    class Meta(GroupObjectPermissionBase.Meta):
        indexes = [
            models.Index(fields=["content_object", "permission", "group"], name="prisoner_gperm_probe"),
        ]
