"""One export framework for every list.

An ``Export`` names a list, builds its queryset from the user's restricted
queryset and the list's own filter parameters (the query string of the page the
Export button was on), and declares its columns: a translated header and how to
read the value. Writers turn rows into CSV (streamed, UTF-8 with a BOM, dates in
the user's language) or XLSX (openpyxl write-only mode, in a Celery task). Rows are
read with ``.iterator(chunk_size=...)``: never the whole list in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import formats, timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHUNK_SIZE = 2000
CSV_ROWS_PER_WRITE = 500


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (opens in Excel, UTF-8)")
    XLSX = "xlsx", _("Excel workbook (XLSX), prepared in the background")


class ExportFilterError(Exception):
    """The list's filter parameters are not valid; ``messages`` says why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Export:
    code: str
    title: Any
    list_url_name: str | None
    columns: list[Column]
    build: Callable[[Any, QueryDict], tuple[QuerySet, dict]]

    def queryset(self, user, params: QueryDict) -> tuple[QuerySet, dict]:
        """The rows the user may see with the list's filters applied, and the filters
        in force (for the audit trail)."""
        return self.build(user, params)

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def values(self, obj) -> list[Any]:
        return [c.value(obj) for c in self.columns]


def _attr(path: str) -> Callable[[Any], Any]:
    def read(obj):
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
            if callable(obj):
                obj = obj()
        return obj

    return read


def _choice(path: str, choices: str) -> Callable[[Any], Any]:
    """The label of a choice field, looked up in a table built once per language
    (``get_FOO_display`` rebuilds its mapping and translates on every call: it was
    half the time of a large export)."""
    read = _attr(path)
    tables: dict[str, dict] = {}

    def label(obj):
        value = read(obj)
        if value in (None, ""):
            return ""
        language = translation.get_language() or ""
        table = tables.get(language)
        if table is None:
            table = tables[language] = {k: str(v) for k, v in import_string(choices).choices}
        return table.get(value, value)

    return label


def _used(params: QueryDict, names: Iterable[str]) -> dict:
    return {k: params.get(k) for k in names if params.get(k)}


def _errors(form_errors) -> list[str]:
    return [f"{field}: {' '.join(str(e) for e in errs)}" for field, errs in form_errors.items()]


# --- the lists ---------------------------------------------------------------------


def _prisoners(user, params):
    from casemgmt.filters import PrisonerFilter
    from casemgmt.selectors import prisoner_list

    f = PrisonerFilter(params or None, queryset=prisoner_list(user=user), user=user)
    if f.is_bound and not f.is_valid():
        raise ExportFilterError(_errors(f.errors))
    return f.qs, _used(params, f.filters)


def _admissions(user, params):
    from intake.selectors import admission_list_filtered

    status = params.get("status", "open")
    return admission_list_filtered(user=user, status=status), {"status": status}


def _assessments(user, params):
    from classification.choices import AssessmentStatus
    from classification.selectors import assessment_list

    qs = assessment_list(user=user)
    if params.get("status") in AssessmentStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("facility", "").isdigit():
        qs = qs.filter(prisoner__facility_id=int(params["facility"]))
    return qs.order_by("-created_at", "-id"), _used(params, ("status", "facility"))


def _case_plans(user, params):
    from casework.choices import PlanStatus
    from casework.models import CasePlan

    qs = CasePlan.objects.restrict(user, "manage_caseplan").select_related("prisoner", "prisoner__facility")
    if params.get("manager", "").isdigit():
        qs = qs.filter(
            prisoner__allocations__case_manager_id=int(params["manager"]),
            prisoner__allocations__ended_at__isnull=True,
        )
    if params.get("status") in PlanStatus.values:
        qs = qs.filter(status=params["status"])
    return qs.order_by("prisoner__family_name", "prisoner__given_name", "id"), _used(
        params, ("manager", "status")
    )


