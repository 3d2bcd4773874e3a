"""Measuring one request in this process: server time, CPU, queries, raw SQL (``bench.run``).

Each request goes through the whole stack (middleware, URL resolution, view, template,
session and auth) by Django's test ``Client``; the clock runs around ``client.get``.
Query counts are captured on a separate request. The **raw SQL** baseline re-executes
the SELECTs the request ran through a plain cursor, back to back: the database's share of
the page; the page's ratio is server time / raw SQL (both p50, same run).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from contextlib import contextmanager

TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)
ANONYMOUS = None


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


class Bench:
    def __init__(self, runs: int):
        from django.test import Client

        self.runs = runs
        self.Client = Client
        self.results: dict[str, dict] = {}
        self.clients: dict[object, object] = {}

    def client(self, user):
        """A signed-in client per user, kept for the run (an authenticator code is good
        once); ``ANONYMOUS`` (None): a client without a session."""
        from accounts import mfa

        key = user.pk if user is not None else None
        client = self.clients.get(key)
        if client is None:
            client = self.Client(HTTP_HOST="127.0.0.1")
            if user is not None:
                client.force_login(user)
                if mfa.required(user):
                    pass_mfa(client, user)
            self.clients[key] = client
        return client

    def captured(self, client, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return [q["sql"] for q in ctx.captured_queries]

    def raw_sql_ms(self, queries: list[str], runs: int | None = None) -> list[float]:
        from django.db import connection

        selects = [q for q in queries if q.lstrip().upper().startswith("SELECT") and "pg_advisory" not in q]
        # The read event's insert is a SELECT of a function (``casemgmt_read_append``): it
        # is the page's SQL too and is replayed with it (each replay appends a read event).
        timings = []
        with connection.cursor() as cur:
            for _ in range(runs or self.runs):
                start = time.perf_counter()
                for sql in selects:
                    cur.execute(sql)
                    cur.fetchall()
                timings.append((time.perf_counter() - start) * 1000)
        return timings

    def request(self, name: str, user, url: str, *, raw: bool = True, runs: int | None = None) -> dict:
        runs = runs or self.runs
        client = self.client(user)
        for _ in range(3):  # warm up: caches, connection, first-query plans
            assert client.get(url).status_code == 200, (name, url)
        queries = self.captured(client, url)
        timings, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200
        result = {
            "url": url,
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(pct(timings, 95), 2),
            # SQL statements; BEGIN/COMMIT/SAVEPOINT of the audit write are counted apart.
            "queries": len([q for q in queries if not TRANSACTION_CONTROL.match(q)]),
            "transaction_control": len([q for q in queries if TRANSACTION_CONTROL.match(q)]),
            "python_cpu_p50_ms": round(statistics.median(cpu), 2),
            "runs": runs,
        }
        if raw:
            sql = self.raw_sql_ms(queries, runs)
            result["raw_sql_p50_ms"] = round(statistics.median(sql), 2)
            result["ratio_to_raw_sql"] = round(result["p50_ms"] / max(result["raw_sql_p50_ms"], 0.01), 2)
        self.results[name] = result
        print(f"  {name:<34} p50 {result['p50_ms']:>7.1f} ms  p95 {result['p95_ms']:>7.1f} ms  "
              f"{result['queries']:>3} queries  raw SQL {result.get('raw_sql_p50_ms', '-'):>5} ms  "
              f"(python cpu p50 {result['python_cpu_p50_ms']:.1f} ms)", file=sys.stderr)  # fmt: skip
        return result

    def people(self):
        from django.db.models import Count

        from casemgmt.choices import Role
        from casemgmt.models import Facility, Prisoner, User
        from casework.models import Allocation, CaseNote

        facility = (
            Facility.objects.annotate(n=Count("prisoners")).order_by("-n").first()
        )  # the largest facility: the officer sees the most files
        officer = User.objects.filter(
            groups__name=Role.OFFICER, facilities=facility, username__startswith="bench."
        )
        supervisor = User.objects.filter(groups__name=Role.SUPERVISOR, facilities=facility)
        busiest = (
            Allocation.objects.filter(ended_at__isnull=True)
            .values("case_manager")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        heavy = CaseNote.objects.values("prisoner").annotate(n=Count("id")).order_by("-n").first()["prisoner"]
        heavy = Prisoner.objects.get(pk=heavy)
        return {
            "facility": facility,
            "officer": officer.first(),
            "supervisor": supervisor.first(),
            "case_manager": User.objects.get(pk=busiest["case_manager"]),
            "caseload_size": busiest["n"],
            "file": Prisoner.objects.filter(facility=facility).order_by("id")[len(facility.name) * 7],
            "heavy": heavy,
            "heavy_supervisor": User.objects.filter(
                groups__name=Role.SUPERVISOR, facilities=heavy.facility_id
            )
            .order_by("id")
            .first(),
        }


def pass_mfa(client, user) -> None:
    """The second factor as a person passes it: the user's authenticator (a confirmed
    TOTP device; a bench account that has none gets one, as enrolment leaves it) and
    its current code posted to the verification page. A code is accepted once: if this
    time step's code was used already, wait for the next one."""
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(1)
    response = client.post(reverse("accounts:mfa-verify"), {"code": f"{totp.token():0{device.digits}d}"})
    assert response.status_code == 302, ("two-factor verification failed", response.status_code)
    assert client.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id, "not verified"


@contextmanager
def nullcontext():
    yield


@contextmanager
def no_read_audit():
    """The same page without its read event (baseline only: what one read event costs)."""
    from core import reads

    original = reads.write
    reads.write = lambda request, collected: None
    try:
        yield
    finally:
        reads.write = original


@contextmanager
def unrestricted():
    """The same list with the permission restriction switched off (baseline only)."""
    from casemgmt.querysets import PrisonerQuerySet

    original = PrisonerQuerySet.restrict
    PrisonerQuerySet.restrict = lambda self, user, action="view", **options: self.all()
    try:
        yield
    finally:
        PrisonerQuerySet.restrict = original


def wait_for_quiet(below: float, longest: int = 120) -> float:
    """Timings taken while something else runs measure that too: wait (at most
    ``longest`` seconds) for the 1-minute load average to fall below ``below``; return it."""
    import os

    waited = 0
    while os.getloadavg()[0] >= below and waited < longest:
        if waited % 15 == 0:
            print(f"  waiting for a quiet machine: load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
        time.sleep(1)
        waited += 1
    return os.getloadavg()[0]
