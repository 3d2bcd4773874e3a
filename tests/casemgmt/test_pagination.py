"""A name search counts in its page query (count(*) OVER ()): same answer, one query fewer."""

import pytest
from django.urls import reverse

from casemgmt import selectors
from casemgmt.models import Prisoner
from casemgmt.pagination import CountInPagePaginator

pytestmark = pytest.mark.django_db


def test_search_page_counts_what_the_plain_count_counts(demo, client, count_queries):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    name = demo.prisoners["A"][0].family_name
    url = reverse("prisoner-list") + f"?q={name}"
    with count_queries() as search:
        response = client.get(url)
    expected = selectors.search_prisoners(selectors.prisoner_list(user=officer), name)
    assert response.context["paginator"].count == expected.count() > 0
    assert [p.pk for p in response.context["prisoners"]] == [p.pk for p in expected[:50]]
    with count_queries() as plain:
        assert client.get(reverse("prisoner-list")).status_code == 200
    assert search.count == plain.count - 1  # no separate COUNT


def test_past_the_end_and_last_page(demo, client):
    client.force_login(demo.users["officer.a"])
    name = demo.prisoners["A"][0].family_name
    url = reverse("prisoner-list") + f"?q={name}"
    assert client.get(url + "&page=9").status_code == 404
    assert client.get(url + "&page=last").status_code == 200
    assert client.get(url + "&page=x").status_code == 404


def test_paginator_pages_and_counts(demo):
    from django.core.paginator import EmptyPage

    rows = Prisoner.objects.order_by("pk")
    total = rows.count()  # 12 demo prisoners
    paginator = CountInPagePaginator(rows, 5)
    first = paginator.page(1)
    assert [p.pk for p in first.object_list] == [p.pk for p in rows[:5]]
    assert paginator.count == total and paginator.num_pages == 3
    last = CountInPagePaginator(rows, 5).page(3)
    assert len(last.object_list) == total - 10 and not last.has_next()
    with pytest.raises(EmptyPage):
        CountInPagePaginator(rows, 5).page(4)


def test_unfiltered_list_counts_the_grants_once(demo, client):
    from casemgmt import permissions

    supervisor = demo.users["supervisor.a"]
    prisoner = demo.prisoners["A"][0]
    # A direct grant on a file the facility group already opens: still one file.
    permissions.access_grant(
        actor=None, prisoners=[prisoner], user=supervisor, capabilities=["view_prisoner"]
    )
    visible = Prisoner.objects.restrict(supervisor, "view").count()
    assert selectors.visible_count(user=supervisor) == visible == len(demo.prisoners["A"])
    client.force_login(supervisor)
    assert client.get(reverse("prisoner-list")).context["paginator"].count == visible
    assert client.get(reverse("prisoner-list") + "?page=1").context["paginator"].count == visible
    filtered = client.get(reverse("prisoner-list") + f"?sex={prisoner.sex}").context["paginator"]
    assert filtered.count == Prisoner.objects.restrict(supervisor).filter(sex=prisoner.sex).count()
