"""The API fuzzed from its own schema (schemathesis, every check but ``LEFT_OUT``), as an
officer, a case manager and a supervisor: no 5xx and every response matches the schema
(a CI gate of issues #10 and #17).

Bounded: a few generated cases per GET and POST operation, in-process through WSGI,
inside the test's transaction (nothing is committed); the whole run stays under a minute
on two cores."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string

pytestmark = pytest.mark.django_db

#: generated cases per operation and role (SCHEMA_FUZZ_EXAMPLES=20 for a longer run)
EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMA_FUZZ_EXAMPLES", "1"))
ROLES = os.environ.get("FUZZ_ROLES", "officer.a casemanager.a supervisor.a").split()
METHODS = {"GET", "POST"}


#: checks left out, with the reason
LEFT_OUT = {
    # need a sequence of requests to judge; the security matrices test these, per role
    "use_after_free": "stateful",
    "ensure_resource_availability": "stateful",
    "ignored_auth": "stateful (tests/security: 401 signed out on every API route)",
    "object_level_authorization": "stateful (tests/security: the permission and write matrices)",
    # a schema cannot say which ids exist: a body naming a random facility or offering id
    # is rightly refused with 400, which this check counts as a valid request rejected
    "positive_data_acceptance": "ids the schema cannot know",
}


def _checks():
    from schemathesis.checks import CHECKS

    return [c for c in CHECKS.get_all() if c.__name__ not in LEFT_OUT]


def test_the_api_matches_its_schema_and_never_fails_with_5xx_for_any_role(demo, client):
    import schemathesis

    # As Django's test client does: the requests run inside the test's transaction, so the
    # handler must not close the connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    failures: list[str] = []
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
        for role in ROLES:
            client.force_login(demo.users[role])
            csrf = _get_new_csrf_string()
            cookies = {
                settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
                "csrftoken": csrf,
            }
            headers = {"X-CSRFToken": csrf, "Host": "localhost"}
            failures += [f"{role} {f}" for f in _fuzz(schema, headers, cookies)]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert not failures, "\n\n".join(failures)


def _fuzz(schema, headers, cookies):
    from hypothesis import HealthCheck, Phase, given
    from hypothesis import settings as hsettings

    checks = _checks()
    failures: list[str] = []
    succeeded: set[str] = set()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in METHODS:
            continue
        operations += 1

        @hsettings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call_and_validate(headers=headers, cookies=cookies, checks=checks)
            if response.status_code < 300:
                succeeded.add(case.operation.label)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect every failure, then report
            failures.append(f"{operation.label}: {str(exc).strip()[:2000]}")
    assert operations > 40
    # signed in for real (random ids mostly answer 404, random bodies 400): the lists answer
    assert "GET /api/v1/prisoners/" in succeeded and len(succeeded) >= 10, sorted(succeeded)
    return failures