def _participation(user, params):
    from rehabilitation.choices import EnrolmentStatus
    from rehabilitation.models import Enrolment

    ids = Enrolment.objects.restrict(user).values("pk")  # the restriction is DISTINCT; keep it in a subquery
    qs = (
        Enrolment.objects.filter(pk__in=ids)
        .select_related("prisoner", "offering__programme", "offering__facility")
        .annotate(
            sessions_recorded=Count("attendance"),
            sessions_present=Count("attendance", filter=Q(attendance__status__in=["attended", "late"])),
        )
    )
    if params.get("offering", "").isdigit():
        qs = qs.filter(offering_id=int(params["offering"]))
    if params.get("status") in EnrolmentStatus.values:
        qs = qs.filter(status=params["status"])
    return qs.order_by("offering_id", "prisoner__family_name", "id"), _used(params, ("offering", "status"))


def _reminders(user, params):
    from notifications.choices import ReminderKind
    from notifications.models import Notification

    qs = Notification.objects.filter(recipient=user).select_related("prisoner")
    show = params.get("show", "unread")
    if show != "all":
        qs = qs.filter(read_at__isnull=True)
    if params.get("kind") in ReminderKind.values:
        qs = qs.filter(kind=params["kind"])
    return qs, {"show": show, **_used(params, ("kind",))}


def _translated(field: str):
    def read(obj):
        value = getattr(obj, field)
        if isinstance(value, dict):
            lang = translation.get_language() or "en"
            return value.get(lang[:2]) or value.get("en") or next(iter(value.values()), "")
        return value

    return read


PRISONER = [
    Column(_("Prison number"), _attr("prisoner.prison_number")),
    Column(_("Name"), _attr("prisoner.full_name")),
]

EXPORTS: dict[str, Export] = {
    e.code: e
    for e in [
        Export(
            "prisoners",
            _("Prisoners"),
            "prisoner-list",
            [
                Column(_("Prison number"), _attr("prison_number")),
                Column(_("Family name"), _attr("family_name")),
                Column(_("Given name"), _attr("given_name")),
                Column(_("Patronymic"), _attr("patronymic")),
                Column(_("Name (Latin)"), _attr("full_name_latin")),
                Column(_("Date of birth"), _attr("date_of_birth")),
                Column(_("Sex"), _choice("sex", "casemgmt.choices.Sex")),
                Column(_("Nationality"), _attr("nationality")),
                Column(_("Legal status"), _choice("legal_status", "casemgmt.choices.LegalStatus")),
                Column(_("Custody status"), _choice("custody_status", "casemgmt.choices.CustodyStatus")),
                Column(_("Facility"), _attr("facility.name")),
                Column(_("Unit"), _attr("unit.code")),
                Column(_("Cell"), _attr("cell.number")),
            ],
            _prisoners,
        ),
        Export(
            "admissions",
            _("Admissions"),
            "intake:list",
            [
                Column(_("Facility"), _attr("facility.name")),
                Column(_("Status"), _choice("status", "intake.choices.AdmissionStatus")),
                Column(_("Prison number"), _attr("prisoner.prison_number")),
                Column(_("Family name"), _attr("family_name")),
                Column(_("Given name"), _attr("given_name")),
                Column(_("Legal status"), _choice("legal_status", "casemgmt.choices.LegalStatus")),
                Column(_("Order number"), _attr("order_number")),
                Column(_("Order date"), _attr("order_date")),
                Column(_("Admitted at"), _attr("admitted_at")),
                Column(_("Released at"), _attr("released_at")),
                Column(_("Initial risk assessment due"), _attr("initial_assessment_due")),
            ],
            _admissions,
        ),
        Export(
            "assessments",
            _("Risk assessments"),
            None,
            [
                *PRISONER,
                Column(_("Instrument"), _attr("instrument_version")),
                Column(_("Kind"), _choice("kind", "classification.choices.AssessmentKind")),
                Column(_("Status"), _choice("status", "classification.choices.AssessmentStatus")),
                Column(_("Overall judgement"), _choice("overall", "classification.choices.Judgement")),
                Column(_("Started"), _attr("created_at")),
                Column(_("Submitted"), _attr("submitted_at")),
                Column(_("Approved"), _attr("approved_at")),
            ],
            _assessments,
        ),
        Export(
            "case_plans",
            _("Case plans"),
            "casework:caseload",
            [
                *PRISONER,
                Column(_("Facility"), _attr("prisoner.facility.name")),
                Column(_("Status"), _choice("status", "casework.choices.PlanStatus")),
                Column(_("Next plan review"), _attr("next_review_date")),
                Column(_("Created"), _attr("created_at")),
                Column(_("Updated"), _attr("updated_at")),
            ],
            _case_plans,
        ),
        Export(
            "participation",
            _("Programme participation"),
            "rehabilitation:list",
            [
                *PRISONER,
                Column(_("Programme"), lambda e: _translated("name")(e.offering.programme)),
                Column(_("Facility"), _attr("offering.facility.name")),
                Column(_("Status"), _choice("status", "rehabilitation.choices.EnrolmentStatus")),
                Column(_("Enrolled"), _attr("enrolled_at")),
                Column(_("Ended"), _attr("ended_at")),
                Column(_("Sessions recorded"), _attr("sessions_recorded")),
                Column(_("Sessions attended"), _attr("sessions_present")),
            ],
            _participation,
        ),
        Export(
            "reminders",
            _("Reminders"),
            "notifications:list",
            [
                Column(_("Kind"), _choice("kind", "notifications.choices.ReminderKind")),
                Column(_("Prison number"), _attr("prisoner.prison_number")),
                Column(_("Due"), _attr("due_date")),
                Column(_("When"), _attr("created_at")),
                Column(_("Read"), _attr("read_at")),
            ],
            _reminders,
        ),
    ]
}


