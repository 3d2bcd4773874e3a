"""The plan's history shows its dates in the reader's format, not ISO (issue 23)."""

from __future__ import annotations

from django.utils import translation

from casework.services import change_label


def test_a_review_date_reads_in_each_language():
    with translation.override("en"):
        english = change_label("review:2026-12-01")
    with translation.override("ru"):
        russian = change_label("review:2026-12-01")
    assert "2026-12-01" not in english and "2026-12-01" not in russian
    assert russian.endswith("01.12.2026")


def test_a_detail_that_is_no_date_stays_as_written():
    with translation.override("en"):
        assert change_label("goal:Learn to read").endswith(": Learn to read")
