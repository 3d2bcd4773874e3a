"""Uploads checked by their content: a PDF by its structure (and refused if it carries
scripts, launch actions or embedded files), an image re-encoded as a fresh JPEG or PNG
(no metadata, no trailing payload). The name and the browser's type are never trusted."""

from __future__ import annotations

import hashlib
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

#: PDF names that run or carry something: a document with any of them is refused
PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|OpenAction|AA|RichMedia|XFA|SubmitForm|ImportData)\b"
)
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "JPEG"), "PNG": ("image/png", "PNG")}


def _refuse(code: str):
    messages = {
        "name": _("The file name is not acceptable."),
        "empty": _("The file is empty."),
        "type": _("Only PDF documents and JPEG or PNG scans are accepted."),
        "active": _("This PDF contains scripts, actions or embedded files and is refused."),
    }
    raise ValidationError(messages[code], code=code)


def clean_document(upload) -> tuple[bytes, str]:
    """The bytes to store and their content type, or a ValidationError."""
    name = getattr(upload, "name", "") or ""
    if any(c in name for c in ("/", "\\", "\x00")) or ".." in name or len(name) > 200:
        _refuse("name")
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    if not data:
        _refuse("empty")
    if data.startswith(b"%PDF-"):
        return _pdf(data), "application/pdf"
    return _image(data)


def _pdf(data: bytes) -> bytes:
    tail = data[-1024:]
    if b"%%EOF" not in tail or b"obj" not in data:
        _refuse("type")
    # Names may be written with #xx escapes (/J#61vaScript): decode them before looking.
    decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
    if PDF_ACTIVE.search(decoded):
        _refuse("active")
    # Anything after the last %%EOF (a polyglot's payload) is not kept.
    end = data.rfind(b"%%EOF") + len(b"%%EOF")
    return data[:end] + b"\n"


def _image(data: bytes) -> tuple[bytes, str]:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in IMAGE_FORMATS:
            _refuse("type")
        content_type, fmt = IMAGE_FORMATS[kind]
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = (
                image.convert("RGB")
                if fmt == "JPEG"
                else image.convert("RGBA" if "A" in image.mode else "RGB")
            )
            out = io.BytesIO()
            image.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("Only PDF documents and JPEG or PNG scans are accepted."), code="type"
        ) from exc
    return out.getvalue(), content_type


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
