"""Throughput: gunicorn on loopback (``bench.settings``: the product with the bench's two
routes) driven by ``wrk`` (Debian package), bounded in time, one page after another in
the same run. Each page's requests/s is reported beside its ratio to ``/healthz``'s.

The read audit's cost is measured as throughput too: the list again on a second
gunicorn whose stack has no ``ReadAuditMiddleware`` (``BENCH_NO_READ_AUDIT=1``), in the
turns and then in adjacent pairs (``audit_pairs``), whose median cost is the figure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
WRK = ("-t2", "-c8")
#: pairs of runs (list with and without the read audit) for the audit's cost
PAIRS = 8


def pages(who) -> list[tuple[str, str, object]]:
    from django.urls import reverse

    officer, supervisor = who["officer"], who["supervisor"]
    return [
        ("healthz", "/healthz", None),
        ("login_page", "/login/", None),
        ("signed_in_empty", "/bench/empty/", officer),
        ("officer_home", reverse("home"), officer),
        ("prisoner_list", reverse("prisoner-list"), officer),
        ("case_file", reverse("prisoner-detail", args=[who["file"].pk]), supervisor),
        ("api_prisoner_list", "/api/v1/prisoners/", officer),
        ("peer_prisoner_list", "/bench/peer/prisoners/", officer),
    ]


def cookie_of(bench, user) -> str:
    from django.conf import settings

    session_key = bench.client(user).cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={session_key}"


@contextmanager
def gunicorn(port: int, workers: int, **env_extra):
    env = dict(os.environ, DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost",
               DJANGO_SETTINGS_MODULE="bench.settings", **env_extra)  # fmt: skip
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--access-logfile", "/dev/null", "--error-logfile", "/tmp/bench-gunicorn.log"],
        cwd=BASE, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(port)
        yield
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def wrk(port: int, url: str, cookie: str | None, seconds: int) -> dict:
    _check_page(port, url, cookie)
    headers = ["-H", "Host: 127.0.0.1"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    cmd = [shutil.which("wrk"), *WRK, f"-d{seconds}s", "--latency", *headers, f"http://127.0.0.1:{port}{url}"]
    text = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", text)
    return {
        "requests_per_second": rps,
        "latency_p50": "".join(p50.groups()) if p50 else None,
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def load(bench, who, seconds: int, port: int, rounds: int = 3) -> None:
    """Each page for ``seconds`` in all, in ``rounds`` turns of ``seconds / rounds``: page
    after page, then again, so that a change of load on the shared machine falls on every
    page alike; a page's figure is the median of its turns. The list without the read
    audit runs on a second gunicorn, in the same turns."""
    import statistics

    from django.urls import reverse

    if not shutil.which("wrk"):
        bench.results["load"] = {"status": "skipped: wrk is not installed (apt-get install -y wrk)"}
        print("  load: wrk not installed, skipped", file=sys.stderr)
        return
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    turn = max(seconds // rounds, 1)
    out: dict = {
        "workers": workers,
        "seconds": turn * rounds,
        "rounds": rounds,
        "tool": f"wrk {' '.join(WRK)}",
    }
    cookies = {user.pk: cookie_of(bench, user) for _n, _u, user in pages(who) if user is not None}
    officer = who["officer"]
    plan = [(name, port, url, user) for name, url, user in pages(who)]
    plan.append(("prisoner_list_no_read_audit", port + 1, reverse("prisoner-list"), officer))
    print(f"load (gunicorn {workers} workers, wrk {' '.join(WRK)}, {rounds} turns of {turn} s a page):",
          file=sys.stderr)  # fmt: skip
    turns: dict[str, list[dict]] = {name: [] for name, *_ in plan}
    with gunicorn(port, workers), gunicorn(port + 1, workers, BENCH_NO_READ_AUDIT="1"):
        for _name, on, url, user in plan:  # warm-up: every worker loads its templates, plans, caches
            wrk(on, url, cookies[user.pk] if user else None, 1)
        for _ in range(rounds):
            for name, on, url, user in plan:
                turns[name].append(wrk(on, url, cookies[user.pk] if user else None, turn))
        out["read_audit_pairs"] = audit_pairs(port, reverse("prisoner-list"), cookies[officer.pk], turn)
    for name, results in turns.items():
        rps = [r["requests_per_second"] for r in results]
        out[name] = {
            "requests_per_second": round(statistics.median(rps), 1),
            "turns": rps,
            "latency_p50": results[-1]["latency_p50"],
            "errors": sum(r["errors"] for r in results),
        }
        print(
            f"  load {name:<28} {out[name]['requests_per_second']:8.1f} req/s  (turns {rps})", file=sys.stderr
        )
    base = out["healthz"]["requests_per_second"]
    for name, *_ in plan:
        out[name]["ratio_to_healthz"] = round(out[name]["requests_per_second"] / max(base, 0.01), 3)
    out["read_audit_throughput_cost"] = out["read_audit_pairs"]["cost"]
    bench.results["load"] = out


def audit_pairs(port: int, url: str, cookie: str, seconds: int, pairs: int = PAIRS) -> dict:
    """The read audit's cost in throughput, as ``pairs`` pairs of runs of the list, one
    with the audit (``port``) and one without (``port + 1``) right after each other, in
    turn order (with first, then without first), each ``seconds`` long: a pair shares the
    machine's minute, so the cost is the median of the pairs' own, not a difference of
    two medians taken minutes apart (which moved by +-5 points from run to run, issue #25)."""
    import statistics

    costs = []
    for i in range(pairs):
        order = (port, port + 1) if i % 2 == 0 else (port + 1, port)
        rps = {on: wrk(on, url, cookie, seconds)["requests_per_second"] for on in order}
        costs.append(round(1 - rps[port] / max(rps[port + 1], 0.01), 3))
    print(f"  load read audit pairs: costs {costs}", file=sys.stderr)
    return {"cost": round(statistics.median(costs), 3), "pairs": costs, "seconds": seconds}


def _check_page(port: int, url: str, cookie: str | None) -> None:
    """The page answers 200 to this session (not a redirect to the login page)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", url, headers={"Cookie": cookie} if cookie else {})
    status = conn.getresponse().status
    conn.close()
    if status != 200:
        raise RuntimeError(f"{url} answered {status} under gunicorn")


def _wait_for(port: int) -> None:
    import socket
    import time

    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")
