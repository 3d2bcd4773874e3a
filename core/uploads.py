"""Checking uploaded photos by their content, not their name."""

from __future__ import annotations

import io
import mimetypes
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_SIDE = 1600


def clean_photo(upload: File[Any]) -> InMemoryUploadedFile:
    """Accept a JPEG, PNG or WebP image under the size limit; return it re-encoded as
    a fresh JPEG (no metadata, no trailing payload, a generated name)."""
    name = getattr(upload, "name", "") or ""
    if any(c in name for c in ("/", "\\", "\x00")) or ".." in name:
        # Browsers send a bare file name; a path means a crafted request.
        raise ValidationError(_("The file name is not acceptable."), code="name")
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "size": round(upload.size / 1048576, 1),
                "limit": round(settings.PHOTO_MAX_BYTES / 1048576, 1),
            },
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
        if kind not in ALLOWED_FORMATS:
            raise ValidationError(_("Only JPEG, PNG or WebP photos are accepted."), code="type")
        upload.seek(0)
        with Image.open(upload) as opened:
            image = opened.convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=88)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not a photo that can be read (JPEG, PNG or WebP)."), code="type"
        ) from exc
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(out, "photo", f"{uuid.uuid4().hex}.jpg", "image/jpeg", size, None)


def photo_response(file: FieldFile, filename: str) -> FileResponse:
    """Serve a stored photo (a prisoner's, a find's): as an attachment with a generated
    name (an <img> still shows it), a policy under which it may run nothing even if a
    browser were tricked into opening it as a document, and never cached."""
    content_type = mimetypes.guess_type(file.name or "")[0] or "image/jpeg"  # callers serve a stored photo
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
