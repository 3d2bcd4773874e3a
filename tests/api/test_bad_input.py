"""A table of bad inputs against every API route, enumerated from the URL resolver (as
``tests/security`` does): each answers 4xx — never 5xx — and nothing is stored (no row of
any app's table, no audit event). The bad inputs are refused at the edge, once for every
route (``core.edge``, ``core.api.parsers``, ``core.views.errors``): a new
route is covered the day it is added."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings

from core.checks import routed_views
from tests.conftest import Client
from tests.security.test_permission_matrix import ROUTES, _objects, world  # noqa: F401

pytestmark = pytest.mark.django_db

#: query strings every list must refuse (4xx) or, for a filter it does not have, ignore
#: (2xx) — never a 5xx
LIST_QUERIES = {
    "NUL in a text filter": ("q=ab%00cd", {400}),
    "NUL in a choice filter": ("status=%00", {400}),
    "NUL in a key": ("st%00atus=open", {400}),
    "an overlong filter value": ("q=" + "a" * 5000, {400}),
    "a huge page number": ("page=99999999999999999999", {404}),
    "a page past the end": ("page=100000", {404}),
    "a negative page": ("page=-1", {404}),
    "a page in floating point": ("page=1e400", {404}),
    "a huge page size": ("page_size=99999999999999999999", {200}),
    "an invalid cursor": ("cursor=abc", {200, 404}),
    "an id filter in floating point": ("prisoner=1e400&facility=1e400&offering=1e400", {200, 400}),
    "a negative id filter": ("prisoner=-1&facility=-1&session=-1", {200, 400}),
    "a huge id filter": ("prisoner=99999999999999999999&facility=99999999999999999999", {200, 400}),
    "a superscript digit as an id": ("prisoner=%C2%B2&facility=%C2%B2", {200, 400}),
    "invalid UTF-8 in the query": ("q=%FF%FE", {200, 400}),
    "a date of year 1": ("since=0001-01-01&until=9999-12-31&date=0001-01-01", {200, 400}),
}

#: ids a detail route must answer 404 (or 400) for
BAD_IDS = ["1e400", "-1", "99999999999999999999", "0", "%C2%B2", "abc"]

NESTED = b"[" * 100_000
#: (content type, body): bodies every write route must refuse with a 4xx
BAD_BODIES = {
    "deeply nested JSON": ("application/json", NESTED),
    "nested objects past the depth limit": ("application/json", b'{"a":' * 40 + b"1" + b"}" * 40),
    "invalid UTF-8": ("application/json", b'{"text": "\xff\xfe\xfd"}'),
    "not JSON": ("application/json", b"{not json"),
    "NaN": ("application/json", b'{"version": NaN}'),
    "NUL in every text": (
        "application/json",
        b'{"text": "a\\u0000b", "reason": "a\\u0000b", "note": "\\u0000"}',
    ),
    "NUL in a key": ("application/json", b'{"a\\u0000": 1}'),
    "an overlong text": ("application/json", b'{"text": "' + b"a" * 50_001 + b'"}'),
    "a list, not an object": ("application/json", b"[1, 2, 3]"),
    "a bare string": ("application/json", b'"text"'),
    "a bare number": ("application/json", b"1e400"),
    "a number beyond a float": ("application/json", b'{"facility": 1e400, "prisoner": 1}'),
    "wrong content type": ("text/plain", b"hello"),
    "XML": ("application/xml", b"<a>1</a>"),
    "form with NUL": ("application/x-www-form-urlencoded", b"text=a%00b&reason=a%00b"),
    "multipart without a boundary": ("multipart/form-data", b"--x\r\n"),
}


def _api_routes():
    """(name, URL template, {method: action}) of every API route (no format suffix)."""
    for name, url, callback in routed_views():
        actions = getattr(callback, "actions", None)
        if not url.startswith("api/v1/") or not actions or "format>" in url:
            continue
        yield name, "/" + url.replace("^", "").replace("$", ""), actions


def _paged(name: str) -> bool:
    """Whether the route's list is split in numbered pages (``?page=``)."""
    from rest_framework.pagination import PageNumberPagination

    for route, _, callback in routed_views():
        if route == name:
            pagination = getattr(callback.cls, "pagination_class", None)
            return pagination is not None and issubclass(pagination, PageNumberPagination)
    return False


def _url(template: str, **values) -> str:
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), "1")), template)


def _stored() -> dict[str, int]:
    """The number of rows of every table of the project's apps (audit events included)."""
    from casemgmt.models import User
    from core.choices import AuditAction
    from core.models import AuditEvent

    local = {"casemgmt", "accounts", "auditlog", "reports", "notifications"}
    counts = {}
    for model in apps.get_models():
        app = model._meta.app_label
        if model is User or model._meta.proxy or not (app in local or (settings.BASE_DIR / app).is_dir()):
            continue
        counts[model._meta.label] = model._default_manager.count()
    # a refused request of a record not visible (404) is in the security log, by design
    counts[AuditEvent._meta.label] = AuditEvent.objects.exclude(action=AuditAction.ACCESS_DENIED).count()
    return counts


@pytest.fixture
def auditor(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.users["auditor"])
    return client


