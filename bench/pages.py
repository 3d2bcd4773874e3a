"""The pages ``make bench`` times in this process (server time, ``bench.measure``).

* **calibration**: ``/healthz`` (one query, no session), the sign-in page (anonymous, a
  template, no query) and a signed-in empty page (``bench.urls``: the frame alone);
* **the pages**: the officer's home page, the prisoner list (also unfiltered and without
  its read event, as baselines), the case file, name searches, a caseload, a timeline of
  1,000 notes, the API list;
* **the guardian peer**: the same API list through django-guardian's stock
  ``get_objects_for_user`` (``bench.peer``), for every demo persona and the bench users.
"""

from __future__ import annotations

import sys

from bench.measure import ANONYMOUS, no_read_audit, nullcontext, unrestricted

#: the demo personas (demodata.builder); those a data set lacks are skipped
PERSONAS = (
    "officer.a", "officer.b", "casemanager.a", "programme.a", "supervisor.a", "admin", "auditor",
    "inspector", "adjudicator.a", "health.a",
)  # fmt: skip


def calibration(bench, who) -> None:
    print("calibration (server time, Django test client):", file=sys.stderr)
    bench.request("healthz", ANONYMOUS, "/healthz")
    bench.request("login_page", ANONYMOUS, "/login/", raw=False)
    bench.request("signed_in_empty", who["officer"], "/bench/empty/")


def pages(bench, who) -> None:
    from django.urls import reverse

    r = bench.results
    print("pages (server time, Django test client, logged in):", file=sys.stderr)
    bench.request("officer_home", who["officer"], reverse("home"))
    bench.request("prisoner_list", who["officer"], reverse("prisoner-list"))
    with unrestricted():
        bench.request("prisoner_list_unfiltered", who["officer"], reverse("prisoner-list"), raw=False)
    r["prisoner_list"]["ratio_to_unfiltered"] = ratio(r["prisoner_list"], r["prisoner_list_unfiltered"])
    with no_read_audit():
        bench.request("prisoner_list_no_read_audit", who["officer"], reverse("prisoner-list"), raw=False)
    quiet = r["prisoner_list_no_read_audit"]
    r["prisoner_list"]["read_audit_share"] = round(
        1 - quiet["p50_ms"] / max(r["prisoner_list"]["p50_ms"], 0.01), 3
    )
    read_audit_pairs(bench, who, bench.runs)
    bench.request("case_file", who["supervisor"], reverse("prisoner-detail", args=[who["file"].pk]))
    file = who["file"]
    bench.request("search_cyrillic", who["officer"], reverse("prisoner-list") + f"?q={file.family_name}")
    bench.request("search_latin", who["officer"], reverse("prisoner-list") + f"?q={file.family_name_latin}")
    bench.request("caseload", who["case_manager"], reverse("casework:caseload"))
    r["caseload"]["caseload_size"] = who["caseload_size"]
    bench.request(
        "timeline_1000_notes", who["heavy_supervisor"], reverse("casework:timeline", args=[who["heavy"].pk])
    )
    bench.request("api_prisoner_list", who["officer"], "/api/v1/prisoners/")


def read_audit_pairs(bench, who, runs: int) -> dict:
    """The list with and without its read event, alternating request by request (so the
    machine's load falls on both alike): the read audit's share of the list's server time."""
    import statistics
    import time

    from django.urls import reverse

    client, url = bench.client(who["officer"]), reverse("prisoner-list")
    on: list[float] = []
    off: list[float] = []
    for i in range(runs + 3):
        for side, scope in ((on, nullcontext), (off, no_read_audit)):
            with scope():
                start = time.perf_counter()
                assert client.get(url).status_code == 200
                if i >= 3:
                    side.append((time.perf_counter() - start) * 1000)
    out = {
        "with_p50_ms": round(statistics.median(on), 2),
        "without_p50_ms": round(statistics.median(off), 2),
        "runs": runs,
    }
    out["share"] = round(1 - out["without_p50_ms"] / max(out["with_p50_ms"], 0.01), 3)
    bench.results["read_audit_alternating"] = out
    print(f"  read audit, alternating: list {out['with_p50_ms']} ms, without {out['without_p50_ms']} ms, "
          f"share {out['share']:.1%}", file=sys.stderr)  # fmt: skip
    return out


def peer_users(who) -> dict[str, object]:
    from casemgmt.models import User

    users = {f"bench {role}": who[role] for role in ("officer", "supervisor", "case_manager")}
    for user in User.objects.filter(username__in=PERSONAS).order_by("username"):
        users[user.username] = user
    return users


def peer(bench, who, runs: int) -> None:
    """Our API list against the stock guardian peer, same user, same page, same run: the two
    requests alternate (ours, the peer's, ours...) so a change of load on the shared
    machine falls on both alike."""
    import statistics
    import time

    from casemgmt.models import Prisoner

    print("our API list / stock guardian peer (django-guardian get_objects_for_user):", file=sys.stderr)
    out = {}
    urls = {"ours": "/api/v1/prisoners/", "peer": "/bench/peer/prisoners/"}
    for label, user in peer_users(who).items():
        client = bench.client(user)
        timings: dict[str, list[float]] = {"ours": [], "peer": []}
        for i in range(runs + 3):
            for side, url in urls.items():
                start = time.perf_counter()
                response = client.get(url)
                if i >= 3:  # the first three of each are the warm-up
                    timings[side].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (label, url, response.status_code)
        ours, theirs = (round(statistics.median(timings[side]), 2) for side in ("ours", "peer"))
        out[label] = {
            "files": Prisoner.objects.restrict(user, "view").count(),
            "ours_p50_ms": ours,
            "peer_p50_ms": theirs,
            "ours_over_peer": round(ours / max(theirs, 0.01), 2),
            "runs": runs,
        }
        print(f"  {label:<22} ours p50 {ours:7.1f} ms  peer p50 {theirs:7.1f} ms  "
              f"ours/peer {out[label]['ours_over_peer']}", file=sys.stderr)  # fmt: skip
    bench.results["guardian_peer"] = out


def ratio(a: dict, b: dict) -> float:
    return round(a["p50_ms"] / max(b["p50_ms"], 0.01), 2)
