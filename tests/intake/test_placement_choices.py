"""Placement choices that help: the reception unit list shows only the units that fit the
person (Rule 11), by name; the cell list follows the chosen unit with its free places; a
full cell is refused at admission as at a move; the move form keeps the chosen cell."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casemgmt import placement as placement_choices
from casemgmt.models import Prisoner
from intake import services
from intake.forms import step_form_class

pytestmark = pytest.mark.django_db


def _options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)', select)


def test_a_woman_is_offered_only_the_womens_units_by_name(demo, draft_factory, client):
    admission = draft_factory()  # a remand woman
    facility = demo.facilities["A"]
    form = step_form_class("review", facility=facility)(instance=admission, prefix="s")
    offered = set(form.fields["unit"].queryset.values_list("code", flat=True))
    assert offered == {"W1"}  # not the men's units, not the convicted women's unit
    client.force_login(demo.users["officer.a"])
    html = client.get(reverse("intake:step", args=[admission.pk, "review"])).content.decode()
    labels = [label for _pk, label in _options(html, "s-unit")]
    assert labels == [facility.units.get(code="W1").name]


def test_the_cell_list_follows_the_unit_and_shows_free_places(demo, draft_factory, client):
    admission = draft_factory()
    unit = demo.facilities["A"].units.get(code="W1")
    client.force_login(demo.users["officer.a"])
    url = reverse("intake:step", args=[admission.pk, "review"])
    html = client.get(url, {"s-unit": unit.pk}).content.decode()
    cells = _options(html, "s-cell")
    assert {int(pk) for pk, _l in cells} == set(unit.cells.values_list("pk", flat=True))
    first = unit.cells.order_by("number").first()
    held = Prisoner.objects.filter(cell=first, custody_status__in=placement_choices.HELD).count()
    assert f"{first.capacity - held} of {first.capacity} places free" in dict(cells)[str(first.pk)]
    # Another unit's cells are not offered, and an unfitting unit gives none.
    men = demo.facilities["A"].units.get(code="M1")
    assert _options(client.get(url, {"s-unit": men.pk}).content.decode(), "s-cell") == []


def test_a_full_cell_is_refused_at_admission_before_and_at_completion(demo, draft_factory):
    admission = draft_factory()
    cell = admission.cell
    cell.capacity = max(1, Prisoner.objects.filter(cell=cell).count())
    cell.save(update_fields=["capacity"])
    if not Prisoner.objects.filter(cell=cell).exists():
        first = draft_factory(identity={"family_name": "Каримова"})
        services.admission_complete(actor=demo.users["officer.a"], admission=first)
    assert "cell" in services.completion_errors(admission)
    with pytest.raises(ValidationError) as error:
        services.admission_complete(actor=demo.users["officer.a"], admission=admission)
    assert "cell" in error.value.message_dict
    assert Prisoner.objects.filter(cell=cell).count() == cell.capacity  # not overfilled


def test_the_move_form_offers_fitting_cells_and_keeps_the_cell_across_kinds(demo, login):
    prisoner = next(p for p in demo.prisoners["A"] if p.unit.code == "M1")
    client = login(demo.users["supervisor.a"])
    check = reverse("custody:move-check", args=[prisoner.pk])
    html = client.post(check, {"kind": "cell_move"}, HTTP_HX_REQUEST="true").content.decode()
    offered = {int(pk) for pk, _l in _options(html, "cell")}
    units = set(demo.facilities["A"].units.filter(cells__pk__in=offered).values_list("code", flat=True))
    assert units <= {"R", "M1"} and "M1" in units  # a remand man: no convicted, no women's unit
    assert "places free" in html and "<optgroup" in html
    target = prisoner.unit.cells.exclude(pk=prisoner.cell_id).first()
    data = {"kind": "court", "facility": prisoner.facility_id, "cell": target.pk, "reason": "x"}
    away = client.post(check, data, HTTP_HX_REQUEST="true").content.decode()
    assert f'name="cell" value="{target.pk}"' in away  # carried while the kind does not ask
    back = client.post(check, {**data, "kind": "cell_move"}, HTTP_HX_REQUEST="true").content.decode()
    assert re.search(rf'<option value="{target.pk}" selected>', back)
