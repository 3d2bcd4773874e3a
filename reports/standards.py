"""How complete the current files are, rule by rule (Mandela Rules 7, 11, 89/94; Bangkok Rule 3).

Each standard names the files it applies to (``scope``), what makes a file complete
for it (``complete``) and the capability needed to judge it: family details need
``view_family``, risk needs ``view_risk``. The summary is one query of conditional
counts; the list of incomplete files is the prisoner list filtered by the same
conditions (``?current=1&standard=<code>``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casemgmt.choices import CustodyStatus
from casemgmt.models import IdentityDocument
from classification.due import review_due_expr
from classification.models import Assessment, Classification
from core.querysets import granted_ids
from intake.models import Admission, Child, Contact
from reports.criteria import CURRENT, years_ago


def _open_admission(**conditions):
    return Exists(
        Admission.objects.filter(
            prisoner=OuterRef("pk"), status="completed", released_at__isnull=True, **conditions
        )
    )


def _identity(today) -> Q:
    return Q(date_of_birth__isnull=False) & Exists(IdentityDocument.objects.filter(prisoner=OuterRef("pk")))


def _commitment(today) -> Q:
    return Exists(
        Admission.objects.filter(
            prisoner=OuterRef("pk"),
            status="completed",
            released_at__isnull=True,
            order_date__isnull=False,
            arrested_at__isnull=False,
        ).exclude(Q(order_number="") | Q(order_authority="") | Q(arrest_place="") | Q(reasons=""))
    )


def _admission_hour(today) -> Q:
    return Q(_open_admission(admitted_at__isnull=False))


def _property(today) -> Q:
    return Exists(
        Admission.objects.filter(
            prisoner=OuterRef("pk"), status="completed", released_at__isnull=True
        ).filter(Q(property_acknowledged=True) | ~Q(property_refusal_note=""))
    )


def _contacts(today) -> Q:
    kin = Contact.objects.filter(prisoner=OuterRef("pk"), role__in=["next_of_kin", "both"])
    emergency = Contact.objects.filter(prisoner=OuterRef("pk"), role__in=["emergency", "both"])
    return Q(Exists(kin)) & Q(Exists(emergency))


def _has_children(today) -> Q:
    return Q(sex="female") & Q(Exists(Child.objects.filter(prisoner=OuterRef("pk"))))


def _children_complete(today) -> Q:
    # Bangkok Rule 3: where each child is and who has custody; a child not with her
    # needs a guardian or carer named.
    missing = Child.objects.filter(prisoner=OuterRef("pk")).filter(
        Q(custody="unknown") | (Q(custody__in=["other_parent", "relatives", "state_care"]) & Q(guardian=""))
    )
    return ~Q(Exists(missing))


def _placed(today) -> Q:
    return Q(unit__isnull=False)


def _separated(today) -> Q:
    adult = years_ago(today, 18)
    sex = Q(unit__sex=F("sex"))
    legal = (
        Q(unit__legal_category="remand", legal_status="remand")
        | (Q(unit__legal_category="convicted") & ~Q(legal_status__in=["remand", "civil"]))
        | Q(unit__legal_category="civil", legal_status="civil")  # Rule 11(c)
    )
    age = Q(unit__age_group="juvenile", date_of_birth__gt=adult) | (
        Q(unit__age_group="adult") & (Q(date_of_birth__isnull=True) | Q(date_of_birth__lte=adult))
    )
    return sex & legal & age


def _everyone(today) -> Q:
    return Q(pk__isnull=False)


def _initial_assessment(today) -> Q:
    done = Exists(Assessment.objects.filter(prisoner=OuterRef("pk"), status__in=["submitted", "approved"]))
    return Q(done) | Q(initial_due__gte=today)


def _classified(today) -> Q:
    return Q(Exists(Classification.objects.filter(prisoner=OuterRef("pk"), status="approved")))


def _review_on_time(today) -> Q:
    return Q(review_next__gte=today)


def initial_due_expr():
    initial = (
        Admission.objects.filter(prisoner=OuterRef("pk"), status="completed")
        .order_by("-admitted_at")
        .values("initial_assessment_due")[:1]
    )
    return Coalesce(
        Subquery(initial, output_field=DateField()),
        Cast(TruncDate("created_at") + dt.timedelta(days=settings.INITIAL_ASSESSMENT_DAYS), DateField()),
    )


def review_next_expr():
    """The next review's due date: the one rule (``classification.due``)."""
    return review_due_expr()


@dataclass(frozen=True)
class Standard:
    code: str
    rule: object
    label: object
    capability: str
    scope: Callable[[dt.date], Q]
    complete: Callable[[dt.date], Q]
    # Counted over the files held now; False: over the files closed by a death in custody.
    held: bool = True
    # A row counted in days over the view's period instead of files (the app's own count):
    # ``days(user=, facility=, since=, until=) -> {"applies", "complete", "url"}``.
    days: Callable[..., dict] | None = None


