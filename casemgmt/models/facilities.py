from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import AgeGroup, FacilityKind, Sex, UnitLegalCategory, UnitPurpose


class Facility(models.Model):
    """A prison establishment. Its officers and supervisors are two groups that
    hold the object permissions on the prisoners held there."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    officers_group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+", editable=False)
    supervisors_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def capacity(self) -> int:
        return Cell.objects.filter(unit__facility=self).aggregate(total=Sum("capacity"))["total"] or 0


class Unit(models.Model):
    """A block or wing. Its category (sex, age group, legal status) is what Rule 11
    separation is checked against when a person is placed there."""

    facility = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("facility"),
        db_index=False,
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=UnitPurpose.choices, default=UnitPurpose.GENERAL
    )
    sex = models.CharField(_("holds sex"), max_length=10, choices=Sex.choices)
    age_group = models.CharField(
        _("holds age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.ADULT
    )
    legal_category = models.CharField(
        _("holds legal status"), max_length=10, choices=UnitLegalCategory.choices
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["facility", "code"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "code"], name="unit_code_unique_in_facility")
        ]

    def __str__(self) -> str:
        return f"{self.facility.code}/{self.code} {self.name}"


class Cell(models.Model):
    """A cell or dormitory with its official capacity."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cells", verbose_name=_("unit"), db_index=False
    )
    number = models.CharField(_("number"), max_length=20)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cell")
        verbose_name_plural = _("cells")
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="cell_number_unique_in_unit"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="cell_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code}-{self.number}"
