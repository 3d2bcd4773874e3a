"""Every URL pattern and API route × every demo role × an object of facility A (the .a
personas' own) and of facility B (foreign to them, own to officer.b): the expected status
of a GET is declared in ONE table, ``ROUTES``. A route missing from the table fails the
test with the list of missing routes.

Adding a route: add a row ``"name": (kind, extra_kwargs, "cells")``. ``kind`` names the
object whose id goes in ``pk`` (see ``OBJECTS``; None for a route without one). The cells
are, in ``ROLES`` order, the status for the facility-A object and the facility-B object
("200/404"), or one status for a route without an object. To draft rows for new routes,
run the test with ``PERMISSION_MATRIX_PRINT=1``: it prints what the routes answer now, in
this format — then read each row before pasting it: the table is the reviewed truth.
The admin site (its own staff permission) is outside the table. A kind of which the demo
has no object on a side (no case notes, photos or notifications; most kinds only in
facility A) is requested with a missing id there, which must answer as a hidden one does.
Only GET is requested here: writes are in ``test_write_matrix`` (a POST-only route answers 404
to whoever may not reach its record, 405 to whoever may).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import Client

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "officer.a",
    "officer.b",
    "casemanager.a",
    "programme.a",
    "supervisor.a",
    "admin",
    "auditor",
]
MISSING = 0  # the demo has no such object on that side: a missing id, which must answer like a hidden one

# fmt: off
ROUTES: dict[str, tuple[str | None, dict, str]] = {
    # route: (object kind, other URL arguments, statuses for
    #          anonymous officer.a officer.b casemanager.a programme.a supervisor.a admin auditor)
    "accounts:backup-codes": (None, {}, "302 405 405 405 405 405 405 405"),
    "accounts:keepalive": (None, {}, "405 405 405 405 405 405 405 405"),
    "accounts:mfa-enrol": (None, {}, "302 200 200 200 200 200 200 200"),
    "accounts:mfa-verify": (None, {}, "302 302 302 302 302 302 302 302"),
    "accounts:password-change": (None, {}, "302 200 200 200 200 200 200 200"),
    "accounts:security": (None, {}, "302 200 200 200 200 200 200 200"),
    "admission-add-record": ('admission', {'kind': 'injury'}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "admission-cancel": ('admission', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "admission-candidates": ('admission', {}, "401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "admission-complete": ('admission', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "admission-detail": ('admission', {}, "401/401 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "admission-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "admission-match": ('admission', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "admission-save-step": ('admission', {'step': 'identity'}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "alert-acknowledge": ('alert', {}, "302/302 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "allocation-detail": ('allocation', {}, "401/401 200/404 404/404 200/404 200/404 200/404 404/404 404/404"),
    "allocation-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "api-docs": (None, {}, "200 200 200 200 200 200 200 200"),
    "api-root": (None, {}, "401 200 200 200 200 200 200 200"),
    "api-schema": (None, {}, "200 200 200 200 200 200 200 200"),
    "assessment-approve": ('assessment', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "assessment-detail": ('assessment', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "assessment-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "assessment-return-": ('assessment', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "assessment-submit": ('assessment', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "auditlog-api:audit-event-detail": ('auditevent', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 200/200"),
    "auditlog-api:audit-event-list": (None, {}, "401 404 404 404 404 404 404 200"),
    "auditlog-api:read-event-detail": ('readevent', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "auditlog-api:read-event-list": (None, {}, "401 404 404 404 404 404 404 200"),
    "auditlog:events": (None, {}, "302 404 404 404 404 404 404 200"),
    "auditlog:reads": (None, {}, "302 404 404 404 404 404 404 200"),
    "casenote-detail": ('casenote', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "casenote-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "caseplan-actions": ('caseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "caseplan-detail": ('caseplan', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "caseplan-goals": ('caseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "caseplan-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "caseplan-needs": ('caseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "caseplan-reviews": ('caseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "caseplan-transition": ('caseplan', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "casework:allocate": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "casework:caseload": (None, {}, "302 404 404 200 404 200 404 404"),
    "casework:note-edit": ('casenote', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "casework:notes": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "casework:plan-change": ('caseplan', {'change': 'details'}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "casework:plan-create": ('prisoner', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "casework:plan-on": ('caseplan', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "casework:timeline": ('prisoner', {}, "302/302 200/404 404/200 200/404 200/404 200/404 404/404 404/404"),
    "classification-approve": ('classification', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "classification-challenge": ('classification', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "classification-decide-challenge": ('classification', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "classification-detail": ('classification', {}, "401/401 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "classification-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "classification-override": ('classification', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "classification:approve": ('assessment', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "classification:assessment": ('assessment', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "classification:challenge": ('classification', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "classification:challenge-decide": ('challenge', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "classification:correct": ('assessment', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "classification:decide": ('classification', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "classification:flag": ('prisoner', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "classification:keep-apart": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "classification:keep-apart-close": ('prisoner', {'link': 0}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "classification:return": ('assessment', {}, "302/302 404/404 404/404 404/404 404/404 405/404 404/404 404/404"),
    "classification:start": ('prisoner', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "custody:find": ('find', {}, "302/302 200/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "custody:find-photo": ('find', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "custody:finds": (None, {}, "302 200 200 200 200 200 200 200"),
    "custody:incident": ('incident', {}, "302/302 200/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "custody:incidents": (None, {}, "302 200 200 200 200 200 200 200"),
    "custody:move": ('prisoner', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "custody:move-check": ('prisoner', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "custody:movements": (None, {}, "302 200 200 200 200 200 200 200"),
    "custody:roll": ('facility', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "custody:roll-index": (None, {}, "302 302 302 404 404 302 404 404"),
    "custody:search": ('search', {}, "302/302 200/404 404/404 404/404 404/404 200/404 404/404 404/404"),
    "custody:searches": (None, {}, "302 200 200 404 404 200 404 404"),
    "custody:unit-roll": ('unit', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "enrolment-change": ('enrolment', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "enrolment-detail": ('enrolment', {}, "401/401 404/404 404/404 200/404 200/404 200/404 404/404 404/404"),
    "enrolment-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "find-custody": ('find', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "find-detail": ('find', {}, "401/401 200/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "find-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "find-outcome": ('find', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "find-photo": ('find', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "healthz": (None, {}, "200 200 200 200 200 200 200 200"),
    "home": (None, {}, "302 200 200 200 200 200 200 200"),
    "incident-addenda": ('incident', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "incident-detail": ('incident', {}, "401/401 200/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "incident-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "incident-people": ('incident', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "incident-review": ('incident', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "incident-submit": ('incident', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "instrument-detail": ('instrument', {}, "401/401 200/200 200/200 200/200 200/200 200/200 200/200 200/200"),
    "instrument-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "intake:cancel": ('admission', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "intake:candidates": ('admission', {}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "intake:complete": ('admission', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "intake:detail": ('admission', {}, "302/302 302/404 404/302 404/404 404/404 302/404 404/404 404/404"),
    "intake:list": (None, {}, "302 200 200 404 404 200 404 404"),
    "intake:match": ('admission', {}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "intake:photo": ('admission', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "intake:record": ('admission', {'step': 'injuries', 'kind': 'injury'}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "intake:step": ('admission', {'step': 'identity'}, "302/302 200/404 404/200 404/404 404/404 200/404 404/404 404/404"),
    "intake:step-done": ('admission', {'step': 'injuries'}, "302/302 405/404 404/405 404/404 404/404 405/404 404/404 404/404"),
    "keep-apart-close": ('keepapart', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "keep-apart-detail": ('keepapart', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "keep-apart-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "login": (None, {}, "200 302 302 302 302 302 302 302"),
    "logout": (None, {}, "405 405 405 405 405 405 405 405"),
    "movement-check": (None, {}, "401 405 405 405 405 405 405 405"),
    "movement-detail": ('movement', {}, "401/401 200/404 404/200 200/404 404/404 200/404 404/404 404/404"),
    "movement-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "notification-detail": ('notification', {}, "401/401 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "notification-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "notification-mark-read": (None, {}, "401 405 405 405 405 405 405 405"),
    "notifications:list": (None, {}, "302 200 200 200 200 200 200 200"),
    "notifications:open": ('notification', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "notifications:preferences": (None, {}, "302 405 405 405 405 405 405 405"),
    "notifications:read": (None, {}, "302 405 405 405 405 405 405 405"),
    "offering-detail": ('offering', {}, "401/401 404/404 404/404 404/404 200/404 200/404 404/404 404/404"),
    "offering-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "prisoner-access-log": ('prisoner', {}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "prisoner-detail": ('prisoner', {}, "302/302 200/404 404/200 200/404 200/404 200/404 404/404 404/404"),
    "prisoner-list": (None, {}, "302 200 200 200 200 200 200 200"),
    "prisoner-photo": ('prisoner', {}, "302/302 404/404 404/404 404/404 404/404 404/404 404/404 404/404"),
    "prisoner-tab": ('prisoner', {'tab': 'risk'}, "302/302 404/404 404/404 200/404 404/404 200/404 404/404 404/404"),
    "programme-detail": ('programme', {}, "401/401 200/200 200/200 200/200 200/200 200/200 200/200 200/200"),
    "programme-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "referral-assess": ('referral', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "referral-detail": ('referral', {}, "401/401 404/404 404/404 200/404 200/404 200/404 404/404 404/404"),
    "referral-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "rehabilitation:attendance": ('session', {}, "302/302 404/404 404/404 404/404 200/404 200/404 404/404 404/404"),
    "rehabilitation:list": (None, {}, "302 200 200 200 200 200 200 200"),
    "rehabilitation:offering": ('offering', {}, "302/302 404/404 404/404 404/404 200/404 200/404 404/404 404/404"),
    "rehabilitation:refer": ('prisoner', {}, "302/302 404/404 404/404 405/404 404/404 405/404 404/404 404/404"),
    "reports-api:api-root": (None, {}, "401 200 200 200 200 200 200 200"),
    "reports-api:export-job-detail": ('exportjob', {}, "401/401 403/403 403/403 403/403 403/403 200/404 404/200 403/403"),
    "reports-api:export-job-download": ('exportjob', {}, "401/401 403/403 403/403 403/403 403/403 409/404 404/409 403/403"),
    "reports-api:export-job-list": (None, {}, "401 403 403 403 403 200 200 403"),
    "reports-api:standards": (None, {}, "401 403 403 403 403 200 200 403"),
    "reports-api:statistics": (None, {}, "401 403 403 403 403 200 200 403"),
    "reports:dashboard": (None, {}, "302 403 403 403 403 200 200 403"),
    "reports:download": ('exportjob', {}, "302/302 403/403 403/403 403/403 403/403 404/404 404/404 403/403"),
    "reports:export": (None, {'code': 'prisoners'}, "302 403 403 403 403 200 200 403"),
    "reports:job": ('exportjob', {}, "302/302 403/403 403/403 403/403 403/403 200/404 404/200 403/403"),
    "reports:jobs": (None, {}, "302 403 403 403 403 200 200 403"),
    "reports:standards": (None, {}, "302 403 403 403 403 200 200 403"),
    "search-detail": ('search', {}, "401/401 200/404 404/404 404/404 404/404 200/404 404/404 404/404"),
    "search-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "session-attendance": ('session', {}, "401/401 405/405 405/405 405/405 405/405 405/405 405/405 405/405"),
    "session-detail": ('session', {}, "401/401 404/404 404/404 404/404 200/404 200/404 404/404 404/404"),
    "session-list": (None, {}, "401 200 200 200 200 200 200 200"),
    "set_language": (None, {}, "302 302 302 302 302 302 302 302"),
}
# fmt: on


def app_tables():
    """Each app's own rows, objects and drafting hints: ``tests/<app>/matrix.py`` defines
    ``ROUTES`` (rows as above), ``WRITES`` (rows of ``test_write_matrix``), ``objects(demo)``
    (kind -> (facility-A id, facility-B id)), and optionally ``KINDS`` and ``EXTRA``."""
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/matrix.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.matrix")


for _app in app_tables():
    ROUTES.update(_app.ROUTES)


def _first(model, **filters):
    obj = model.objects.filter(**filters).order_by("pk").first()
    return obj.pk if obj is not None else MISSING


def _objects(demo) -> dict[str, tuple[int, int]]:
    """For each kind, the id of one object in facility A and one in facility B."""
    from casemgmt.models import Alert
    from casework.models import Allocation, CaseNote, CasePlan
    from classification.models import Assessment, Challenge, Classification, Instrument
    from intake import services as intake
    from notifications.models import Notification
    from rehabilitation.models import Enrolment, Offering, Programme, Referral, Session

    fa, fb = demo.facilities["A"], demo.facilities["B"]
    intake.admission_start(actor=demo.users["officer.a"], facility=fa)
    intake.admission_start(actor=demo.users["officer.b"], facility=fb)
    from intake.models import Admission

    by_prisoner = {
        "allocation": Allocation,
        "assessment": Assessment,
        "casenote": CaseNote,
        "caseplan": CasePlan,
        "classification": Classification,
        "enrolment": Enrolment,
        "referral": Referral,
    }
    objects = {
        k: (_first(m, prisoner__facility=fa), _first(m, prisoner__facility=fb))
        for k, m in by_prisoner.items()
    }
    objects["challenge"] = (
        _first(Challenge, classification__prisoner__facility=fa),
        _first(Challenge, classification__prisoner__facility=fb),
    )
    objects["prisoner"] = (demo.prisoners["A"][0].pk, demo.prisoners["B"][0].pk)
    objects["admission"] = (_first(Admission, facility=fa), _first(Admission, facility=fb))
    objects["alert"] = (_first(Alert, facility=fa), _first(Alert, facility=fb))
    objects["offering"] = (_first(Offering, facility=fa), _first(Offering, facility=fb))
    objects["session"] = (_first(Session, offering__facility=fa), _first(Session, offering__facility=fb))
    objects["notification"] = (
        _first(Notification, recipient=demo.users["supervisor.a"]),
        _first(Notification, recipient=demo.users["officer.b"]),
    )
    from casemgmt.models import Facility, Unit
    from classification.models import KeepApart
    from custody.models import Find, Incident, Movement, Search
    from reports.models import ExportJob

    objects["facility"] = (fa.pk, fb.pk)
    objects["unit"] = (_first(Unit, facility=fa), _first(Unit, facility=fb))
    objects["movement"] = (_first(Movement, prisoner__facility=fa), _first(Movement, prisoner__facility=fb))
    objects["search"] = (_first(Search, facility=fa), _first(Search, facility=fb))
    objects["find"] = (_first(Find, facility=fa), _first(Find, facility=fb))
    objects["incident"] = (_first(Incident, facility=fa), _first(Incident, facility=fb))
    objects["keepapart"] = (
        _first(KeepApart, prisoner__facility=fa),
        _first(KeepApart, prisoner__facility=fb),
    )
    # An export belongs to the user who asked for it: supervisor.a's, and the administrator's.
    job = {"export": "prisoners", "format": "xlsx", "reason": "permission matrix"}
    objects["exportjob"] = (
        ExportJob.objects.create(user=demo.users["supervisor.a"], **job).pk,
        ExportJob.objects.create(user=demo.users["admin"], **job).pk,
    )
    assert Facility.objects.filter(pk__in=objects["facility"]).count() == 2
    from core.models import AuditEvent, ReadEvent

    objects["auditevent"] = (
        _first(AuditEvent, subject__facility=fa),
        _first(AuditEvent, subject__facility=fb),
    )
    objects["readevent"] = (_first(ReadEvent), _first(ReadEvent))  # none yet: a missing id
    # not facility-bound: the catalogue (the same object on both sides)
    objects["instrument"] = (_first(Instrument),) * 2
    objects["programme"] = (_first(Programme),) * 2
    for app in app_tables():
        objects.update(app.objects(demo))
    return objects


def _route_names() -> tuple[set[str], list[str]]:
    names: set[str] = set()
    unnamed: list[str] = []

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                if ns == "admin":
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                if not p.name:
                    unnamed.append(prefix + str(p.pattern))
                else:
                    names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns)
    return names, unnamed


def test_every_route_is_in_the_table():
    names, unnamed = _route_names()
    missing = sorted(names - set(ROUTES))
    assert not unnamed, f"routes without a name cannot be in the permission matrix: {unnamed}"
    assert not missing, "routes missing from the permission matrix (add a row to ROUTES): " + ", ".join(
        missing
    )
    assert not set(ROUTES) - names, f"rows for routes that no longer exist: {sorted(set(ROUTES) - names)}"


@pytest.fixture
def world(casework_demo):
    """The demo with its case work, risk instruments and programmes (as ``seed_demo`` builds it)."""
    return casework_demo


@pytest.mark.parametrize("column", ROLES)
def test_permission_matrix(world, column):
    """One column of the table a test, so the xdist workers share the matrix; with
    PERMISSION_MATRIX_PRINT=1 the first one drafts whole rows for every route."""
    demo = world
    drafting = os.environ.get("PERMISSION_MATRIX_PRINT") == "1"
    if drafting and column != ROLES[0]:
        pytest.skip("drafting prints whole rows from the first column's test")
    roles = ROLES if drafting else [column]
    objects = _objects(demo)
    clients = {}
    for role in roles:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(demo.users[role])
    names, _ = _route_names()
    wrong, drafts = [], []
    for name in sorted(names if drafting else ROUTES):
        kind, extra, expected = ROUTES.get(name) or _draft_row(name)
        urls = (
            [reverse(name, kwargs={**extra})]
            if kind is None
            else [reverse(name, kwargs={"pk": pk, **extra}) for pk in objects[kind]]
        )
        cells = []
        for role in roles:
            statuses = [str(clients[role].get(url).status_code) for url in urls]
            cells.append("/".join(statuses))
        got = " ".join(cells)
        if drafting:
            drafts.append(f'    "{name}": ({kind!r}, {extra!r}, "{got}"),')
            continue
        want = expected.split()[ROLES.index(column)]
        if got != want:
            wrong.append(f"{name} {urls} as {column}\n    expected {want}\n    got      {got}")
    if drafting:
        print("\n" + "\n".join(drafts))
    assert not wrong, "statuses differ from the permission matrix:\n" + "\n".join(wrong)


def _draft_row(name: str) -> tuple[str | None, dict, str]:
    for app in app_tables():
        DRAFT_EXTRA.update(getattr(app, "EXTRA", {}))
        DRAFT_KIND.update(getattr(app, "KINDS", {}))
    extra = DRAFT_EXTRA.get(name, {})
    try:
        reverse(name, kwargs=extra)
        return None, extra, ""
    except NoReverseMatch:
        return _guess_kind(name), extra, ""


# Only for drafting rows: the other URL arguments, and kinds a route's name does not tell.
DRAFT_EXTRA = {
    "admission-add-record": {"kind": "injury"},
    "admission-save-step": {"step": "identity"},
    "intake:step": {"step": "identity"},
    "intake:step-done": {"step": "injuries"},
    "intake:record": {"step": "injuries", "kind": "injury"},
    "casework:plan-change": {"change": "details"},
    "prisoner-tab": {"tab": "risk"},
    "reports:export": {"code": "prisoners"},
    "classification:keep-apart-close": {"link": 0},
}
DRAFT_KIND = {
    "auditlog-api:audit-event-detail": "auditevent",
    "auditlog-api:read-event-detail": "readevent",
    "prisoner-access-log": "prisoner",
    "casework:allocate": "prisoner",
    "casework:plan-create": "prisoner",
    "casework:notes": "prisoner",
    "casework:timeline": "prisoner",
    "casework:plan-on": "caseplan",
    "casework:plan-change": "caseplan",
    "casework:note-edit": "casenote",
    "classification:start": "prisoner",
    "classification:flag": "prisoner",
    "classification:keep-apart": "prisoner",
    "classification:assessment": "assessment",
    "classification:approve": "assessment",
    "classification:return": "assessment",
    "classification:correct": "assessment",
    "classification:decide": "classification",
    "classification:challenge": "classification",
    "classification:challenge-decide": "challenge",
    "notifications:open": "notification",
    "rehabilitation:offering": "offering",
    "rehabilitation:refer": "prisoner",
    "rehabilitation:attendance": "session",
    "alert-acknowledge": "alert",
    "classification:keep-apart-close": "prisoner",
    "custody:move": "prisoner",
    "custody:move-check": "prisoner",
    "custody:roll": "facility",
    "custody:unit-roll": "unit",
    "custody:search": "search",
    "custody:find": "find",
    "custody:find-photo": "find",
    "custody:incident": "incident",
    "keep-apart-detail": "keepapart",
    "keep-apart-close": "keepapart",
    "reports:job": "exportjob",
    "reports:download": "exportjob",
    "reports-api:export-job-detail": "exportjob",
    "reports-api:export-job-download": "exportjob",
}


def _guess_kind(name: str) -> str | None:
    """Only for drafting rows: the object kind a route's ``pk`` most likely names."""
    if name in DRAFT_KIND:
        return DRAFT_KIND[name]
    if name.startswith("intake:") and name != "intake:list":
        return "admission"
    base = name.split(":")[-1]
    if base.endswith("-list") or ":" in name:
        return None
    for kind in (
        "admission",
        "allocation",
        "assessment",
        "casenote",
        "caseplan",
        "classification",
        "enrolment",
        "instrument",
        "notification",
        "offering",
        "programme",
        "referral",
        "session",
        "prisoner",
        "alert",
        "movement",
        "search",
        "find",
        "incident",
    ):
        if base.startswith(kind):
            return kind
    return None