STANDARDS = [
    Standard(
        "identity",
        _("Rule 7(a) of the Nelson Mandela Rules"),
        _("Identity established: date of birth and an identity document"),
        "view_prisoner",
        _everyone,
        _identity,
    ),
    Standard(
        "commitment",
        _("Rule 7(b) of the Nelson Mandela Rules"),
        _("Commitment order, authority, reasons, date, time and place of arrest"),
        "view_prisoner",
        _everyone,
        _commitment,
    ),
    Standard(
        "admission",
        _("Rule 7(c) of the Nelson Mandela Rules"),
        _("Day and hour of admission recorded"),
        "view_prisoner",
        _everyone,
        _admission_hour,
    ),
    Standard(
        "property",
        _("Rule 7(e) of the Nelson Mandela Rules"),
        _("Property inventory acknowledged by the prisoner (or refusal noted)"),
        "view_prisoner",
        _everyone,
        _property,
    ),
    Standard(
        "contacts",
        _("Rule 7(f) and (g) of the Nelson Mandela Rules"),
        _("Next of kin and an emergency contact recorded"),
        "view_family",
        _everyone,
        _contacts,
    ),
    Standard(
        "children",
        _("Rule 3 of the Bangkok Rules"),
        _("Women with children: each child's whereabouts, custody and carer recorded"),
        "view_family",
        _has_children,
        _children_complete,
    ),
    Standard(
        "separation",
        _("Rule 11 of the Nelson Mandela Rules"),
        _("Placed in a unit for their sex, legal status and age group"),
        "view_prisoner",
        _placed,
        _separated,
    ),
    Standard(
        "initial_assessment",
        _("Rules 89 and 94 of the Nelson Mandela Rules"),
        _("Initial risk and needs assessment done, or not yet due"),
        "view_risk",
        _everyone,
        _initial_assessment,
    ),
    Standard(
        "review",
        _("Rule 94 of the Nelson Mandela Rules"),
        _("Classification reviewed by its due date"),
        "view_risk",
        _classified,
        _review_on_time,
    ),
]
BY_CODE = {s.code: s for s in STANDARDS}
STANDARD_CHOICES = [(s.code, s.rule) for s in STANDARDS]


def register(standard: Standard) -> None:
    """A standard another app adds (in its ``AppConfig.ready()``), after the core's; the
    lists are changed in place, so everything that read them sees it."""
    if standard.code in BY_CODE:
        index = next(i for i, s in enumerate(STANDARDS) if s.code == standard.code)
        STANDARDS[index] = standard
        STANDARD_CHOICES[index] = (standard.code, standard.rule)
    else:
        STANDARDS.append(standard)
        STANDARD_CHOICES.append((standard.code, standard.rule))
    BY_CODE[standard.code] = standard


def _with_aliases(queryset: QuerySet) -> QuerySet:
    return queryset.alias(initial_due=initial_due_expr(), review_next=review_next_expr())


def summary(*, user, prisoners: QuerySet, today: dt.date) -> list[dict]:
    """For each standard: files it applies to, complete, incomplete (one query). The
    conditions are computed once a file, the files grouped by them, and the groups summed
    here: counted with filters, each condition was computed again for every count that
    named it (PostgreSQL pulls the aliases up into each filter), its subqueries with it."""
    flags = {}
    for s in STANDARDS:
        applies = Q(pk__in=granted_ids(user, s.capability)) & s.scope(today) & population(s)
        flags[f"{s.code}__in"] = ExpressionWrapper(applies, output_field=BooleanField())
        flags[f"{s.code}__ok"] = ExpressionWrapper(s.complete(today), output_field=BooleanField())
    counts = {f"{s.code}__{n}": 0 for s in STANDARDS for n in ("applies", "complete")}
    groups = _with_aliases(prisoners).annotate(**flags).order_by().values(*flags).annotate(n=Count("pk"))
    for group in groups:
        for s in STANDARDS:
            if group[f"{s.code}__in"] is True:
                counts[f"{s.code}__applies"] += group["n"]
                if group[f"{s.code}__ok"] is True:
                    counts[f"{s.code}__complete"] += group["n"]
    rows = []
    for s in STANDARDS:
        applies, complete = counts[f"{s.code}__applies"], counts[f"{s.code}__complete"]
        rows.append(
            {
                "code": s.code,
                "rule": s.rule,
                "label": s.label,
                "applies": applies,
                "complete": complete,
                "incomplete": applies - complete,
                "percent": round(100 * complete / applies) if applies else None,
            }
        )
    return rows


def population(standard: Standard) -> Q:
    """The files a standard is counted over: held now, or closed by a death."""
    if standard.held:
        return Q(custody_status__in=CURRENT)
    return Q(custody_status=CustodyStatus.DECEASED)


def incomplete(queryset: QuerySet, user, code: str) -> QuerySet:
    s = BY_CODE[code]
    today = timezone.localdate()
    return (
        _with_aliases(queryset.filter(pk__in=granted_ids(user, s.capability)))
        .filter(s.scope(today), population(s))
        .exclude(s.complete(today))
    )
