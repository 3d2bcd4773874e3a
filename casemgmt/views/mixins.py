"""The base HTML view mixin: the restriction is applied once, here."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.functional import cached_property

from casemgmt import selectors


class PrisonerAccessMixin(LoginRequiredMixin):
    """Resolves ``self.prisoner`` from the ``pk`` in the URL through the
    restricted queryset; not visible is 404, exactly like not existing."""

    action = "view"
    prisoner_url_kwarg = "pk"

    @cached_property
    def prisoner(self):
        return selectors.prisoner_get(
            user=self.request.user, pk=self.kwargs[self.prisoner_url_kwarg], action=self.action
        )


class HtmxTemplateMixin:
    """Render only ``partial_template_name`` for htmx requests."""

    partial_template_name: str | None = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()
