"""The handover summary and the prisoner's copy as PDF (fpdf2, pure Python).

The same sections as the printable pages (``legal.summaries``), in the reader's language:
the labels are translated when the sections are built, the values formatted here. The
font is the vendored DejaVu Sans (``legal/fonts``, its licence beside it): it carries
Cyrillic and the Tajik letters ҳ ҷ ӣ ӯ қ ғ, which the PDF core fonts do not; only the
glyphs used are embedded."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
# fontTools logs every glyph it keeps when fpdf2 subsets the font (50 lines a PDF) at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang(get_language() or "ru")
        self.set_creator("casemgmt")
        self.heading = title
        self.set_auto_page_break(True, margin=15)
        self.alias_nb_pages()

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"{self.heading} · {self.page_no()}/{{nb}}", align="C")

    def line_of(self, text: str, *, size: int = 10, bold: bool = False, gap: float = 1) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def sections(self, sections) -> None:
        for title, blocks in sections:
            self.ln(2)
            self.line_of(str(title), size=13, bold=True)
            if not blocks:
                self.line_of(_("Nothing recorded."))
            for rows in blocks:
                self.set_font(FAMILY, "", 9)
                with self.table(col_widths=(35, 65), first_row_as_headings=False, line_height=5) as table:
                    for label, value in rows:
                        row = table.row()
                        row.cell(str(label))
                        row.cell(_text(value))
                self.ln(2)


def _response(pdf: _Document, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def handover_pdf(summary, sections) -> HttpResponse:
    prisoner = summary.prisoner
    pdf = _Document(_("Handover summary"))
    pdf.add_page()
    pdf.line_of(_("Handover summary"), size=16, bold=True, gap=2)
    pdf.line_of(f"{prisoner.full_name} · {prisoner.prison_number}", bold=True)
    pdf.line_of(f"{_('For')}: {summary.get_agency_display()} — {summary.recipient}")
    pdf.line_of(f"{_('Reason')}: {summary.reason}")
    pdf.line_of(f"{_('Prepared')}: {_text(summary.created_at)}")
    pdf.sections(sections)
    return _response(pdf, f"handover-{summary.pk}.pdf")


def copy_pdf(prisoner, sections) -> HttpResponse:
    title = _("Copy of the record for the prisoner")
    pdf = _Document(title)
    pdf.add_page()
    pdf.line_of(title, size=16, bold=True, gap=2)
    pdf.line_of(f"{prisoner.full_name} · {prisoner.prison_number}", bold=True)
    pdf.line_of(
        _(
            "Mandela Rule 9: your own record. Information about other people and security "
            "information is not included."
        )
    )
    pdf.line_of(f"{_('Prepared')}: {_text(timezone.now())}")
    pdf.sections(sections)
    return _response(pdf, f"record-copy-{prisoner.pk}.pdf")
