"""Enumerations of security operations. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MovementKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    CELL_MOVE = "cell_move", _("Cell move")
    TRANSFER = "transfer", _("Transfer to another facility")
    COURT = "court", _("To court")
    HOSPITAL = "hospital", _("To hospital")
    TEMPORARY_RELEASE = "temp_release", _("Temporary release")
    RETURN = "return", _("Return to the facility")
    RELEASE = "release", _("Release")
    # Recorded only with the death record (custody.services.death_record), never from the move form.
    DEATH = "death", _("Death in custody")


# Kinds that take the person out of the facility for a while (they keep their place).
OUT_KINDS = (MovementKind.COURT, MovementKind.HOSPITAL, MovementKind.TEMPORARY_RELEASE)
# Kinds that place the person somewhere and so are checked against the placement rules.
PLACING_KINDS = (MovementKind.ADMISSION, MovementKind.CELL_MOVE, MovementKind.TRANSFER)


class ConflictKind(models.TextChoices):
    RULE_11 = "rule11", _("Category of the unit (Mandela Rule 11)")
    CAPACITY = "capacity", _("Cell capacity")
    KEEP_APART = "keep_apart", _("Keep-apart constraint")
    SEPARATION = "separation", _("Separation rule of the classification")


class SearchKind(models.TextChoices):
    CELL = "cell", _("Cell")
    PERSON = "person", pgettext_lazy("searched", "Person")
    AREA = "area", _("Area")


class SearchBasis(models.TextChoices):
    PLANNED = "planned", _("Planned (routine)")
    INTELLIGENCE = "intelligence", _("Intelligence-led")


class SearchResult(models.TextChoices):
    NOTHING = "nothing", _("Nothing found")
    FINDS = "finds", _("Items found")
    INCOMPLETE = "incomplete", _("Not completed")


class ItemType(models.TextChoices):
    PHONE = "phone", _("Mobile phone")
    SIM = "sim", _("SIM card")
    WEAPON = "weapon", _("Weapon")
    DRUGS = "drugs", _("Drugs")
    EXTREMIST = "extremist", _("Extremist material")
    MONEY = "money", _("Money")
    OTHER = "other", _("Other")


class CustodyAction(models.TextChoices):
    BAGGED = "bagged", _("Bagged and tagged")
    HANDED_OVER = "handed_over", _("Handed to another holder")
    STORED = "stored", _("Put in the evidence store")
    TO_POLICE = "to_police", _("Handed to the police")
    DESTROYED = "destroyed", _("Destroyed")
    RETURNED = "returned", _("Returned to the owner")


# After these the item is no longer held by the prison: the chain ends.
FINAL_ACTIONS = (CustodyAction.TO_POLICE, CustodyAction.DESTROYED, CustodyAction.RETURNED)


class FindOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    DISCIPLINARY = "disciplinary", _("Disciplinary report")
    POLICE = "police", _("Police referral")
    BOTH = "both", _("Disciplinary report and police referral")
    NONE = "none", _("No further action")


class IncidentKind(models.TextChoices):
    ASSAULT = "assault", _("Assault")
    DISORDER = "disorder", _("Disorder")
    SELF_HARM = "self_harm", _("Self-harm")
    FIND = "find", _("Find")
    ESCAPE_ATTEMPT = "escape", _("Escape attempt")
    RADICALISATION = "radicalisation", _("Radicalisation concern")
    OTHER = "other", _("Other")


class IncidentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    REVIEWED = "reviewed", _("Reviewed")


class InvolvementRole(models.TextChoices):
    PERPETRATOR = "perpetrator", _("Alleged perpetrator")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    INVOLVED = "involved", _("Involved")
    RESPONDER = "responder", _("Staff who responded")


class InjuryOccasion(models.TextChoices):
    """When an injury after admission was seen (the intake records those at reception)."""

    USE_OF_FORCE = "use_of_force", _("After a use of force")
    TRANSFER_IN = "transfer_in", _("On arrival from a transfer")
    INCIDENT = "incident", _("After an incident")
    RETURN = "return", _("On return to the facility")
    OTHER = "other", _("Other")


class InjuryRecorder(models.TextChoices):
    MEDICAL = "medical", _("Medical staff")
    OFFICER = "officer", _("Officer")
