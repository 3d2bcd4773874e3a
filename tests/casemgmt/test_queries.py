"""Query counts are pinned: they do not grow with the number of prisoners."""

import pytest
from django.urls import reverse

from casemgmt.models import Cell, Prisoner
from demodata import builder as demo_data

pytestmark = pytest.mark.django_db

# session, user with its roles (core.auth), unread count (navigation), count, facilities
# and units of the filter form, the page, the read event (one statement)
LIST_QUERIES = 8
# session, user with its roles, the two-factor device of this (supervisor's) verified
# session, unread count and work queue (navigation: one query for all the queue's sources),
# file, capabilities, security level and keep-apart (header), aliases, documents, the read
# event (one statement)
DETAIL_QUERIES = 12


def _more_prisoners(n):
    """Clone demo prisoners of facility A (with their grants) to grow the population."""
    from casemgmt import services

    template = Prisoner.objects.filter(facility__code=demo_data.FACILITY_A).first()
    # A full cell is refused at admission: the clones share one roomy cell.
    Cell.objects.filter(pk=template.cell_id).update(capacity=1000)
    template.cell.refresh_from_db()
    for i in range(n):
        services.prisoner_admit(
            actor=None,
            family_name=f"Нуров{i}",
            given_name="Умед",
            sex=template.sex,
            legal_status=template.legal_status,
            facility=template.facility,
            unit=template.unit,
            cell=template.cell,
            date_of_birth=template.date_of_birth,
        )


def _list_queries(client, count_queries):
    with count_queries() as counter:
        response = client.get(reverse("prisoner-list"))
    assert response.status_code == 200
    return counter.count, len(response.context["prisoners"])


def test_list_page_of_50_is_flat(demo, client, count_queries):
    client.force_login(demo.users["officer.a"])
    _more_prisoners(50)
    first, shown = _list_queries(client, count_queries)
    assert shown == 50
    _more_prisoners(30)
    second, shown = _list_queries(client, count_queries)
    assert shown == 50
    assert first == second == LIST_QUERIES


def test_list_page_opens_no_server_side_cursor(demo, client):
    """The filter's facility and unit choices are read in plain queries: a server-side
    cursor (Django's ModelChoiceIterator) costs DECLARE, FETCH and CLOSE for a few rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(demo.users["officer.a"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("prisoner-list") + "?q=" + demo.prisoners["A"][0].family_name)
    assert b'<option value="' in response.content
    assert not [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("DECLARE")]


def test_case_file_page_is_flat(demo, client, count_queries):
    client.force_login(demo.users["supervisor.a"])
    prisoner = demo.prisoners["A"][0]
    url = reverse("prisoner-detail", args=[prisoner.pk])
    with count_queries() as small:
        assert client.get(url).status_code == 200
    _more_prisoners(40)
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert small.count == large.count == DETAIL_QUERIES


def test_api_list_is_flat(demo, api, count_queries):
    client = api(demo.users["officer.a"])
    with count_queries() as small:
        client.get("/api/v1/prisoners/")
    _more_prisoners(30)
    with count_queries() as large:
        assert len(client.get("/api/v1/prisoners/").json()["results"]) == 36
    assert small.count == large.count
