"""A photo taken at reception on a full disk: a plain 507, the draft unchanged, nothing
left on disk (the storage: core.storage)."""

import io

import pytest
from django.urls import reverse

from intake import services
from tests.casemgmt.test_storage import files_under
from tests.documents.test_disk_full import full_disk  # noqa: F401 - the fixture
from tests.intake.test_views_and_api import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_a_photo_on_a_full_disk_is_refused_plainly_and_leaves_nothing(demo, client, full_disk):  # noqa: F811
    officer = demo.users["officer.a"]
    client.force_login(officer)
    admission = services.admission_start(actor=officer, facility=demo.facilities["A"])
    photo = io.BytesIO(jpeg_bytes())
    photo.name = "photo.jpg"
    response = client.post(reverse("intake:photo", args=[admission.pk]), {"photo": photo})
    assert response.status_code == 507
    assert "no storage space left" in response.content.decode()
    version = admission.version
    admission.refresh_from_db()
    assert not admission.photo and admission.version == version  # the draft as it was
    assert files_under(full_disk) == []
