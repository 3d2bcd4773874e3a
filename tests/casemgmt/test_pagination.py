"""A name search counts in its page query (count(*) OVER ()): same answer, one query fewer."""

import pytest
from django.urls import reverse

from casemgmt import selectors
from casemgmt.models import Prisoner
from core.pagination import CountInPagePaginator
from core.querysets import Walk

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
    # No separate COUNT of the search (the trigram test once per file). The first search
    # counts the user's grants to choose its plan (the plain list counts them for its
    # total); a second search takes that figure from the cache.
    assert search.count == plain.count
    with count_queries() as again:
        assert client.get(url).status_code == 200
    assert again.count == plain.count - 1


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
    from core import grants

    supervisor = demo.users["supervisor.a"]
    prisoner = demo.prisoners["A"][0]
    # A direct grant on a file the facility group already opens: still one file.
    grants.access_grant(actor=None, prisoners=[prisoner], user=supervisor, capabilities=["view_prisoner"])
    visible = Prisoner.objects.restrict(supervisor, "view").count()
    assert selectors.visible_count(user=supervisor) == visible == len(demo.prisoners["A"])
    client.force_login(supervisor)
    assert client.get(reverse("prisoner-list")).context["paginator"].count == visible
    assert client.get(reverse("prisoner-list") + "?page=1").context["paginator"].count == visible
    filtered = client.get(reverse("prisoner-list") + f"?sex={prisoner.sex}").context["paginator"]
    assert filtered.count == Prisoner.objects.restrict(supervisor).filter(sex=prisoner.sex).count()


@pytest.mark.parametrize("walk", list(Walk))
def test_the_unfiltered_list_is_the_same_page_walked_or_fetched(demo, client, monkeypatch, walk):
    """Whichever way the page is read (see ``selectors.list_walk``), the same files in the
    same order, on every page."""
    monkeypatch.setattr(selectors, "list_walk", lambda **kwargs: walk)
    supervisor = demo.users["supervisor.a"]
    client.force_login(supervisor)
    expected = [
        p.pk for p in Prisoner.objects.restrict(supervisor).order_by("family_name", "given_name", "id")
    ]
    response = client.get(reverse("prisoner-list"))
    assert [p.pk for p in response.context["prisoners"]] == expected
    assert response.context["paginator"].count == len(expected)


def test_the_list_probes_or_hashes_its_first_pages_by_size_and_fetches_the_last():
    # The officer of the benchmark's largest facility: 5,458 of 100,000 files, 53,816 of
    # 1,000,000. Hashing 5,458 grants costs less than a probe for each of ~900 names walked;
    # hashing 53,816 costs more (bench/results/plan_costs.md).
    small, large = {"visible": 5458, "total": 100_000}, {"visible": 53_816, "total": 1_000_000}
    assert selectors.list_walk(**small, offset=0, per_page=50) == Walk.HASHED
    assert selectors.list_walk(**large, offset=0, per_page=50) == Walk.PROBED
    assert selectors.list_walk(**small, offset=1000, per_page=50) == Walk.HASHED
    assert selectors.list_walk(**large, offset=1000, per_page=50) == Walk.HASHED
    for size in (small, large):
        assert selectors.list_walk(**size, offset=size["visible"] - 50, per_page=50) == Walk.FETCH
    # A case manager's 80 files: fetching them is always cheaper than walking 100,000 names.
    assert selectors.list_walk(visible=80, total=100_000, offset=0, per_page=50) == Walk.FETCH
    # Nothing visible, or a table never analysed (no estimate): the plain join.
    assert selectors.list_walk(visible=0, total=100_000, offset=0, per_page=50) == Walk.FETCH
    assert selectors.list_walk(visible=500, total=0, offset=0, per_page=50) == Walk.FETCH


def test_visible_and_total_in_one_query(demo, count_queries):
    supervisor = demo.users["supervisor.a"]
    with count_queries() as counter:
        visible, total = selectors.visible_and_total(user=supervisor)
    assert counter.count == 1
    assert visible == len(demo.prisoners["A"])
    assert total >= 0


