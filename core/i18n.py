"""Text stored in several languages, for reference data (instruments, programmes).

Such a field is a JSON object ``{"en": ..., "ru": ..., "tg": ...}``; ``tr`` picks
the user's language, then English, then whatever is there.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

LANGS = ("en", "ru", "tg")


def tr(value: str | dict[str, str] | None, language: str | None = None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        return value
    language = (language or get_language() or "en")[:2]
    return value.get(language) or value.get("en") or next(iter(value.values()), "")


def validate_translations(value: object) -> None:
    """Every language present and a string; English at least not empty."""
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise ValidationError(_('Give the text as {"en": ..., "ru": ..., "tg": ...}.'))
    if not str(value.get("en", "")).strip():
        raise ValidationError(_("The English text is required."))
