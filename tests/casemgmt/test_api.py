import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_list_detail_and_search(demo, api):
    client = api(demo.users["officer.a"])
    listed = client.get("/api/v1/prisoners/").json()
    assert listed["count"] == len(demo.prisoners["A"])
    target = demo.prisoners["A"][0]
    detail = client.get(f"/api/v1/prisoners/{target.pk}/").json()
    assert detail["prison_number"] == target.prison_number
    assert detail["documents"][0]["kind"] == "passport"
    found = client.get("/api/v1/prisoners/", {"q": target.family_name_latin}).json()
    assert target.pk in {row["id"] for row in found["results"]}


def test_filters_are_the_html_filters(demo, api):
    client = api(demo.users["officer.a"])
    unit = demo.prisoners["A"][0].unit
    rows = client.get("/api/v1/prisoners/", {"unit": unit.pk}).json()["results"]
    assert rows and {r["unit"]["id"] for r in rows} == {unit.pk}
    # A facility the user does not work in is not a valid choice.
    response = client.get("/api/v1/prisoners/", {"facility": demo.facilities["B"].pk})
    assert response.status_code == 400


def test_read_only(demo, api):
    client = api(demo.users["supervisor.a"])
    target = demo.prisoners["A"][0]
    assert client.delete(f"/api/v1/prisoners/{target.pk}/").status_code == 405
    assert client.post("/api/v1/prisoners/", {}).status_code == 405


def test_token_authentication(demo, client):
    token = Token.objects.create(user=demo.users["officer.b"])
    response = client.get("/api/v1/prisoners/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == len(demo.prisoners["B"])
    assert client.get("/api/v1/prisoners/", HTTP_AUTHORIZATION="Token nope").status_code == 401


def test_schema_and_offline_docs(demo, client):
    client.force_login(demo.users["officer.a"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/prisoners/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs  # served from the sidecar


@pytest.mark.parametrize("walk", ["", "hashed", "probed"])
def test_the_list_reads_the_same_pages_walked_or_fetched(demo, api, monkeypatch, walk):
    """The API list reads as the HTML list (``selectors.list_plan``): the same files, in
    the same order, with the count of the grants when nothing narrows the list."""
    from casemgmt import selectors
    from casemgmt.models import Prisoner
    from core.querysets import Walk

    monkeypatch.setattr(selectors, "list_walk", lambda **kwargs: Walk(walk))
    user = demo.users["supervisor.a"]
    client = api(user)
    expected = list(
        Prisoner.objects.restrict(user)
        .order_by("family_name", "given_name", "id")
        .values_list("pk", flat=True)
    )
    first = client.get("/api/v1/prisoners/", {"page_size": 5}).json()
    second = client.get("/api/v1/prisoners/", {"page_size": 5, "page": 2}).json()
    assert first["count"] == second["count"] == len(expected)
    assert [row["id"] for row in first["results"] + second["results"]] == expected[:10]
    narrowed = client.get("/api/v1/prisoners/", {"sex": "female"}).json()
    assert narrowed["count"] == Prisoner.objects.restrict(user).filter(sex="female").count()
