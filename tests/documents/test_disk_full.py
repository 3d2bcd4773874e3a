"""A document upload on a full disk: a plain 507 (HTML and API), nothing half-saved,
nothing left on disk (the storage: core.storage)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.casemgmt.test_storage import files_under
from tests.documents.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.casemgmt.test_storage.FullDisk",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


def test_a_document_upload_on_a_full_disk_is_a_507_with_a_plain_message(demo, kinds, full_disk, login):
    from documents.models import Document, DocumentVersion

    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    client = login(officer)
    client.cookies["lang"] = "ru"
    response = client.post(
        reverse("documents:upload", args=[prisoner.pk]),
        {
            "kind": kinds["judgment"].pk,
            "title": "Приговор",
            "record_type": "file",
            "file": SimpleUploadedFile("order.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 507
    with translation.override("ru"):
        assert translation.gettext("Insufficient storage") in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()  # nothing half-saved
    assert files_under(full_disk) == []


def test_the_api_answers_507_in_json(demo, kinds, full_disk, login):
    from documents.models import Document

    officer, prisoner = demo.users["officer.a"], demo.prisoners["A"][0]
    response = login(officer).post(
        "/api/v1/documents/",
        {
            "prisoner": prisoner.pk,
            "kind": kinds["judgment"].code,
            "title": "Judgment",
            "file": SimpleUploadedFile("order.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 507, response.content
    assert "storage space" in response.json()["detail"]
    assert not Document.objects.exists() and files_under(full_disk) == []
