"""The write matrix: every route that accepts a write (POST, PUT, PATCH, DELETE) × every
demo role × an object of facility A and of facility B, the expected status declared in
ONE table, ``WRITES``. A route or method missing from the table fails.

The request carries an empty body (``{}`` for the API, an empty form for pages): what is
tested is who reaches the write at all — 404 for a record one may not see, exactly as for
one that does not exist; 401/302 signed out; 400, 409 or a redirect with the form's
errors for one who may write. The objects and roles are the GET matrix's
(``test_permission_matrix``). Drafting rows: ``WRITE_MATRIX_PRINT=1`` prints what the
routes answer now; read each row before pasting it.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from core.checks import routed_views
from tests.conftest import Client
from tests.security.test_permission_matrix import ROLES, ROUTES, _objects, app_tables, world  # noqa: F401

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")
#: routes left out, with the reason
SKIP = {"logout": "ends the test client's session; covered by accounts tests"}

# fmt: off
WRITES: dict[str, dict[str, str]] = {
    # route: {method: statuses for
    #         anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor}
    'accounts:backup-codes': {'POST': '302 302 302 302 302 200 200 200'},
    'accounts:keepalive': {'POST': '401 200 200 200 200 200 200 200'},
    'accounts:mfa-enrol': {'POST': '302 400 400 400 400 400 400 400'},
    'accounts:mfa-verify': {'POST': '302 400 400 400 400 400 400 400'},
    'accounts:password-change': {'POST': '302 200 200 200 200 200 200 200', 'PUT': '302 200 200 200 200 200 200 200'},
    'admission-add-record': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'admission-cancel': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'admission-complete': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'admission-list': {'POST': '401 400 400 400 400 400 400 400'},
    'admission-match': {'POST': '401/401 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'admission-save-step': {'POST': '401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404'},
    'alert-acknowledge': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'allocation-list': {'POST': '401 400 400 400 400 400 400 400'},
    'assessment-approve': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'assessment-detail': {'PATCH': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'assessment-list': {'POST': '401 400 400 400 400 400 400 400'},
    'assessment-return-': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'assessment-submit': {'POST': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'casenote-list': {'POST': '401 400 400 400 400 400 400 400'},
    'caseplan-actions': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'caseplan-detail': {'PATCH': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'caseplan-goals': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'caseplan-list': {'POST': '401 400 400 400 400 400 400 400'},
    'caseplan-needs': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'caseplan-reviews': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'caseplan-transition': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'casework:allocate': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
    'casework:note-edit': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'casework:notes': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'casework:plan-change': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'casework:plan-create': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'classification-approve': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'classification-challenge': {'POST': '401/401 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'classification-decide-challenge': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'classification-override': {'POST': '401/401 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'classification:approve': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
    'classification:assessment': {'POST': '302/302 404/404 404/404 400/404 404/404 400/404 404/404 404/404'},
    'classification:challenge': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'classification:challenge-decide': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'classification:correct': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'classification:decide': {'POST': '302/302 404/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'classification:flag': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'classification:keep-apart': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
    'classification:keep-apart-close': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'classification:return': {'POST': '302/302 404/404 404/404 404/404 404/404 302/404 404/404 404/404'},
    'classification:start': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'custody:find': {'POST': '302/302 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'custody:incident': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'custody:incidents': {'POST': '302 400 400 404 404 400 404 404'},
    'custody:move': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'custody:move-check': {'POST': '302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404'},
    'custody:search': {'POST': '302/302 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'custody:searches': {'POST': '302 400 400 404 404 400 404 404'},
    'enrolment-change': {'POST': '401/401 404/404 404/404 404/404 400/404 400/404 404/404 404/404'},
    'find-custody': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'find-list': {'POST': '401 400 400 400 400 400 400 400'},
    'find-outcome': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'find-photo': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'incident-addenda': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'incident-list': {'POST': '401 400 400 400 400 400 400 400'},
    'incident-people': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'incident-review': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'incident-submit': {'POST': '401/401 400/404 404/404 404/404 404/404 400/404 404/404 404/404'},
    'intake:cancel': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'intake:complete': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'intake:list': {'POST': '302 302 302 404 404 302 404 404'},
    'intake:match': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'intake:photo': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'intake:record': {'POST': '302/302 400/404 404/400 404/404 404/404 400/404 404/404 404/404'},
    'intake:step': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'intake:step-done': {'POST': '302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404'},
    'keep-apart-close': {'POST': '401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'keep-apart-list': {'POST': '401 400 400 400 400 400 400 400'},
    'login': {'POST': '200 302 302 302 302 302 302 302', 'PUT': '200 302 302 302 302 302 302 302'},
    'movement-check': {'POST': '401 400 400 400 400 400 400 400'},
    'movement-list': {'POST': '401 400 400 400 400 400 400 400'},
    'notification-mark-read': {'POST': '401 200 200 200 200 200 200 200'},
    'notifications:preferences': {'POST': '302 302 302 302 302 302 302 302'},
    'notifications:read': {'POST': '302 302 302 302 302 302 302 302'},
    'referral-assess': {'POST': '401/401 404/404 404/404 404/404 400/404 400/404 404/404 404/404'},
    'referral-list': {'POST': '401 400 400 400 400 400 400 400'},
    'rehabilitation:attendance': {'POST': '302/302 404/404 404/404 404/404 400/404 400/404 404/404 404/404'},
    'rehabilitation:offering': {'POST': '302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404'},
    'rehabilitation:refer': {'POST': '302/302 404/404 404/404 302/404 404/404 302/404 404/404 404/404'},
    'reports-api:export-job-list': {'POST': '401 403 403 403 403 400 400 403'},
    'reports:export': {'POST': '302 403 403 403 403 400 400 403'},
    'search-list': {'POST': '401 400 400 400 400 400 400 400'},
    'session-attendance': {'POST': '401/401 404/404 404/404 404/404 400/404 400/404 404/404 404/404'},
    'session-list': {'POST': '401 400 400 400 400 400 400 400'},
}
# fmt: on


for _app in app_tables():
    WRITES.update(_app.WRITES)


def write_routes() -> dict[str, list[str]]:
    """Each route name with the write methods its view accepts."""
    found: dict[str, list[str]] = {}
    for name, _url, callback in routed_views():
        if not name or name in SKIP:
            continue
        actions = getattr(callback, "actions", None)
        if actions is not None:
            methods = [m for m in WRITE_METHODS if m in actions]
        else:
            cls = getattr(callback, "view_class", None)
            methods = [m for m in WRITE_METHODS if cls is not None and hasattr(cls, m)]
        if methods:
            found.setdefault(name, [])
            found[name] += [m.upper() for m in methods if m.upper() not in found[name]]
    return found


def test_every_write_is_in_the_table():
    routes = write_routes()
    expected = {(n, m) for n, methods in routes.items() for m in methods}
    declared = {(n, m) for n, methods in WRITES.items() for m in methods}
    assert not expected - declared, f"writes missing from WRITES: {sorted(expected - declared)}"
    assert not declared - expected, f"rows for writes that no longer exist: {sorted(declared - expected)}"


@pytest.mark.parametrize("column", ROLES)
def test_write_matrix(world, column):  # noqa: F811
    drafting = os.environ.get("WRITE_MATRIX_PRINT") == "1"
    if drafting and column != ROLES[0]:
        pytest.skip("drafting prints whole rows from the first column's test")
    roles = ROLES if drafting else [column]
    objects = _objects(world)
    clients = {}
    for role in roles:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(world.users[role])
    wrong, drafts = [], []
    for name, methods in sorted(write_routes().items()):
        kind, extra, _get_cells = ROUTES[name]
        urls = (
            [reverse(name, kwargs=extra)]
            if kind is None
            else [reverse(name, kwargs={"pk": pk, **extra}) for pk in objects[kind]]
        )
        api = urls[0].startswith("/api/")
        row = {}
        for method in methods:
            cells = []
            for role in roles:
                send = getattr(clients[role], method.lower())
                statuses = [
                    str(
                        (send(url, {}, content_type="application/json") if api else send(url, {})).status_code
                    )
                    for url in urls
                ]
                cells.append("/".join(statuses))
            row[method] = " ".join(cells)
            if not drafting:
                want = WRITES.get(name, {}).get(method, "").split()
                want = want[ROLES.index(column)] if want else "(no row)"
                if row[method] != want:
                    wrong.append(
                        f"{method} {name} {urls} as {column}\n    expected {want}\n    got      {row[method]}"
                    )
        if drafting:
            drafts.append(f"    {name!r}: {row!r},")
    if drafting:
        print("\n" + "\n".join(drafts))
    assert not wrong, "statuses differ from the write matrix:\n" + "\n".join(wrong)
