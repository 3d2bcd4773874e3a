"""The stock guardian peer of the prisoner list (``bench.peer``) returns exactly the files our
restriction returns, for every demo user: the benchmark compares like with like."""

import pytest

from bench.peer import peer_queryset
from casemgmt.models import Prisoner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("world", ["demo", "casework_demo"])
def test_peer_returns_the_same_files_as_the_restriction_for_every_demo_user(world, request):
    demo = request.getfixturevalue(world)
    assert demo.users
    seen_some = 0
    for username, user in demo.users.items():
        ours = set(Prisoner.objects.restrict(user, "view").values_list("pk", flat=True))
        peer = set(peer_queryset(user).values_list("pk", flat=True))
        assert peer == ours, username
        seen_some += bool(ours)
    assert seen_some >= 4  # officers, supervisor, case manager see files; admin, auditor none


def test_bench_routes_answer_with_the_same_page_of_files(demo, client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    client.force_login(demo.users["officer.a"])
    assert client.get("/bench/empty/").status_code == 200
    ours = client.get("/api/v1/prisoners/").json()
    peer = client.get("/bench/peer/prisoners/").json()
    assert ours["count"] == peer["count"] > 0
    assert [r["id"] for r in ours["results"]] == [r["id"] for r in peer["results"]]
