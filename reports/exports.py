"""One export framework for every list.

An ``Export`` names a list, builds its queryset from the user's restricted
queryset and the list's own filter parameters (the query string of the page the
Export button was on), and declares its columns: a translated header and how to
read the value. Writers turn rows into CSV (streamed, UTF-8 with a BOM, dates in
the user's language) or XLSX (openpyxl write-only mode, in a Celery task). Rows are
read with ``values_list(...).iterator(chunk_size=...)``: only the columns the
export needs, joined in the one query, no model instances, never the whole list in
memory (a server-side cursor on PostgreSQL). Each column names the fields it reads
and, where needed, how to turn them into text for a language; the per-language
work (choice labels, date formats) is done once per export, not per cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models import Count, F, Func, Q, QuerySet, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL
from django.db.models.functions import NullIf
from django.http import QueryDict
from django.utils import formats, timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from casemgmt.filters import PrisonerFilter
from casemgmt.selectors import prisoner_list
from casework.choices import PlanStatus
from casework.models import CasePlan
from classification.choices import AssessmentStatus
from classification.selectors import assessment_list
from core import markup
from core.edge import parse_id
from core.i18n import tr
from intake.choices import AdmissionStatus
from intake.selectors import admission_list_filtered
from notifications.choices import ReminderKind
from notifications.models import Notification
from rehabilitation.choices import EnrolmentStatus
from rehabilitation.models import Enrolment

CHUNK_SIZE = 5000
CSV_BYTES_PER_WRITE = 64 * 1024


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
    """A header and the fields it reads (``values_list`` lookups). ``reader``, given
    the export's language, returns the function that turns those fields' values into
    the cell's value; without it the cell is the single field's value."""

    header: Any
    fields: tuple[Any, ...]  # lookups, or one expression
    reader: Callable[[str], Callable[..., Any]] | None = None


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

    def plan(self, queryset: QuerySet, language: str) -> tuple[QuerySet, list, list[str]]:
        """The ``values_list`` queryset of the fields the columns need; per column its
        slice of a row and its reader for ``language``; per column the kind of its value
        (``str``, ``date``, ``datetime``, ``bool``, ``number`` or ``any``), from the
        model fields, so the writer picks each cell's conversion once per export."""
        fields: list = []
        readers = []
        for column in self.columns:
            start = len(fields)
            fields.extend(column.fields)
            reader = column.reader(language) if column.reader else None
            readers.append((start, len(fields), reader))
        values = queryset.values_list(*fields)
        kinds = []
        for start, _end, reader in readers:
            if reader is not None:
                kinds.append("str")  # a reader gives the cell's text
            else:
                field = fields[start]
                kinds.append(_kind(queryset.model, values.query, field if isinstance(field, str) else None))
        return values, readers, kinds

    def rows(self, queryset: QuerySet, language: str) -> Iterator[Sequence[Any]]:
        """Each row's cell values, read with one query (``values_list`` of the fields
        the columns need, a chunk at a time). Call inside ``translation.override``."""
        values, readers, _kinds = self.plan(queryset, language)
        return _shaped(values.iterator(chunk_size=CHUNK_SIZE), readers)


def _shaped(rows: Iterator[tuple], readers: list) -> Iterator[Sequence[Any]]:
    """The fields of each row as cells: a reader's columns read through it."""
    if all(r is None and end - start == 1 for start, end, r in readers):
        return rows
    return (
        [row[start] if reader is None else reader(*row[start:end]) for start, end, reader in readers]
        for row in rows
    )


def _kind(model, query, name: str | None) -> str:
    """The kind of a ``values_list`` field's value: from the model field at the end of
    the lookup path or the annotation's output field."""
    if name is None:
        return "str"  # an expression column (_joined): text
    if name in query.annotations:
        field = query.annotations[name].output_field
    else:
        for part in name.split(LOOKUP_SEP):
            field = model._meta.get_field(part)
            model = field.related_model
    if isinstance(field, models.DateTimeField):
        return "datetime"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.BooleanField):
        return "bool"
    if isinstance(field, models.IntegerField | models.FloatField | models.AutoField | models.ForeignKey):
        return "number"
    if isinstance(field, models.CharField | models.TextField):
        return "str"
    return "any"


def _field(header, path: str) -> Column:
    return Column(header, (path,))


