"""The prisoner list's rows (``prisoner_rows``): what each column shows, in the reader's
language, escaped."""

import pytest
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from casemgmt.models import Prisoner
from casemgmt.templatetags.casemgmt_tags import prisoner_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "legal", "custody"),
    [("ru", "Осуждённый", "Под стражей"), ("en", "Convicted", "In custody")],
)
def test_a_row_shows_the_file_in_the_readers_language(demo, language, legal, custody):
    p = Prisoner.objects.select_related("facility", "unit", "cell").filter(legal_status="convicted").first()
    p.custody_status = "in_custody"
    with translation.override(language):
        html = str(prisoner_rows([p]))
    born = p.date_of_birth.strftime("%d.%m.%Y")  # config/formats: day first in every language
    href = reverse("prisoner-detail", args=[p.pk])
    where = " · ".join(
        x for x in (p.facility.name, p.unit.code if p.unit else "", p.cell.number if p.cell else "") if x
    )
    expected = (
        f'<tr><td><a href="{href}">{p.prison_number}</a></td>'
        f'<td><a href="{href}">{p.full_name}</a><br><small class="muted">{p.full_name_latin}</small></td>'
        f"<td>{born}</td><td>{legal}</td><td>{where}</td>"
        f'<td><span class="badge status-in_custody">{custody}</span></td></tr>'
    )
    assert parse_html(html) == parse_html(expected)


def test_missing_values_and_markup_in_names(demo):
    p = Prisoner.objects.select_related("facility", "unit", "cell").first()
    p.family_name = "<script>x</script>"
    p.date_of_birth = None
    p.facility, p.unit, p.cell = None, None, None
    html = str(prisoner_rows([p]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    cells = parse_html(html).children
    assert [str(cells[i].children[0]) for i in (2, 4)] == ["—", "—"]
