"""Security headers on a sample of pages; every upload attack in the list refused."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import AuditEvent
from core.uploads import clean_photo
from tests.conftest import Client

pytestmark = pytest.mark.django_db


def _check_headers(response, personal: bool):
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert (
        "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    )
    assert re.search(r"'nonce-[A-Za-z0-9_-]{20,}'", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if personal:
        assert "no-store" in response["Cache-Control"]


def test_headers_on_a_sample_of_pages(demo, login):
    _check_headers(Client().get(reverse("login")), personal=False)
    client = login(demo.users["supervisor.a"])
    prisoner = demo.prisoners["A"][0]
    for url in [
        reverse("home"),
        reverse("prisoner-list"),
        reverse("prisoner-detail", args=[prisoner.pk]),
        reverse("accounts:security"),
        "/api/v1/prisoners/",
        f"/api/v1/prisoners/{prisoner.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        _check_headers(response, personal=True)


def test_scripts_carry_the_nonce_and_none_is_inline(demo, login):
    response = login(demo.users["officer.a"]).get(reverse("home"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in s and "src=" in s for s in scripts)
    assert not re.search(r"\son[a-z]+=", html) and "hx-on" not in html


def test_hsts_in_production_style_settings(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_photo_is_served_as_an_attachment_that_runs_nothing(demo, login):
    from casemgmt import services

    prisoner = demo.prisoners["A"][0]
    services.prisoner_update(actor=demo.users["supervisor.a"], prisoner=prisoner, photo=clean_photo(_jpeg()))
    response = login(demo.users["officer.a"]).get(reverse("prisoner-photo", args=[prisoner.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"] and "no-store" in response["Cache-Control"]
    assert (
        login(demo.users["officer.b"]).get(reverse("prisoner-photo", args=[prisoner.pk])).status_code == 404
    )


def _jpeg(name="photo.jpg", size=(40, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


ATTACKS = {
    "a PHP script renamed .jpg": ("shell.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg"),
    "an HTML page renamed .jpg": ("page.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    "an SVG with a script": (
        "photo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
        "image/svg+xml",
    ),
    "an SVG with a script renamed .jpg": (
        "photo.jpg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "image/jpeg",
    ),
    "a GIF (not on the allow-list)": ("anim.jpg", None, "image/gif"),
    "a PDF": ("scan.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"),
    "a truncated JPEG": ("cut.jpg", None, "image/jpeg"),
    "a decompression bomb": ("bomb.png", _png_claiming(30000, 30000), "image/png"),
    "an empty file": ("empty.jpg", b"", "image/jpeg"),
    "a Windows path in the name": ("..\\..\\web.config.jpg", None, "image/jpeg"),
}


def _attack_file(name, data, content_type):
    if data is None and content_type == "image/gif":
        out = io.BytesIO()
        Image.new("RGB", (10, 10)).save(out, format="GIF")
        data = out.getvalue()
    elif data is None and name.startswith("cut"):
        data = _jpeg().read()[:200]
    elif data is None:
        data = _jpeg().read()
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_upload_attacks_are_refused(attack):
    with pytest.raises(ValidationError):
        clean_photo(_attack_file(*ATTACKS[attack]))


def test_a_path_in_the_name_never_reaches_the_file_system():
    # Django keeps only the base name of an upload; what is stored is a generated name.
    clean = clean_photo(_attack_file("../../../etc/cron.d/photo.jpg", None, "image/jpeg"))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", clean.name)


def test_an_oversized_photo_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 1000
    big = _jpeg(size=(400, 400))
    assert big.size > 1000
    with pytest.raises(ValidationError) as error:
        clean_photo(big)
    assert error.value.code == "too_large"


def test_a_good_photo_is_reencoded_with_a_generated_name():
    clean = clean_photo(_jpeg(name="Мой портрет.jpg"))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", clean.name)
    assert Image.open(clean).format == "JPEG"


def test_refused_object_access_goes_to_the_security_log(demo, login):
    prisoner = demo.prisoners["A"][0]
    client = login(demo.users["officer.b"])
    assert client.get(f"/api/v1/prisoners/{prisoner.pk}/").status_code == 404
    assert client.get(reverse("prisoner-detail", args=[prisoner.pk])).status_code == 404
    events = AuditEvent.objects.filter(action="access_denied", actor=demo.users["officer.b"])
    assert {e.object_repr for e in events} == {
        f"GET /api/v1/prisoners/{prisoner.pk}/",
        f"GET /prisoners/{prisoner.pk}/",
    }


def test_a_missing_page_is_not_a_refused_access(demo, login):
    login(demo.users["officer.a"]).get("/favicon.ico")
    assert not AuditEvent.objects.filter(action="access_denied").exists()