# --- writing -----------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + text if text.startswith(_FORMULA_START) else text


def as_text(value) -> str:
    """A value as the user reads it: dates in their language's short format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int | float):
        return str(value)
    return _safe(str(value))


def as_cell(value):
    """A value for an XLSX cell: real dates and numbers (Excel formats them)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, dt.date | int | float):
        return value
    return _safe(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_chunks(export: Export, queryset: QuerySet, language: str) -> Iterator[bytes]:
    """The CSV as a stream of byte chunks: a BOM (so Excel reads Cyrillic), the
    headers, then the rows in groups, read from the database a chunk at a time.
    The language is set here because the stream is consumed after the view returns."""
    with translation.override(language):
        writer = csv.writer(_Echo())
        yield ("\ufeff" + writer.writerow(export.headers())).encode()
        buffer = []
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            buffer.append(writer.writerow([as_text(v) for v in export.values(obj)]))
            if len(buffer) >= CSV_ROWS_PER_WRITE:
                yield "".join(buffer).encode()
                buffer = []
        if buffer:
            yield "".join(buffer).encode()


def write_csv(export: Export, queryset: QuerySet, language: str, fileobj, progress=None, every=500) -> int:
    """Into a text file opened with ``encoding="utf-8-sig", newline=""`` (the BOM)."""
    with translation.override(language):
        writer = csv.writer(fileobj)
        writer.writerow(export.headers())
        rows = 0
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            writer.writerow([as_text(v) for v in export.values(obj)])
            rows += 1
            if progress and rows % every == 0:
                progress(rows)
    if progress:
        progress(rows)
    return rows


def write_xlsx(export: Export, queryset: QuerySet, language: str, path, progress=None, every=500) -> int:
    """Write-only workbook: rows go to a temporary file as they come, memory stays flat."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    with translation.override(language):
        date_format = "DD.MM.YYYY" if language[:2] in ("ru", "tg") else "YYYY-MM-DD"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=str(export.title)[:31])
        header = []
        for text in export.headers():
            cell = WriteOnlyCell(ws, value=text)
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        rows = 0
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            out = []
            for value in export.values(obj):
                value = as_cell(value)
                if isinstance(value, dt.datetime):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = date_format + " hh:mm"
                    out.append(cell)
                elif isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = date_format
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)
            rows += 1
            if progress and rows % every == 0:
                progress(rows)
        wb.save(path)
    if progress:
        progress(rows)
    return rows
