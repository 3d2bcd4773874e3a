"""Small view mixins (the access bases are in ``core.views.base``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.views.generic.base import TemplateResponseMixin

    _Base = TemplateResponseMixin
else:
    _Base = object


class HtmxTemplateMixin(_Base):
    """Render only ``partial_template_name`` for htmx requests."""

    request: HttpRequest
    partial_template_name: str | None = None

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()
