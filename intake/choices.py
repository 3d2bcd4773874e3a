from django.db import models
from django.utils.translation import gettext_lazy as _


class AdmissionStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    COMPLETED = "completed", _("Admitted")
    CANCELLED = "cancelled", _("Cancelled")


class IdentityDecision(models.TextChoices):
    UNDECIDED = "", _("Not yet checked")
    NEW = "new", _("New person: no earlier file")
    RETURNING = "returning", _("Returning: same person as an earlier file")


class Step(models.TextChoices):
    ORDER = "order", _("Commitment order")
    IDENTITY = "identity", _("Identity")
    INJURIES = "injuries", _("Injuries and complaints")
    PROPERTY = "property", _("Property")
    FAMILY = "family", _("Family and contacts")
    SECURITY = "security", _("Returnee and security")
    HEALTH = "health", _("Health screening")
    INFORMATION = "information", _("Information on rights")
    REVIEW = "review", _("Review and complete")


class IssuingAuthority(models.TextChoices):
    COURT = "court", _("Court")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    INVESTIGATOR = "investigator", _("Investigating authority")
    OTHER = "other", _("Other authority")


class ContactRole(models.TextChoices):
    NEXT_OF_KIN = "next_of_kin", _("Next of kin")
    EMERGENCY = "emergency", _("Emergency contact")
    BOTH = "both", _("Next of kin and emergency contact")
    FAMILY = "family", _("Other family member")


class ChildCustody(models.TextChoices):
    WITH_PARENT_IN_PRISON = "in_prison", _("With the parent in prison")
    OTHER_PARENT = "other_parent", _("With the other parent")
    RELATIVES = "relatives", _("With relatives (kinship care)")
    STATE_CARE = "state_care", _("In state care")
    INDEPENDENT = "independent", _("Adult / independent")
    UNKNOWN = "unknown", _("Not known")


class ItemCondition(models.TextChoices):
    NEW = "new", _("New")
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn")
    DAMAGED = "damaged", _("Damaged")


class SecurityFlag(models.TextChoices):
    TERRORISM_OFFENCE = "terrorism_offence", _("Terrorism-related offence")
    EXTREMISM_OFFENCE = "extremism_offence", _("Extremism-related offence")
    CONFLICT_RETURNEE = "conflict_returnee", _("Returned from a conflict zone")
    KNOWN_RECRUITER = "recruiter", _("Information on recruitment of others")
    GANG = "organised_crime", _("Organised crime link")
    VULNERABLE = "vulnerable", _("Vulnerable to radicalisation or abuse")
    ESCAPE_RISK = "escape_risk", _("Escape risk")


class Pregnancy(models.TextChoices):
    NOT_APPLICABLE = "na", _("Not applicable")
    NO = "no", _("Not pregnant")
    YES = "yes", _("Pregnant")
    UNKNOWN = "unknown", _("Not known / declined to say")
