"""The standards view's rows for information on admission and requests and complaints
(``reports.standards.register``).

Rules 54-55 and Bangkok Rule 2 count the intake's information step over the files the
reader may see; the complaint rows over the files on which the reader holds
``view_complaints`` (supervisors): that a confidential complaint exists and when it is
due is theirs to know, its content is not.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from complaints.choices import Category, Status
from complaints.models import Complaint
from intake.models import Admission, Injury
from reports import standards
from reports.standards import Standard

CAPABILITY = "view_complaints"


def _complaints(**filters):
    return Complaint.objects.filter(prisoner=OuterRef("pk"), **filters)


def overdue_q(today, prefix: str = "") -> Q:
    """A complaint with a deadline passed and not met."""
    p = prefix
    open_ = ~Q(**{f"{p}status": Status.CLOSED})
    return (
        (open_ & Q(**{f"{p}acknowledged_at__isnull": True, f"{p}acknowledge_due__lt": today}))
        | (open_ & Q(**{f"{p}answered_at__isnull": True, f"{p}answer_due__lt": today}))
        | Q(**{f"{p}referral_due__lt": today, f"{p}referred_at__isnull": True})
    )


def _has_complaint(today) -> Q:
    return Q(Exists(_complaints()))


def _on_time(today) -> Q:
    late = Complaint.objects.filter(overdue_q(today), prisoner=OuterRef("pk"))
    return ~Q(Exists(late))


def _has_allegation(today) -> Q:
    return Q(Exists(_complaints(category=Category.ILL_TREATMENT)))


def _allegations_referred(today) -> Q:
    return ~Q(Exists(_complaints(category=Category.ILL_TREATMENT, referred_at__isnull=True)))


def _reception_complaint(today) -> Q:
    return Q(Exists(Injury.objects.filter(admission__prisoner=OuterRef("pk"), ill_treatment_complaint=True)))


def _in_register(today) -> Q:
    return Q(Exists(_complaints(category=Category.ILL_TREATMENT)))


def _told(**extra):
    """The current admission of the file, with the information step done (Rules 54-55)."""
    foreign = Q(citizenships__len__gt=0) & ~Q(citizenships__contained_by=[settings.NATIONAL_CITIZENSHIP])
    return (
        Admission.objects.filter(
            prisoner=OuterRef("pk"),
            status="completed",
            released_at__isnull=True,
            info_given_on__isnull=False,
            **extra,
        )
        .filter(Q(info_acknowledged=True) | ~Q(info_no_ack_reason=""))
        .filter(Q(info_consular=True) | ~foreign)
    )


def _everyone(today) -> Q:
    return Q(pk__isnull=False)


def _women(today) -> Q:
    return Q(sex="female")


def _informed(today) -> Q:
    return Q(Exists(_told(info_rules=True, info_rights=True, info_complaints=True, info_legal_advice=True)))


def _in_their_language(today) -> Q:
    understood = ~Q(info_language="") & (~Q(info_interpreter="") | Q(interpreter_needed=False))
    return Q(Exists(_told().filter(understood)))


def rows():
    return [
        Standard(
            "informed",
            _("Rule 54 of the Nelson Mandela Rules"),
            _("Told on admission about the rules, rights and obligations, complaints and legal advice"),
            "view_prisoner",
            _everyone,
            _informed,
        ),
        Standard(
            "informed_language",
            _("Rule 55 of the Nelson Mandela Rules"),
            _("Informed in a language they understand (interpreter named where needed)"),
            "view_prisoner",
            _everyone,
            _in_their_language,
        ),
        Standard(
            "informed_women",
            _("Rule 2(1) of the Bangkok Rules"),
            _("Women told on admission where to seek help, legal advice and how to complain"),
            "view_prisoner",
            _women,
            _informed,
        ),
        Standard(
            "complaints_answered",
            _("Rule 56 of the Nelson Mandela Rules"),
            _("Requests and complaints acknowledged and answered by their due dates"),
            CAPABILITY,
            _has_complaint,
            _on_time,
        ),
        Standard(
            "allegations_referred",
            _("Rule 57(3) of the Nelson Mandela Rules"),
            _("Allegations of torture or ill-treatment referred to an independent authority"),
            CAPABILITY,
            _has_allegation,
            _allegations_referred,
        ),
        Standard(
            "allegations_registered",
            _("Rule 8(d) of the Nelson Mandela Rules"),
            _("Complaints of ill-treatment made at reception entered in the complaints register"),
            CAPABILITY,
            _reception_complaint,
            _in_register,
        ),
    ]


def register() -> None:
    for standard in rows():
        standards.register(standard)
