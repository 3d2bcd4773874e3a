"""Regenerate ``docs/screenshot-casefile.png`` (the case file shown in the README).

Not part of the test suite: the file name does not match ``test_*.py``, so
``pytest tests/e2e`` does not collect it. Run it on purpose, from the project root::

    DJANGO_ENV=test .venv/bin/python -m pytest tests/e2e/make_screenshot.py -q -p no:cacheprovider

or, equivalently::

    DJANGO_ENV=test .venv/bin/python tests/e2e/make_screenshot.py

It uses the e2e fixtures (test database with the demo data, ``live_server``, Debian's
chromium at /usr/bin/chromium), signs in as ``supervisor.a`` through the login form,
opens the first facility-A prisoner's case file on the Identity tab in English and
saves a 1280x900 viewport screenshot. Commit the PNG when it changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "docs" / "screenshot-casefile.png"


def test_casefile_screenshot(page, live_server, live_demo, sign_in):
    prisoner = live_demo.prisoners["A"][0]
    sign_in(page, "supervisor.a")
    response = page.goto(f"{live_server.url}/prisoners/{prisoner.pk}/identity/")
    assert response is not None and response.status == 200
    expect(page.locator("#tab-identity")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".casefile-head")).to_contain_text(prisoner.prison_number)
    expect(page.locator("#tab-panel")).to_contain_text("Identity documents")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    OUTPUT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT), full_page=False)
    assert OUTPUT.stat().st_size > 10_000


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT)]))
