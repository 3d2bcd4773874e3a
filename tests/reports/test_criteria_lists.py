"""The five report criteria behind the dashboard's figures open the prisoner list for
every role (issue 16: each answered 500)."""

from __future__ import annotations

import pytest

ROLES = ["officer.a", "casemanager.a", "programme.a", "supervisor.a", "admin"]
CRITERIA = {
    "risk": "high",
    "security_level": "high",
    "event": "admitted",
    "review": "overdue",
    "standard": None,  # the first standard's code, read below
}


@pytest.fixture
def world(casework_demo):
    return casework_demo


def _criteria():
    from reports import standards

    out = dict(CRITERIA)
    out["standard"] = standards.STANDARD_CHOICES[0][0]
    return out


@pytest.mark.parametrize("username", ROLES)
def test_the_five_criteria_render_the_list(world, client, username):
    client.force_login(world.users[username])
    for name, value in _criteria().items():
        response = client.get("/prisoners/", {name: value})
        assert response.status_code == 200, (name, value, response.status_code)
        assert b'<span class="tag">' in response.content  # the notice names the criterion
        # the htmx partial (the list redrawn by the filter form) too
        response = client.get("/prisoners/", {name: value}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, (name, value, "htmx")


def test_the_notice_shows_the_choice_label(world, client):
    client.force_login(world.users["supervisor.a"])
    response = client.get("/prisoners/", {"risk": "high", "event": "admitted"})
    assert "Risk judgement: High" in response.content.decode()
    assert "Event: Admitted" in response.content.decode()
