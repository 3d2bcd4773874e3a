"""The admin site shows no prisoner data to an administrator without a grant (issue 16):
every changelist, add, change, history and delete page, crawled as the demo administrator."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from casemgmt.models import Prisoner, User

#: objects opened per model (change, history, delete pages)
PER_MODEL = 5


@pytest.fixture
def world(casework_demo):
    return casework_demo


def forbidden() -> set[str]:
    """Every prisoner's number and family name; a family name that is also part of a staff
    member's name (officer.a is Назарова) is looked for with the given name instead."""
    staff = " ".join(f"{u.first_name} {u.last_name}" for u in User.objects.all())
    words = set()
    for number, family, given in Prisoner.objects.values_list("prison_number", "family_name", "given_name"):
        words.add(number)
        words.add(family if family not in staff else f"{family} {given}")
    return words


def admin_urls():
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        yield reverse("admin:{}_{}_add".format(*info))
        for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:PER_MODEL]:
            for page in ("change", "history", "delete"):
                yield reverse("admin:{}_{}_{}".format(*info, page), args=[pk])


def test_no_admin_page_shows_a_prisoners_number_or_name(world, client):
    client.force_login(world.users["admin"])
    words = forbidden()
    assert len(words) >= 12
    pages = [reverse("admin:index"), *admin_urls()]
    for app_label in {m._meta.app_label for m in admin.site._registry}:
        pages.append(reverse("admin:app_list", args=[app_label]))
    crawled = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        body = response.content.decode()
        leaked = sorted(w for w in words if w in body)
        assert not leaked, (url, leaked)
        crawled += response.status_code == 200
    assert crawled > 20


def test_prisoner_bearing_models_are_not_in_the_admin():
    for model in admin.site._registry:
        fields = [f for f in model._meta.get_fields() if f.is_relation and f.related_model is Prisoner]
        concrete = [f for f in fields if f.concrete]
        assert model is not Prisoner and not concrete, model._meta.label


def test_deleting_a_facility_counts_its_files_without_naming_them(world, client):
    client.force_login(world.users["admin"])
    facility = world.facilities["A"]
    body = client.get(reverse("admin:casemgmt_facility_delete", args=[facility.pk])).content.decode()
    assert str(facility) in body
    held = Prisoner.objects.filter(facility=facility).count()
    assert f"{Prisoner._meta.verbose_name.capitalize()}: {held}" in body  # the protected files, counted
    assert not any(p.prison_number in body for p in Prisoner.objects.all())