def test_a_name_search_scans_for_a_large_share_and_words_of_three_letters():
    assert selectors.search_walk_pays("Тоиров", visible=5458, total=100_000)
    assert selectors.search_walk_pays("Toirov Rustam", visible=5458, total=100_000)
    assert not selectors.search_walk_pays("ra", visible=5458, total=100_000)  # no trigram
    assert not selectors.search_walk_pays("Toirov Ra", visible=5458, total=100_000)
    assert not selectors.search_walk_pays("Rahimov", visible=80, total=100_000)  # a caseload
    assert not selectors.search_walk_pays("Rahimov", visible=80, total=0)  # never analysed


@pytest.mark.parametrize("pays", [True, False])
def test_a_name_search_finds_the_same_walked_or_joined(demo, client, monkeypatch, pays):
    monkeypatch.setattr(selectors, "search_walk_pays", lambda query, **kwargs: pays)
    officer = demo.users["officer.a"]
    client.force_login(officer)
    name = demo.prisoners["A"][0].family_name
    expected = selectors.search_prisoners(selectors.prisoner_list(user=officer), name)
    response = client.get(reverse("prisoner-list") + f"?q={name}")
    assert [p.pk for p in response.context["prisoners"]] == [p.pk for p in expected[:50]]
    assert response.context["paginator"].count == expected.count() > 0


def test_the_unfiltered_lists_page_is_the_querysets_slice(demo):
    """The list without a filter reads its page by a prepared statement
    (``selectors.prisoner_page``): the same rows as slicing ``prisoner_list``, for every
    user, both plans, and any bounds."""
    for user in demo.users.values():
        for walk in Walk:
            rows = selectors.prisoner_list(user=user, walk=walk)
            for bottom, top in ((0, 5), (5, 9), (2, 50)):
                ours = selectors.prisoner_page(user=user, walk=walk, bottom=bottom, top=top)
                assert ours == list(rows[bottom:top]), (user.username, walk, bottom)
                assert [p.facility.name for p in ours] == [p.facility.name for p in rows[bottom:top]]


def test_a_rows_paginator_reads_only_its_pages_bounds():
    from django.core.paginator import EmptyPage

    from core.pagination import RowsPaginator

    asked = []
    paginator = RowsPaginator(range(7), 3, rows=lambda b, t: asked.append((b, t)) or list(range(b, t)))
    assert list(paginator.page(1)) == [0, 1, 2] and list(paginator.page(3)) == [6]
    assert asked == [(0, 3), (6, 7)]
    with pytest.raises(EmptyPage):
        paginator.page(4)
    empty = RowsPaginator([], 3, rows=lambda b, t: asked.append((b, t)))
    assert list(empty.page(1)) == [] and asked == [(0, 3), (6, 7)]


def test_a_name_search_page_by_its_prepared_statement_is_the_querysets(demo):
    """``selectors.search_page``: the same rows, order and count as the annotated slice of
    ``search_prisoners`` (what the list paginated before), for each user, both plans,
    Cyrillic and Latin spellings, one and two words; none for a number or too many words."""
    from django.db.models import Count, Window

    prisoner = demo.prisoners["A"][0]
    queries = [prisoner.family_name, prisoner.family_name_latin or prisoner.family_name,
               f"{prisoner.family_name} {prisoner.given_name}", "а", "zz"]  # fmt: skip
    for user in demo.users.values():
        for walk in Walk:
            for query in queries:
                rows = selectors.search_page(user=user, query=query, walk=walk)
                expected = selectors.search_prisoners(
                    selectors.prisoner_list(user=user, walk=walk), query
                ).annotate(_window_total=Window(Count("pk")))
                for bottom, top in ((0, 50), (1, 3)):
                    ours = rows(bottom, top)
                    theirs = list(expected[bottom:top])
                    assert [p.pk for p in ours] == [p.pk for p in theirs], (user.username, query)
                    assert [p._window_total for p in ours] == [p._window_total for p in theirs]
                    assert [round(p.similarity, 6) for p in ours] == [round(p.similarity, 6) for p in theirs]
    assert selectors.search_page(user=user, query="AB-12", walk=Walk.FETCH) is None
    assert selectors.search_page(user=user, query="a b c d e", walk=Walk.FETCH) is None


