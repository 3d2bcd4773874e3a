"""The idle warning: a dialog before the session ends; "Stay signed in" extends it."""

import pytest

pytestmark = pytest.mark.e2e


def test_the_idle_warning_extends_the_session(live_demo, page, sign_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 10
    settings.SESSION_WARNING_SECONDS = 8  # the dialog opens about 2 s after a page loads
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, "officer.a")
    dialog = page.locator("#session-warning")
    dialog.wait_for(state="visible", timeout=6000)
    with page.expect_response(lambda r: "/account/keepalive/" in r.url and r.status == 200):
        page.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden", timeout=3000)
    assert "/login/" not in page.url
    refused = [e for e in errors if "Content Security Policy" in e]
    assert not refused, refused
