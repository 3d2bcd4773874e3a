"""Enumerations of the case file. Stored values are stable English codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class GenderIdentity(models.TextChoices):
    """Self-perceived gender (Mandela Rule 7(a)), recorded as the person states it."""

    MAN = "man", _("Man")
    WOMAN = "woman", _("Woman")
    OTHER = "other", _("Other (as stated)")
    NOT_STATED = "not_stated", _("Not stated")


class LegalStatus(models.TextChoices):
    REMAND = "remand", _("Untried (on remand)")
    CONVICTED = "convicted", _("Convicted")
    APPEAL = "appeal", _("Convicted, under appeal")
    CIVIL = "civil", _("Civil or administrative detention")


class CustodyStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("In custody")
    TEMPORARILY_OUT = "temporarily_out", _("Temporarily out (court, hospital)")
    RELEASED = "released", _("Released")
    DECEASED = "deceased", _("Deceased")


class AgeGroup(models.TextChoices):
    ADULT = "adult", _("Adult")
    JUVENILE = "juvenile", _("Juvenile (under 18)")


class UnitLegalCategory(models.TextChoices):
    """Which legal status a unit holds: untried and convicted are kept apart (Rule 11(b))."""

    REMAND = "remand", _("Untried")
    CONVICTED = "convicted", _("Convicted")
    # Rule 11(c): persons imprisoned for debt or other civil process, apart from criminal prisoners.
    CIVIL = "civil", _("Civil detainees")


class UnitPurpose(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    GENERAL = "general", _("General accommodation")
    HIGH_SECURITY = "high_security", _("High security")
    MEDICAL = "medical", _("Medical")
    MOTHER_AND_CHILD = "mother_child", _("Mother and child")
    SEGREGATION = "segregation", _("Separation")


class FacilityKind(models.TextChoices):
    PRETRIAL = "pretrial", _("Pre-trial detention centre")
    COLONY = "colony", _("Correctional colony")
    PRISON = "prison", _("Prison")
    JUVENILE = "juvenile", _("Juvenile institution")


class DocumentKind(models.TextChoices):
    NATIONAL_ID = "national_id", _("National identity card")
    PASSPORT = "passport", _("Passport")
    FOREIGN_PASSPORT = "foreign_passport", _("Foreign passport")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", _("Other document")


class AliasKind(models.TextChoices):
    ALIAS = "alias", _("Alias")
    PREVIOUS_NAME = "previous", _("Previous name")
    SPELLING = "spelling", _("Other spelling")


class Language(models.TextChoices):
    TAJIK = "tg", _("Tajik")
    RUSSIAN = "ru", _("Russian")
    UZBEK = "uz", _("Uzbek")
    KYRGYZ = "ky", _("Kyrgyz")
    PERSIAN = "fa", _("Persian (Dari/Farsi)")
    PASHTO = "ps", _("Pashto")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """Staff roles; each is a Django group of the same name."""

    OFFICER = "prison_officer", _("Prison officer")
    CASE_MANAGER = "case_manager", _("Case manager")
    PROGRAMME_STAFF = "programme_staff", _("Programme staff")
    SUPERVISOR = "supervisor", _("Supervisor / security lead")
    ADMINISTRATOR = "administrator", _("Administrator")
    # reads the audit trail in its own viewer (auditlog), each reading audited; no file grant
    AUDITOR = "auditor", _("Auditor")
    # The authorities a complaint may be routed to (Rule 56(3)): across facilities,
    # only the complaints routed to them.
    CENTRAL_ADMIN = "central_admin", _("Central prison administration")
    INSPECTOR = "inspector", _("Prosecutor, ombudsman or inspection body")
    # Discipline (Mandela Rules 36-46): hears disciplinary charges in the facilities
    # they are assigned to; health staff record the daily visits to separated people.
    ADJUDICATOR = "adjudicator", _("Adjudicator (disciplinary hearings)")
    HEALTH = "health", _("Health care staff")
