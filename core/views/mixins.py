"""Small view mixins (the access bases are in ``core.views.base``)."""

from __future__ import annotations


class HtmxTemplateMixin:
    """Render only ``partial_template_name`` for htmx requests."""

    partial_template_name: str | None = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()
