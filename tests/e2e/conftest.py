"""Browser tests: Playwright (sync API) driving Debian's chromium against ``live_server``.

Run them with::

    DJANGO_ENV=test .venv/bin/python -m pytest tests/e2e -q -p no:cacheprovider

Playwright's own browser download is not used: the tests launch ``/usr/bin/chromium``
(``apt-get install chromium``). Without it the tests are skipped locally and fail in CI
(``CI=true``). A failing test leaves a screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from demodata import builder as demo_data
from tests.conftest import PASSWORD, confirmed_totp, current_code
from tests.e2e import a11y

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so the ``page`` fixture knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        message = f"chromium not found at {CHROMIUM}: install Debian's chromium: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations = a11y.watch(page)
    try:
        yield page
        if violations:
            pytest.fail(f"axe-core: serious or critical violations\n{a11y.report(violations)}", pytrace=False)
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as exc:  # the screenshot is a courtesy; never hide the real failure
                print(f"could not save a screenshot: {exc}")
        context.close()


@pytest.fixture
def live_demo(transactional_db):
    """The demo personas and 12 prisoners, committed so the live server's thread sees them."""
    return demo_data.build(prisoners=12, password=PASSWORD)


def _second_factor(page, username: str) -> None:
    """Type the code the user's authenticator shows now. A code is accepted once: if this
    user already used the current one (signing in twice in one test), wait for the next."""
    import time

    from casemgmt.models import User

    device = confirmed_totp(User.objects.get(username=username))
    if device.last_t >= int((time.time() - device.t0) // device.step):
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.click("form[action$='/account/mfa/verify/'] button[type=submit]")
    assert "/account/mfa/" not in page.url, f"two-factor step for {username} failed: still on {page.url}"


@pytest.fixture
def sign_in(live_server):
    """Sign in through the real login form; returns the page on the home page."""

    def _sign_in(page, username: str, password: str = PASSWORD):
        from accounts import mfa
        from casemgmt.models import User

        user = User.objects.filter(username=username).first()
        if user is not None and mfa.required(user):
            confirmed_totp(user)  # as if enrolled earlier: the page asks for the code
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("form[action$='/login/'] button[type=submit]")
        assert "/login/" not in page.url, f"sign-in as {username} failed: still on {page.url}"
        if "/account/mfa/verify/" in page.url:
            _second_factor(page, username)
        return page

    return _sign_in