def _choice(header, path: str, choices: str) -> Column:
    """The label of a choice field from a table built once per export and language
    (``get_FOO_display`` rebuilds its mapping and translates on every call)."""

    def reader(language):
        table = {k: str(v) for k, v in import_string(choices).choices}
        table[None] = table[""] = ""
        return lambda value: table.get(value, value)

    return Column(header, (path,), reader)


def _joined(header, *paths: str) -> Column:
    """Several name parts as one cell, as ``Prisoner.full_name`` joins them (empty
    parts left out), joined by PostgreSQL."""
    parts = [NullIf(F(p), Value("")) for p in paths]
    return Column(header, (Func(Value(" "), *parts, function="CONCAT_WS", output_field=models.TextField()),))


def _translated(header, path: str) -> Column:
    """A JSON text in several languages (``core.i18n.tr``)."""

    def reader(language):
        return lambda value: tr(value, language)

    return Column(header, (path,), reader)


def _instrument_version(header, path: str) -> Column:
    """As ``str(InstrumentVersion)``: the instrument's name (or code) and the number."""

    def reader(language):
        def read(name, code, number):
            if number is None:
                return None
            return f"{tr(name, language) or code} v{number}"

        return read

    return Column(
        header, (f"{path}__instrument__name", f"{path}__instrument__code", f"{path}__number"), reader
    )


def _used(params: QueryDict, names: Iterable[str]) -> dict:
    return {k: params.get(k) for k in names if params.get(k)}


def _refuse_invalid(params: QueryDict, valid: dict) -> None:
    """Every export's filters checked alike (a set of values, or ``parse_id``): a filter with
    a value its list does not accept is refused, never dropped (the export would be wider)."""
    wrong = []
    for name, accepted in valid.items():
        value = params.get(name)
        if value and not (parse_id(value) if accepted is parse_id else value in accepted):
            wrong.append(f"{name}: {_('Not a valid value.')}")
    if wrong:
        raise ExportFilterError(wrong)


def _errors(form_errors) -> list[str]:
    return [f"{field}: {' '.join(str(e) for e in errs)}" for field, errs in form_errors.items()]


def subject_query(queryset: QuerySet) -> QuerySet:
    """The ids of the prisoners an export's rows are about, as a query not yet run (the
    read log's event selects them in SQL: ``core.reads.note_query``)."""
    field = "pk" if queryset.model._meta.label_lower == "casemgmt.prisoner" else "prisoner_id"
    return queryset.order_by().values_list(field, flat=True)


def subjects_sql(queryset: QuerySet) -> RawSQL:
    """The export's files as one sorted array of distinct ids, computed by PostgreSQL (for
    ``ExportJob.subjects``: a prepared export of a million rows keeps no list in the worker)."""
    try:
        sql, params = subject_query(queryset).query.sql_with_params()
    except EmptyResultSet:  # the ORM knows it selects nothing
        return RawSQL("'{}'::bigint[]", ())
    return RawSQL(  # noqa: S611 - compiled by the ORM, its values parameters
        "SELECT COALESCE(array_agg(DISTINCT s.id ORDER BY s.id) FILTER (WHERE s.id IS NOT NULL), "  # noqa: S608
        f"'{{}}'::bigint[]) FROM ({sql}) AS s(id)",
        params,
    )


# --- the lists ---------------------------------------------------------------------


def _prisoners(user, params):
    f = PrisonerFilter(params or None, queryset=prisoner_list(user=user), user=user)
    if f.is_bound and not f.is_valid():
        raise ExportFilterError(_errors(f.errors))
    return f.qs, _used(params, f.filters)


def _admissions(user, params):
    _refuse_invalid(params, {"status": {"open", "all", *AdmissionStatus.values}})
    status = params.get("status") or "open"
    return admission_list_filtered(user=user, status=status), {"status": status}


def _assessments(user, params):
    _refuse_invalid(params, {"status": set(AssessmentStatus.values), "facility": parse_id})
    qs = assessment_list(user=user)
    if params.get("status") in AssessmentStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("facility"):
        qs = qs.filter(prisoner__facility_id=int(params["facility"]))
    return qs.order_by("-created_at", "-id"), _used(params, ("status", "facility"))


