import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def pdf():
    def _pdf(name="order.pdf", data=MINIMAL_PDF):
        return SimpleUploadedFile(name, data, content_type="application/pdf")

    return _pdf


@pytest.fixture
def kinds(db):
    from documents.apps import ensure_kinds
    from documents.models import DocumentKind

    ensure_kinds()
    return {k.code: k for k in DocumentKind.objects.all()}