@pytest.fixture
def supervisor(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(world.users["supervisor.a"])
    client.world = world
    return client


def test_every_api_list_answers_bad_queries_with_4xx(supervisor, auditor):
    lists = [(n, t) for n, t, actions in _api_routes() if actions.get("get") == "list"]
    assert len(lists) > 40
    wrong = []
    for name, template in lists:
        client = auditor if name.startswith("auditlog") else supervisor  # who may read the list
        assert client.get(_url(template)).status_code == 200, name
        for label, (query, expected) in LIST_QUERIES.items():
            if "page" in label and not _paged(name):
                expected = {200}  # no numbered pages: ``page`` is no parameter of this list
            response = client.get(f"{_url(template)}?{query}")
            if response.status_code not in expected:
                wrong.append(f"{name} {label}: {response.status_code} (expected {sorted(expected)})")
            elif response.status_code >= 400:
                assert response["Content-Type"].startswith("application/json"), (name, label)
    assert not wrong, "\n".join(wrong)


def test_every_api_detail_answers_bad_ids_with_404(supervisor):
    wrong = []
    for name, template, actions in _api_routes():
        if "(?P<pk>" not in template:
            continue
        for bad in BAD_IDS:
            url = _url(template, pk=bad)
            for method, action in list(actions.items()):
                response = getattr(supervisor, method)(url, {}, content_type="application/json")
                if response.status_code not in (400, 404):
                    wrong.append(f"{method.upper()} {name} ({action}) id {bad}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_every_api_write_refuses_bad_bodies_and_stores_nothing(supervisor):
    writes = [
        (name, template, method)
        for name, template, actions in _api_routes()
        for method in list(actions)
        if method in ("post", "put", "patch")
    ]
    assert len(writes) > 60
    # a record of facility A where the route has one (so the body is what is refused)
    objects = _objects(supervisor.world)
    before = _stored()
    wrong = []
    for name, template, method in writes:
        kind = ROUTES.get(name, (None,))[0]
        url = _url(template, pk=objects[kind][0] if kind in objects else 1)
        for label, (content_type, body) in BAD_BODIES.items():
            response = getattr(supervisor, method)(url, body, content_type=content_type)
            if not 400 <= response.status_code < 500:
                wrong.append(f"{method.upper()} {name} {label}: {response.status_code}")
            elif not response["Content-Type"].startswith("application/json"):
                wrong.append(f"{method.upper()} {name} {label}: {response['Content-Type']}")
    assert not wrong, "\n".join(wrong)
    after = _stored()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
    # ids out of range where a body names records: refused or ignored, never a 5xx
    ids = b'{"prisoner": 99999999999999999999, "session": -1, "offering": "1e400", "facility": "%C2%B2"}'
    for name, template, method in writes:
        kind = ROUTES.get(name, (None,))[0]
        url = _url(template, pk=objects[kind][0] if kind in objects else 1)
        response = getattr(supervisor, method)(url, ids, content_type="application/json")
        if response.status_code >= 500:
            wrong.append(f"{method.upper()} {name} ids out of range: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_body_larger_than_the_limit_is_413_before_it_is_read(supervisor, settings):
    response = supervisor.post(
        "/api/v1/casenotes/",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1),
    )
    assert response.status_code == 413
    assert response.json()["detail"]


def test_nul_in_a_page_query_is_a_clear_400(world, client):  # noqa: F811
    from casemgmt.models import Prisoner

    client.force_login(world.users["casemanager.a"])
    prisoner = Prisoner.objects.filter(facility=world.facilities["A"]).first()
    for url in [
        "/custody/incidents/?status=%00",
        f"/casework/prisoners/{prisoner.pk}/notes/?q=ab%00cd",
        "/?q=%00",
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert "NUL" in response.content.decode(), url


def test_the_edge_bound_of_a_text_is_above_every_fields_own():
    """The edge refuses texts longer than ``TEXT_EDGE_MAX_LENGTH`` for every route; a field
    allowing more would be cut short there without its own message."""
    from django.db import models

    over = [
        f"{model._meta.label}.{field.name} ({field.max_length})"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and (field.max_length or 0) > settings.TEXT_EDGE_MAX_LENGTH
    ]
    assert not over


def test_every_page_without_arguments_refuses_bad_queries_without_a_5xx(world):  # noqa: F811
    """The HTML lists too: a NUL is a 400 page, a huge or odd page number never a 500."""
    client = Client(raise_request_exception=False)
    client.force_login(world.users["supervisor.a"])
    pages = [
        "/" + url
        for name, url, callback in routed_views()
        if not url.startswith(("api/", "admin/", "i18n/", "account/logout"))
        and "<" not in url
        and "(" not in url
    ]
    assert len(pages) > 20
    wrong = []
    for url in pages:
        for query in ["page=99999999999999999999", "page=1e400", "page=-1", "q=%FF&since=1-1-1"]:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                wrong.append(f"{url}?{query}: {response.status_code}")
        response = client.get(f"{url}?status=%00")
        if response.status_code != 400:
            wrong.append(f"{url}?status=%00: {response.status_code}")
    assert not wrong, "\n".join(wrong)