def _case_plans(user, params):
    _refuse_invalid(params, {"manager": parse_id, "status": set(PlanStatus.values)})
    qs = CasePlan.objects.restrict(user, "manage_caseplan").select_related("prisoner", "prisoner__facility")
    if params.get("manager"):
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
    _refuse_invalid(params, {"offering": parse_id, "status": set(EnrolmentStatus.values)})
    qs = (
        Enrolment.objects.restrict(user)
        .select_related("prisoner", "offering__programme", "offering__facility")
        .annotate(
            sessions_recorded=Count("attendance"),
            sessions_present=Count("attendance", filter=Q(attendance__status__in=["attended", "late"])),
        )
    )
    if params.get("offering"):
        qs = qs.filter(offering_id=int(params["offering"]))
    if params.get("status") in EnrolmentStatus.values:
        qs = qs.filter(status=params["status"])
    return qs.order_by("offering_id", "prisoner__family_name", "id"), _used(params, ("offering", "status"))


def _reminders(user, params):
    _refuse_invalid(params, {"show": {"unread", "all"}, "kind": set(ReminderKind.values)})
    qs = Notification.objects.readable(user).select_related("prisoner")  # not files since lost
    show = params.get("show", "unread")
    if show != "all":
        qs = qs.filter(read_at__isnull=True)
    if params.get("kind") in ReminderKind.values:
        qs = qs.filter(kind=params["kind"])
    return qs, {"show": show, **_used(params, ("kind",))}


PRISONER = [
    _field(_("Prison number"), "prisoner__prison_number"),
    _joined(_("Name"), "prisoner__family_name", "prisoner__given_name", "prisoner__patronymic"),
]

EXPORTS: dict[str, Export] = {
    e.code: e
    for e in [
        Export(
            "prisoners",
            _("Prisoners"),
            "prisoner-list",
            [
                _field(_("Prison number"), "prison_number"),
                _field(_("Family name"), "family_name"),
                _field(_("Given name"), "given_name"),
                _field(_("Patronymic"), "patronymic"),
                _joined(_("Name (Latin)"), "family_name_latin", "given_name_latin", "patronymic_latin"),
                _field(_("Date of birth"), "date_of_birth"),
                _choice(_("Sex"), "sex", "casemgmt.choices.Sex"),
                _field(_("Nationality"), "nationality"),
                _choice(_("Legal status"), "legal_status", "casemgmt.choices.LegalStatus"),
                _choice(_("Custody status"), "custody_status", "casemgmt.choices.CustodyStatus"),
                _field(_("Facility"), "facility__name"),
                _field(_("Unit"), "unit__code"),
                _field(_("Cell"), "cell__number"),
            ],
            _prisoners,
        ),
        Export(
            "admissions",
            _("Admissions"),
            "intake:list",
            [
                _field(_("Facility"), "facility__name"),
                _choice(_("Status"), "status", "intake.choices.AdmissionStatus"),
                _field(_("Prison number"), "prisoner__prison_number"),
                _field(_("Family name"), "family_name"),
                _field(_("Given name"), "given_name"),
                _choice(_("Legal status"), "legal_status", "casemgmt.choices.LegalStatus"),
                _field(_("Order number"), "order_number"),
                _field(_("Order date"), "order_date"),
                _field(_("Admitted at"), "admitted_at"),
                _field(_("Released at"), "released_at"),
                _field(_("Initial risk assessment due"), "initial_assessment_due"),
            ],
            _admissions,
        ),
        Export(
            "assessments",
            _("Risk assessments"),
            None,
            [
                *PRISONER,
                _instrument_version(_("Instrument"), "instrument_version"),
                _choice(_("Kind"), "kind", "classification.choices.AssessmentKind"),
                _choice(_("Status"), "status", "classification.choices.AssessmentStatus"),
                _choice(_("Overall judgement"), "overall", "classification.choices.Judgement"),
                _field(_("Started"), "created_at"),
                _field(_("Submitted"), "submitted_at"),
                _field(_("Approved"), "approved_at"),
            ],
            _assessments,
        ),
        Export(
            "case_plans",
            _("Case plans"),
            "casework:caseload",
            [
                *PRISONER,
                _field(_("Facility"), "prisoner__facility__name"),
                _choice(_("Status"), "status", "casework.choices.PlanStatus"),
                _field(_("Next plan review"), "next_review_date"),
                _field(_("Created"), "created_at"),
                _field(_("Updated"), "updated_at"),
            ],
            _case_plans,
        ),
        Export(
            "participation",
            _("Programme participation"),
            "rehabilitation:list",
            [
                *PRISONER,
                _translated(_("Programme"), "offering__programme__name"),
                _field(_("Facility"), "offering__facility__name"),
                _choice(_("Status"), "status", "rehabilitation.choices.EnrolmentStatus"),
                _field(_("Enrolled"), "enrolled_at"),
                _field(_("Ended"), "ended_at"),
                _field(_("Sessions recorded"), "sessions_recorded"),
                _field(_("Sessions attended"), "sessions_present"),
            ],
            _participation,
        ),
        Export(
            "reminders",
            _("Reminders"),
            "notifications:list",
            [
                _choice(_("Kind"), "kind", "notifications.choices.ReminderKind"),
                _field(_("Prison number"), "prisoner__prison_number"),
                _field(_("Due"), "due_date"),
                _field(_("When"), "created_at"),
                _field(_("Read"), "read_at"),
            ],
            _reminders,
        ),
    ]
}


