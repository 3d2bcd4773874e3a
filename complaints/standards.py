"""The standards view's rows for requests and complaints (``reports.standards.register``).

Counted over the files on which the reader holds ``view_complaints`` (supervisors): that a
confidential complaint exists and when it is due is theirs to know, its content is not.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from complaints.choices import Category, Status

CAPABILITY = "view_complaints"


def _complaints(**filters):
    from complaints.models import Complaint

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
    from complaints.models import Complaint

    late = Complaint.objects.filter(overdue_q(today), prisoner=OuterRef("pk"))
    return ~Q(Exists(late))


def _has_allegation(today) -> Q:
    return Q(Exists(_complaints(category=Category.ILL_TREATMENT)))


def _allegations_referred(today) -> Q:
    return ~Q(Exists(_complaints(category=Category.ILL_TREATMENT, referred_at__isnull=True)))


def _reception_complaint(today) -> Q:
    from intake.models import Injury

    return Q(Exists(Injury.objects.filter(admission__prisoner=OuterRef("pk"), ill_treatment_complaint=True)))


def _in_register(today) -> Q:
    return Q(Exists(_complaints(category=Category.ILL_TREATMENT)))


def rows():
    from reports.standards import Standard

    return [
        Standard(
            "complaints_answered",
            _("Mandela Rule 56"),
            _("Requests and complaints acknowledged and answered by their due dates"),
            CAPABILITY,
            _has_complaint,
            _on_time,
        ),
        Standard(
            "allegations_referred",
            _("Mandela Rule 57(3)"),
            _("Allegations of torture or ill-treatment referred to an independent authority"),
            CAPABILITY,
            _has_allegation,
            _allegations_referred,
        ),
        Standard(
            "allegations_registered",
            _("Mandela Rule 8(d)"),
            _("Complaints of ill-treatment made at reception entered in the complaints register"),
            CAPABILITY,
            _reception_complaint,
            _in_register,
        ),
    ]


def register() -> None:
    from reports import standards

    for standard in rows():
        standards.register(standard)