def test_the_search_page_reads_by_the_prepared_statement_only_when_nothing_else_narrows(
    demo, client, monkeypatch
):
    officer = demo.users["officer.a"]
    client.force_login(officer)
    name = demo.prisoners["A"][0].family_name
    asked = []
    real = selectors.search_page
    monkeypatch.setattr(selectors, "search_page", lambda **kw: asked.append(kw["query"]) or real(**kw))
    alone = client.get(reverse("prisoner-list"), {"q": name})
    narrowed = client.get(reverse("prisoner-list"), {"q": name, "sex": "female"})
    assert alone.status_code == narrowed.status_code == 200
    assert asked == [name]
    assert name in alone.content.decode()


@pytest.mark.parametrize("walk", list(Walk))
def test_a_facility_or_unit_lists_the_same_page_and_count_walked_or_fetched(demo, client, monkeypatch, walk):
    """A facility or a unit is read in its own names' order (``prisoner_facility_names``,
    ``prisoner_unit_names``) however the list is walked, and counted against the hashed
    grants: the files the plain join finds, in the same order, and as many."""
    monkeypatch.setattr(selectors, "list_walk", lambda **kwargs: walk)
    supervisor = demo.users["supervisor.a"]
    file = demo.prisoners["A"][0]
    client.force_login(supervisor)
    for params in (
        {"facility": file.facility_id},
        {"unit": file.unit_id},
        {"facility": file.facility_id, "sex": file.sex},
    ):
        expected = [
            p.pk
            for p in Prisoner.objects.restrict(supervisor)
            .filter(**{f"{k}_id" if k != "sex" else k: v for k, v in params.items()})
            .order_by("family_name", "given_name", "id")
        ]
        response = client.get(reverse("prisoner-list"), params)
        assert expected and [p.pk for p in response.context["prisoners"]] == expected, params
        assert response.context["paginator"].count == len(expected)


def test_a_facility_or_unit_is_walked_by_the_reader_s_share_and_any_other_filter_fetched(demo, monkeypatch):
    asked = []

    def priced(**kwargs):
        asked.append(kwargs)
        return Walk.PROBED

    monkeypatch.setattr(selectors, "list_walk", priced)
    monkeypatch.setattr(selectors, "visible_estimate", lambda user: (53_816, 1_000_000))
    officer = demo.users["officer.a"]

    def plan(**params):
        return selectors.list_plan(user=officer, params=params, per_page=50)

    assert plan(facility="3") == plan(unit="7") == plan(facility="3", sex="female") == (Walk.PROBED, None)
    assert asked[0] == {"visible": 53_816, "total": 1_000_000, "offset": 0, "per_page": 50}
    assert plan(facility="3", page="4") == (Walk.PROBED, None) and asked[-1]["offset"] == 150
    # rows a filter of any rows may hold rarely in the names' order; a prison number
    assert plan(sex="female") == plan(legal_status="remand") == (Walk.FETCH, None)
    assert plan(facility="3", q="TJ-2026") == (Walk.FETCH, None)


@pytest.mark.parametrize("walk", list(Walk))
def test_a_facility_not_the_reader_s_lists_nothing_and_counts_nothing(demo, client, monkeypatch, walk):
    """A facility outside the filter's choices is refused by the form: no rows, and a count of
    none (not the count of the rest of the filters)."""
    monkeypatch.setattr(selectors, "list_walk", lambda **kwargs: walk)
    officer = demo.users["officer.a"]
    client.force_login(officer)
    foreign = demo.facilities["B"]
    response = client.get(reverse("prisoner-list"), {"facility": foreign.pk})
    assert response.status_code == 200
    assert list(response.context["prisoners"]) == [] and response.context["paginator"].count == 0
