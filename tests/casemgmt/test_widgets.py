"""The Python-rendered <select> gives the markup of Django's own (compared as HTML)."""

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import Select

CHOICES = [("", "Any"), ("a", "A & <b>"), ("b", "Б"), ("Group", [("1", "one"), ("2", "two")])]


@pytest.mark.parametrize("value", [None, "", "a", "b", "2", "missing"])
def test_same_markup_as_djangos_select(value):
    attrs = {"id": "id_x", "class": "c", "data-autosubmit": True, "disabled": False}
    ours = Select(choices=CHOICES, attrs=attrs).render("x", value)
    django = forms.Select(choices=CHOICES, attrs=attrs).render("x", value)
    assert parse_html(ours) == parse_html(django)
    assert "&lt;b&gt;" in ours and "<b>" not in ours


@pytest.mark.django_db
def test_same_markup_for_model_choices(demo):
    """The list's facility filter: choices are model instances (their ids are wrapped values)."""
    from casemgmt.models import Facility

    facilities = Facility.objects.order_by("pk")
    chosen = facilities.last()
    for widget in (Select, forms.Select):
        field = forms.ModelChoiceField(queryset=facilities, empty_label="All", widget=widget)
        html = field.widget.render("facility", chosen.pk, {"id": "id_facility"})
        if widget is Select:
            ours = html
    assert parse_html(ours) == parse_html(html)
    assert f'<option value="{chosen.pk}" selected>' in ours and ours.count(" selected") == 1