def register(export: Export) -> None:
    """A list of another app, exported like these (from its ``AppConfig.ready()``: the
    legal app's release plans), its columns made with ``field`` / ``choice``."""
    EXPORTS[export.code] = export


field, choice = _field, _choice


# --- writing -----------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = "".join(_FORMULA_START)


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


def _text_converters(tz) -> dict[str, Callable[[Any], str]]:
    """``as_text`` per kind of value with its per-language work done once (dates
    memoised: a list has few distinct dates)."""
    yes, no = gettext("Yes"), gettext("No")
    # the format worked out once an export, not looked up and interpreted a cell
    date_text = markup.formatter("SHORT_DATE_FORMAT")
    datetime_text = markup.formatter("SHORT_DATETIME_FORMAT")
    dates: dict[dt.date, str] = {}

    def text(value):
        if not value:
            return "" if value is None or value == "" else as_text(value)
        return "'" + value if value[0] in _FORMULA_CHARS else value

    def date(value):
        if value is None:
            return ""
        text = dates.get(value)
        if text is None:
            text = dates[value] = date_text(value)
        return text

    return {
        "str": text,
        "date": date,
        "datetime": lambda value: "" if value is None else datetime_text(value.astimezone(tz)),
        "bool": lambda value: "" if value is None else yes if value else no,
        "number": lambda value: "" if value is None else str(value),
        "any": as_text,
    }


def _text_rows(export: Export, queryset: QuerySet, language: str, tz) -> Iterator[list[str]]:
    values, readers, kinds = export.plan(queryset, language)
    by_kind = _text_converters(tz)
    rows = values.iterator(chunk_size=CHUNK_SIZE)
    if all(end - start == 1 for start, end, _reader in readers):
        # one field per column: the reader and the conversion as one function per column
        convert = [
            by_kind[kind] if reader is None else _then(reader, by_kind[kind])
            for (_start, _end, reader), kind in zip(readers, kinds, strict=True)
        ]
    else:
        convert = [by_kind[kind] for kind in kinds]
        rows = _shaped(rows, readers)
    for row in rows:
        yield [f(v) for f, v in zip(convert, row, strict=True)]


def _then(first: Callable[[Any], Any], then: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: then(first(value))


def csv_chunks(export: Export, queryset: QuerySet, language: str) -> Iterator[bytes]:
    """The CSV as a stream of byte chunks of ~64 KB: a BOM (so Excel reads Cyrillic),
    the headers, then the rows, read from the database a chunk at a time. The language
    is set in the stream because it is consumed after the view returns; the time zone
    is the one in force now, when the view calls this."""
    return _csv_stream(export, queryset, language, timezone.get_current_timezone())


def _csv_stream(export: Export, queryset: QuerySet, language: str, tz) -> Iterator[bytes]:
    with translation.override(language):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(export.headers())
        for row in _text_rows(export, queryset, language, tz):
            writer.writerow(row)
            if buffer.tell() >= CSV_BYTES_PER_WRITE:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()


def write_csv(export: Export, queryset: QuerySet, language: str, fileobj, progress=None, every=500) -> int:
    """Into a text file opened with ``encoding="utf-8-sig", newline=""`` (the BOM)."""
    with translation.override(language):
        writer = csv.writer(fileobj)
        writer.writerow(export.headers())
        rows = 0
        for row in _text_rows(export, queryset, language, timezone.get_current_timezone()):
            writer.writerow(row)
            rows += 1
            if progress and rows % every == 0:
                progress(rows)
    if progress:
        progress(rows)
    return rows


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


def write_xlsx(export: Export, queryset: QuerySet, language: str, path, progress=None, every=500) -> int:
    """Write-only workbook: rows go to a temporary file as they come, memory stays flat."""
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
        for row in export.rows(queryset, language):
            out = []
            for value in row:
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
