"""Lists counted as far as anyone pages (``core.pagination.BoundedPaginator``): the count
stops ``ahead`` rows past the page asked for, says whether it is the list's length, and
is one statement that PostgreSQL stops early."""

import pytest
from django.contrib.auth.models import Group
from django.core.paginator import EmptyPage

from core import pagination
from core.pagination import BoundedPaginator
from custody.models import Movement
from custody.views.movements import MovementListView

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve():
    Group.objects.bulk_create(Group(name=f"t-{n:02}") for n in range(12))
    return Group.objects.filter(name__startswith="t-").order_by("name")


def names(page):
    return [g.name for g in page.object_list]


def test_the_count_stops_past_the_page_and_says_so(twelve, count_queries):
    first = BoundedPaginator(twelve, 2, ahead=5)
    with count_queries() as counted:
        page = first.page(1)
    assert names(page) == ["t-00", "t-01"]
    assert (first.count, first.count_exact, first.num_pages, page.has_next()) == (5, False, 3, True)
    count_sql = counted.captured_queries[0]["sql"]
    assert "COUNT(*)" in count_sql and "LIMIT 6" in count_sql

    fourth = BoundedPaginator(twelve, 2, ahead=5)  # counted from page 4's first row (6) five more
    assert names(fourth.page(4)) == ["t-06", "t-07"]
    assert (fourth.count, fourth.count_exact, fourth.num_pages) == (11, False, 6)

    sixth = BoundedPaginator(twelve, 2, ahead=5)  # reaches the end: exact
    assert names(sixth.page(6)) == ["t-10", "t-11"]
    assert (sixth.count, sixth.count_exact, sixth.num_pages, sixth.page(6).has_next()) == (12, True, 6, False)


def test_past_the_end_is_django_s_answer(twelve):
    with pytest.raises(EmptyPage):
        BoundedPaginator(twelve, 2, ahead=5).page(7)
    last = BoundedPaginator(twelve, 2, ahead=5).get_page(9)  # the last page, as Django's get_page
    assert names(last) == ["t-10", "t-11"] and last.paginator.count_exact
    assert names(BoundedPaginator(twelve, 2, ahead=5).get_page("x")) == ["t-00", "t-01"]
    whole = BoundedPaginator(list(twelve), 5, ahead=5)  # a list is its length
    assert (whole.count, whole.count_exact) == (12, True)
    assert BoundedPaginator(twelve, 50, ahead=5).ahead == 50  # never less than a page


def test_the_api_and_the_page_say_when_the_list_goes_on(demo, api, client, monkeypatch):
    supervisor = demo.users["supervisor.a"]
    total = Movement.objects.restrict(supervisor).count()
    assert total > 4
    monkeypatch.setattr(pagination, "COUNT_AHEAD", 3)
    listed = api(supervisor).get("/api/v1/movements/?page_size=2").json()
    assert (listed["count"], listed["count_exact"], len(listed["results"])) == (3, False, 2)
    assert listed["next"].endswith("page=2&page_size=2")
    last = -(-total // 2)
    end = api(supervisor).get(f"/api/v1/movements/?page_size=2&page={last}").json()
    assert (end["count"], end["count_exact"], end["next"]) == (total, True, None)
    every = api(supervisor).get("/api/v1/movements/?page_size=200").json()
    assert (every["count"], every["count_exact"]) == (total, True)  # a page of 200 counts 200 ahead

    monkeypatch.setattr(MovementListView, "paginate_by", 2)
    client.force_login(supervisor)
    page = client.get("/custody/movements/").content.decode()
    assert "Page 1 of more than 2" in page and 'rel="next"' in page
    end = client.get(f"/custody/movements/?page={last}").content.decode()
    assert f"Page {last} of {last}" in end and 'rel="next"' not in end


def test_a_page_number_beyond_any_count_is_past_the_end(twelve):
    with pytest.raises(EmptyPage):
        BoundedPaginator(twelve, 2, ahead=5).page(10**30)


def test_a_page_before_the_first_is_the_last_counted_as_django_s_get_page(twelve):
    last = BoundedPaginator(twelve, 2).get_page(-1)  # the default reach: the whole dozen
    assert names(last) == ["t-10", "t-11"] and last.paginator.count_exact
