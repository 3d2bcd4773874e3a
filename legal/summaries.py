"""What a handover summary and a prisoner's copy carry, declared field by field.

The prisoner's copy (Mandela Rule 9, subject access) is the person's own record: the
sections and fields in ``COPY`` and nothing else. ``COPY_EXCLUDED`` declares what is left
out and why — third parties' confidential data and security intelligence. Both are built
in the reader's language (labels and choices translated when rendered)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from classification.models import Classification
from complaints.models import Complaint
from custody.models import Movement
from legal.choices import Section
from legal.models import Charge, Hearing, LegalCase, PlanItem, Sentence
from legal.services import current_calculation
from rehabilitation.models import Enrolment

#: the prisoner's copy: section -> (record type, the fields shown)
COPY = {
    "identity": (
        "casemgmt.prisoner",
        [
            "prison_number",
            "family_name",
            "given_name",
            "patronymic",
            "family_name_latin",
            "given_name_latin",
            "date_of_birth",
            "place_of_birth",
            "sex",
            "nationality",
            "languages",
            "legal_status",
            "custody_status",
        ],
    ),
    "legal": (
        "legal.*",
        [
            "case_number",
            "court",
            "opened_on",
            "lawyer_name",
            "lawyer_contact",
            "article",
            "description",
            "scheduled_at",
            "purpose",
            "outcome",
            "sentenced_on",
            "years",
            "months",
            "days",
            "regime",
            "status",
            "release_on",
            "early_release",
        ],
    ),
    "placement": ("custody.movement", ["kind", "occurred_at", "to_facility", "external_place"]),
    "programmes": ("rehabilitation.enrolment", ["offering", "status", "enrolled_at", "ended_at"]),
    "complaints": (
        "complaints.complaint",
        ["kind", "category", "received_at", "status", "words", "answer", "answered_at"],
    ),
    "plan": ("legal.planitem", ["pathway", "need", "action", "due_on", "status"]),
}

#: what the copy leaves out (record type or record type.field -> why)
COPY_EXCLUDED = {
    "custody.movement.reason": gettext_lazy("may carry security intelligence"),
    "custody.movement.authorised_by": gettext_lazy("staff and orders of the security service"),
    "custody.movement.conflicts": gettext_lazy("names other prisoners (keep-apart links, cellmates)"),
    "custody.movement.override_reason": gettext_lazy("security decision"),
    "complaints.complaint.about_staff": gettext_lazy("third party"),
    "complaints.complaint.handler": gettext_lazy("third party"),
    "complaints.complaint.summary": gettext_lazy("staff's working summary"),
    "legal.planitem.owner": gettext_lazy("third parties (mentors, counsellors, local authority staff)"),
    "classification.*": gettext_lazy("risk assessments and security classification: security intelligence"),
    "intake.returnee/security": gettext_lazy("returnee and security information: security intelligence"),
    "intake.contact": gettext_lazy("third parties' confidential data (next of kin, emergency contacts)"),
    "intake.child": gettext_lazy("children's confidential data"),
    "custody.search/find/incident": gettext_lazy("security operations; name other people"),
    "casework.casenote": gettext_lazy("staff's working notes; may name third parties"),
    "documents.sensitive": gettext_lazy("documents of a sensitive kind"),
}


def _value(obj, name):
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool | int | str) or hasattr(value, "isoformat"):
        return value
    return str(value)


def _rows(obj, fields):
    out = []
    for name in fields:
        if not hasattr(obj, name):
            continue
        label = obj._meta.get_field(name).verbose_name if name in {f.name for f in obj._meta.fields} else name
        out.append((str(label).capitalize(), _value(obj, name)))
    return out


def _identity(prisoner):
    return [_rows(prisoner, COPY["identity"][1])]


def _legal(prisoner):
    fields = COPY["legal"][1]
    blocks = []
    for model in (LegalCase, Charge, Hearing, Sentence):
        for obj in model.objects.filter(prisoner=prisoner):
            blocks.append(_rows(obj, fields))
    calc = current_calculation(prisoner.pk)
    if calc is not None:
        blocks.append(
            [(_("Expected release"), calc.release_on or "—")]
            + [(_("Early release: %(name)s") % {"name": k}, v) for k, v in calc.early_release.items()]
            + [(_("Explanation"), " ".join(calc.explanation()))]
        )
    return blocks


def _placement(prisoner):
    return [
        _rows(m, COPY["placement"][1])
        for m in Movement.objects.filter(prisoner=prisoner).order_by("occurred_at")
    ]


def _programmes(prisoner):
    return [_rows(e, COPY["programmes"][1]) for e in Enrolment.objects.filter(prisoner=prisoner)]


def _complaints(prisoner):
    # A confidential complaint is read only by its authority (Rule 56(3)), not by the staff
    # who print the copy: its dates and status only.
    fields = COPY["complaints"][1]
    short = [f for f in fields if f not in ("words", "answer")]
    return [
        _rows(c, short if c.confidential else fields) for c in Complaint.objects.filter(prisoner=prisoner)
    ]


def _plan(prisoner, fields=None):
    return [_rows(i, fields or COPY["plan"][1]) for i in PlanItem.objects.filter(prisoner=prisoner)]


COPY_BUILDERS = {
    "identity": (gettext_lazy("Identity"), _identity),
    "legal": (gettext_lazy("Legal record and release date"), _legal),
    "placement": (gettext_lazy("Placement history"), _placement),
    "programmes": (gettext_lazy("Programmes"), _programmes),
    "complaints": (gettext_lazy("Requests and complaints"), _complaints),
    "plan": (gettext_lazy("Release and reintegration plan"), _plan),
}


def prisoners_copy(prisoner) -> dict:
    sections = [(str(title), build(prisoner)) for title, build in COPY_BUILDERS.values()]
    excluded = [(key, str(why)) for key, why in COPY_EXCLUDED.items()]
    return {"sections": sections, "excluded": excluded}


def _risk(prisoner):
    current = (
        Classification.objects.filter(prisoner=prisoner, status="approved").order_by("-decided_at").first()
    )
    if current is None:
        return []
    return [
        _rows(
            current,
            ["security_level", "regime", "placement", "hold_apart_from_vulnerable", "next_review_due"],
        )
    ]


HANDOVER_BUILDERS = {
    Section.IDENTITY: _identity,
    Section.LEGAL: _legal,
    Section.PLACEMENT: _placement,
    Section.RISK: _risk,
    Section.PROGRAMMES: _programmes,
    Section.PLAN: lambda p: _plan(p, ["pathway", "need", "action", "owner", "due_on", "status"]),
}


def handover(summary, *, user) -> dict:
    """The chosen sections only."""
    sections = []
    for code in summary.sections:
        build = HANDOVER_BUILDERS.get(code)
        if build is not None:
            sections.append((str(Section(code).label), build(summary.prisoner)))
    return {"sections": sections}
