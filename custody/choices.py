"""Enumerations of security operations. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    CELL_MOVE = "cell_move", _("Cell move")
    TRANSFER = "transfer", _("Transfer to another facility")
    COURT = "court", _("To court")
    HOSPITAL = "hospital", _("To hospital")
    TEMPORARY_RELEASE = "temp_release", _("Temporary release")
    RETURN = "return", _("Return to the facility")
    RELEASE = "release", _("Release")


# Kinds that take the person out of the facility for a while (they keep their place).
OUT_KINDS = (MovementKind.COURT, MovementKind.HOSPITAL, MovementKind.TEMPORARY_RELEASE)
# Kinds that place the person somewhere and so are checked against the placement rules.
PLACING_KINDS = (MovementKind.ADMISSION, MovementKind.CELL_MOVE, MovementKind.TRANSFER)


class ConflictKind(models.TextChoices):
    RULE_11 = "rule11", _("Category of the unit (Mandela Rule 11)")
    CAPACITY = "capacity", _("Cell capacity")
    KEEP_APART = "keep_apart", _("Keep-apart constraint")
    SEPARATION = "separation", _("Separation rule of the classification")
