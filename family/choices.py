from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MAX, ADDRESS_MAX, PHONE_MAX, NOTE_MAX, REASON_MAX = 200, 300, 50, 2000, 2000


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Brother or sister")
    RELATIVE = "relative", _("Other relative")
    FRIEND = "friend", _("Friend")
    LAWYER = "lawyer", _("Lawyer")
    CONSULAR = "consular", _("Consular officer")
    OTHER = "other", _("Other")


#: relationships whose contact is confidential (children); victims are marked apart
CONFIDENTIAL_RELATIONSHIPS = (Relationship.CHILD,)


class RestrictionKind(models.TextChoices):
    BANNED = "banned", _("Banned from visiting")
    CLOSED = "closed", _("Closed visits only")
    NON_CONTACT = "non_contact", _("No contact")
    SUPERVISED = "supervised", _("Supervised contact")


class RestrictionReason(models.TextChoices):
    SECURITY = "security", _("Security (evidence of a threat)")
    SMUGGLING = "smuggling", _("The visitor brought in prohibited items")
    CHILD_PROTECTION = "child_protection", _("Protection of a child")
    VICTIM = "victim", _("Protection of a victim")
    COURT_ORDER = "court_order", _("Court or investigator's order")
    DISCIPLINARY = "disciplinary", _("Disciplinary sanction")


#: Rule 43(3), Bangkok Rule 23: contact with family is never a disciplinary sanction
FORBIDDEN_REASONS = (RestrictionReason.DISCIPLINARY,)
#: a restriction of these kinds stops a visit (the others change how it is held)
BLOCKING_KINDS = (RestrictionKind.BANNED, RestrictionKind.NON_CONTACT)


class Whereabouts(models.TextChoices):
    IN_PRISON = "in_prison", _("With the mother in prison")
    OTHER_PARENT = "other_parent", _("With the other parent")
    RELATIVES = "relatives", _("With relatives (kinship care)")
    STATE_CARE = "state_care", _("In state care")
    INDEPENDENT = "independent", _("Adult / independent")
    UNKNOWN = "unknown", _("Not known")


#: whereabouts that need a carer named (Bangkok Rule 3)
NEEDS_CARER = (Whereabouts.OTHER_PARENT, Whereabouts.RELATIVES, Whereabouts.STATE_CARE)


class VisitKind(models.TextChoices):
    FAMILY = "family", _("Family")
    CHILD_FRIENDLY = "child_friendly", _("Child-friendly")
    LEGAL = "legal", _("Legal")
    CONSULAR = "consular", _("Consular")
    OFFICIAL = "official", _("Official")


#: Rule 61: within sight but not within hearing of the staff
NOT_OVERHEARD = (VisitKind.LEGAL, VisitKind.CONSULAR)


class VisitStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Took place")
    NOT_HELD = "not_held", _("Did not take place")
    CANCELLED = "cancelled", _("Cancelled")


class NotHeldReason(models.TextChoices):
    VISITOR_ABSENT = "visitor_absent", _("The visitors did not come")
    PRISONER_DECLINED = "prisoner_declined", _("The prisoner declined")
    PRISONER_AWAY = "prisoner_away", _("The prisoner was away (court, hospital)")
    SECURITY = "security", _("Stopped for security")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    GIVEN = "given", _("The person agreed")
    REFUSED = "refused", _("The person refused")
    NOT_ASKED = "not_asked", _("Notified without asking (required by treaty)")
