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
