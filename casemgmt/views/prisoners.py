from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from casemgmt import history, selectors, services, tabs
from casemgmt.filters import PrisonerFilter
from casemgmt.forms import IdentityCorrectionForm
from casemgmt.views.access_log import access_log_context
from core.pagination import CountInPagePaginator, RowsPaginator, narrowing
from core.querysets import Walk
from core.uploads import photo_response
from core.views.base import FileView, StaffView
from core.views.forms import errors_to_form
from core.views.mixins import HtmxTemplateMixin


class PrisonerListView(StaffView, HtmxTemplateMixin, ListView):
    template_name = "casemgmt/prisoner_list.html"
    partial_template_name = "casemgmt/_prisoner_results.html"
    paginate_by = 50
    context_object_name = "prisoners"
    capability = "view"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # A name search tests trigram similarity on every visible file: counting in the
        # page query does it once instead of twice (issue #11, 100,000 files: ~280 ms
        # saved). Without a search the separate COUNT is cheaper than the window.
        options = {"orphans": orphans, "allow_empty_first_page": allow_empty_first_page, **kwargs}
        query = self.request.GET.get("q", "").strip()
        if query:
            # A name search and nothing else: its page by a prepared statement (search_page).
            alone = narrowing(self.request.GET) == {"q"} and self.filterset.is_valid()
            rows = (
                selectors.search_page(user=self.request.user, query=query, walk=self.walk) if alone else None
            )
            return CountInPagePaginator(queryset, per_page, rows=rows, **options)
        if self.visible is None:
            paginator = Paginator(queryset, per_page, **options)
            if self.walk != Walk.FETCH and self.filterset.is_valid():
                # a facility or a unit walked in its names (``selectors.list_plan``): counted
                # against the grants hashed once, the facility's index read alone (36 ms for
                # 54,000 files at 1,000,000; a probe of the grants for each: 340 ms)
                counted = self.filterset.filter_queryset(
                    selectors.prisoner_list(user=self.request.user, walk=Walk.HASHED)
                )
                paginator.__dict__["count"] = counted.count()
            return paginator
        # No filter: every visible file is listed, so the count of the grants is the count
        # (one index-only pass over the grant tables instead of a probe per file), and the
        # page's rows are read by the list's prepared statement.
        user, walk = self.request.user, self.walk
        paginator = RowsPaginator(
            queryset,
            per_page,
            rows=lambda bottom, top: selectors.prisoner_page(user=user, walk=walk, bottom=bottom, top=top),
            **options,
        )
        paginator.__dict__["count"] = self.visible
        return paginator

    def get_queryset(self):
        user, params = self.request.user, self.request.GET
        self.walk, self.visible = selectors.list_plan(user=user, params=params, per_page=self.paginate_by)
        files = selectors.prisoner_list(user=user, walk=self.walk)
        self.filterset = PrisonerFilter(
            params or None,
            queryset=selectors.searched_files(files, user=user, walk=self.walk, query=params.get("q", "")),
            request=self.request,
            user=user,
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.note_rows(context["object_list"])
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class PrisonerDetailView(FileView, TemplateView):
    capability = "view"
    template_name = "casemgmt/prisoner_detail.html"
    partial_template_name = "casemgmt/_tab.html"

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.history_restore_request:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        prisoner, capabilities = self.prisoner, self.capabilities
        visible = tabs.visible(capabilities)
        slug = self.kwargs.get("tab") or "identity"
        tab = next((t for t in visible if t.slug == slug), None)
        if tab is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(prisoner=prisoner, capabilities=capabilities, tabs=visible, tab=tab)
        context.update(tabs.header_context(prisoner, self.request.user, capabilities))
        if tab.slug == "identity":
            context["aliases"] = list(prisoner.aliases.all())
            context["documents"] = list(prisoner.documents.all())
        if tab.slug == "history":
            context["events"] = history.readable(
                selectors.prisoner_history(prisoner=prisoner), self.request.user, capabilities
            )
        if tab.slug == "access":
            context.update(access_log_context(prisoner, self.request.GET))
        elif tab.context:
            context.update(tab.context(prisoner, self.request.user, capabilities))
        return context


class PrisonerPhotoView(FileView):
    """Photos are stored outside the web root and served only through this check."""

    capability = "view"

    def get(self, request, pk):
        prisoner = self.prisoner
        if not prisoner.photo:
            raise Http404
        return photo_response(prisoner.photo, f"photo-{prisoner.pk}.jpg")


class IdentityCorrectionView(FileView):
    """Correct the identity recorded at admission (officers and supervisors of the
    holding facility: ``change_prisoner``), with a reason; a Rule 11 problem the
    correction reveals is shown at once."""

    capability = "change_prisoner"
    template_name = "casemgmt/identity_correct.html"

    def get(self, request, pk):
        return render(
            request, self.template_name, self._context(IdentityCorrectionForm(prisoner=self.prisoner))
        )

    def post(self, request, pk):
        form = IdentityCorrectionForm(request.POST, prisoner=self.prisoner)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _corrected, problems = services.prisoner_correct(
                    actor=request.user,
                    prisoner=self.prisoner,
                    reason=data["reason"],
                    keep_old_name=data["keep_old_name"],
                    aliases=[data["new_alias"]] if data["new_alias"] else [],
                    documents=form.documents(),
                    **form.changes(),
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The identity is corrected."))
                for problem in problems:
                    messages.warning(request, problem)
                return HttpResponseRedirect(reverse("prisoner-tab", args=[pk, "identity"]))
        return render(request, self.template_name, self._context(form), status=400)

    def _context(self, form):
        return {"prisoner": self.prisoner, "form": form}
